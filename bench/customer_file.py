"""The customer-file probe: one customer with 3,000 invoices, 500 quotes and 200 tasks, and the
p50/p95 of its overview (/customers/<id>/) over HTTP.

The anchor: Dolibarr 23 shows the customer tab of such a customer in 1,009 ms (p50), issuing
about 6,000 queries. Our budget: p50 ≤ 20 ms, p95 ≤ 40 ms on both databases.

Hooking it into bench/__main__.py (two lines each):

    from bench import customer_file

    # _run_target(), after app.prepare(...):
    probes["file_customer"] = customer_file.prepare(app.app_env(target, static_root=""))

    # _latencies(), after the list cases:
    results.append(customer_file.measure(client, probes["file_customer"], settings))

`measure` returns a bench.measure.Latency like every list case, so report.py shows it in the
same table; `summary(latency)` gives p50/p95 and whether the budget holds.

The rows are bulk-inserted in their final state (issued, paid, cancelled …) with computed
totals: the services would take minutes for 3,500 documents, and the model guards refuse to
update issued rows. Line items and payment rows are left out — the overview reads only the
stored totals. Numbers carry a BENCH- prefix so they never meet a number range's numbers.

    python -m bench.customer_file      # with DATABASE_URL etc. set: prints {"customer_id": …}
"""

import datetime
import json
import subprocess
import sys
from decimal import Decimal

from bench.client import Client
from bench.databases import REPO
from bench.measure import Case, Latency, Settings, measure_latency

SHORT_NAME = "Bench Kundenakte Großkunde"
INVOICES, QUOTES, TASKS = 3000, 500, 200
BUDGET_P50_MS, BUDGET_P95_MS = 20.0, 40.0
PREPARE_TIMEOUT = 600
# The customer's rows, and the tallies the database keeps of them (documents/revenue.py);
# and the customer tallies and tag members, which customers' migration 0011 (and any
# `recount_derived`) rewrites in one go on PostgreSQL, so their old row versions would be left
# for an autovacuum that this machine's PostgreSQL does not run.
TABLES_TO_ANALYZE = (
    "documents_document",
    "tasks_task",
    "documents_customer_count",
    "documents_revenue_month",
    "customers_customer_tally",
    "customers_customer_tag_tally",
    "customers_customer_tag_member",
)
CENT = Decimal("0.01")


# --- In the bench process -----------------------------------------------------------------------


def prepare(database_env: dict[str, str]) -> int:
    """Create the customer (once per database) in a child process; return its id.

    `database_env` is the environment the other children get (bench.app.app_env(target, …)).
    """
    done = subprocess.run(
        [sys.executable, "-m", "bench.customer_file"],
        cwd=REPO,
        env=database_env,
        check=True,
        timeout=PREPARE_TIMEOUT,
        stdout=subprocess.PIPE,
    )
    return json.loads(done.stdout.decode().strip().splitlines()[-1])["customer_id"]


def case(customer_id: int) -> Case:
    return Case(
        f"Customer file: {INVOICES:,} invoices, {QUOTES} quotes, {TASKS} tasks",
        f"/customers/{customer_id}/",
        expect=r'id="section-revenue"',
        anchor="1009 / –",
        budget=(BUDGET_P50_MS, BUDGET_P95_MS),
    )


def measure(client: Client, customer_id: int, settings: Settings) -> Latency:
    return measure_latency(client, case(customer_id), settings)


def summary(latency: Latency) -> dict:
    p50, p95 = latency.p50_ms, latency.p95_ms
    within = latency.ok and p50 is not None and p50 <= BUDGET_P50_MS and p95 <= BUDGET_P95_MS
    return {"ok": latency.ok, "p50_ms": p50, "p95_ms": p95, "within_budget": within}


# --- In the child process (Django set up) -------------------------------------------------------


def _totals(index: int, sign: int = 1) -> dict:
    net = Decimal(80 + (index * 37) % 2400).quantize(CENT) * sign
    vat = (net * Decimal("0.19")).quantize(CENT)
    return {"net_total": net, "vat_total": vat, "gross_total": net + vat}


def _invoice(customer, index: int, today: datetime.date, frozen: dict):
    """Invoice `index` (0 = newest): paid when older than ten weeks, except every 25th, which
    stays open (and overdue) and every 40th, which is cancelled."""
    from kundenakte.documents.models import Document

    day = today - datetime.timedelta(days=index * 3 // 5)
    totals = _totals(index)
    old = index > 50
    status = Document.Status.ISSUED
    if old and index % 40 == 0:
        status = Document.Status.CANCELLED
    elif old and index % 25 != 0:
        status = Document.Status.PAID
    paid = totals["gross_total"] if status == Document.Status.PAID else Decimal("0.00")
    if status == Document.Status.ISSUED and index % 2:
        paid = (totals["gross_total"] / 2).quantize(CENT)  # partly paid
    return Document(
        kind=Document.Kind.INVOICE,
        status=status,
        number=f"BENCH-RE-{customer.pk}-{index:05d}",
        customer=customer,
        date=day,
        service_date=day,
        due_date=day + datetime.timedelta(days=14),
        subject=f"Wartung und Material {index}",
        paid_total=paid,
        **frozen,
        **totals,
    )


def _cancellation(invoice, index: int):
    from kundenakte.documents.models import Document

    return Document(
        kind=Document.Kind.CANCELLATION,
        status=Document.Status.ISSUED,
        number=f"BENCH-ST-{invoice.customer_id}-{index:05d}",
        customer=invoice.customer,
        cancels=invoice,
        date=invoice.date + datetime.timedelta(days=3),
        service_date=invoice.service_date,
        subject=invoice.subject,
        recipient=invoice.recipient,
        seller=invoice.seller,
        issued_at=invoice.issued_at,
        **_totals(index, sign=-1),
    )


def _quote(customer, index: int, today: datetime.date, frozen: dict):
    """Quote `index`: most answered, the newest 40 (some expired) still waiting."""
    from kundenakte.documents.models import Document

    day = today - datetime.timedelta(days=index * 3)
    status = Document.Status.SENT
    if index >= 40:
        status = Document.Status.ACCEPTED if index % 3 else Document.Status.REJECTED
    return Document(
        kind=Document.Kind.QUOTE,
        status=status,
        number=f"BENCH-AN-{customer.pk}-{index:05d}",
        customer=customer,
        date=day,
        valid_until=day + datetime.timedelta(days=30),
        subject=f"Angebot Anlage {index}",
        **frozen,
        **_totals(index),
    )


def _task(customer, index: int, today: datetime.date, now):
    from kundenakte.tasks.models import Task

    done = index >= 30  # 30 open, the rest done
    return Task(
        title=f"Aufgabe {index}: Rückruf",
        customer=customer,
        due_date=today + datetime.timedelta(days=index % 20 - 10),
        done=done,
        done_at=now if done else None,
    )


def _frozen(customer, now) -> dict:
    recipient = {"name": customer.display_name, "city": customer.city}
    return {"recipient": recipient, "seller": {"company_name": "Bench GmbH"}, "issued_at": now}


def _create_customer():
    from kundenakte.customers import services
    from kundenakte.customers.models import Customer

    customer = services.customer_create(
        user=None,
        customer=Customer(
            kind=Customer.Kind.COMPANY,
            company_name=f"{SHORT_NAME} GmbH",
            short_name=SHORT_NAME,
            street="Industriestraße 1",
            postal_code="04109",
            city="Leipzig",
        ),
    )
    return services.customer_assign_number(user=None, customer=customer)


def fill_customer() -> int:
    """The customer with its documents and tasks; reused when it is there already."""
    from django.db import transaction
    from django.utils import timezone

    from kundenakte.customers.models import Customer
    from kundenakte.documents.models import Document
    from kundenakte.tasks.models import Task

    existing = Customer.objects.filter(short_name=SHORT_NAME).first()
    if existing is not None:
        _archive(existing.pk)
        _analyze()
        return existing.pk
    today, now = timezone.localdate(), timezone.now()
    with transaction.atomic():
        customer = _create_customer()
        frozen = _frozen(customer, now)
        invoices = [_invoice(customer, i, today, frozen) for i in range(INVOICES)]
        Document.objects.bulk_create(invoices, batch_size=500)
        cancelled = [
            (i, d) for i, d in enumerate(invoices) if d.status == Document.Status.CANCELLED
        ]
        Document.objects.bulk_create([_cancellation(d, i) for i, d in cancelled], batch_size=500)
        quotes = [_quote(customer, i, today, frozen) for i in range(QUOTES)]
        Document.objects.bulk_create(quotes, batch_size=500)
        Task.objects.bulk_create([_task(customer, i, today, now) for i in range(TASKS)])
        _archive(customer.pk)
    _analyze()
    return customer.pk


def _analyze() -> None:
    """As bench.dataset does after its load: the planner sees the steady state at once rather
    than after autovacuum's next round (or never, where autovacuum is off)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in TABLES_TO_ANALYZE:
                cursor.execute(f"VACUUM ANALYZE {table}")


def _archive(customer_id: int) -> None:
    """Archived, so the list and its exports keep exactly the generated 100,000 customers."""
    from kundenakte.customers.models import Customer

    Customer.objects.filter(pk=customer_id).update(archived=True)


def main() -> None:
    import django

    django.setup()
    print(json.dumps({"customer_id": fill_customer()}))


if __name__ == "__main__":
    main()
