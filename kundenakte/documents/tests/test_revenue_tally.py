"""The document tallies (documents/revenue.py) always say what counting the documents says."""

import datetime
from collections import defaultdict
from decimal import Decimal as D

import pytest
from django.db import connection
from django.db.models import Count

from kundenakte.core import triggers
from kundenakte.customers.tests.factories import make_customer
from kundenakte.documents import revenue, services
from kundenakte.documents.management.commands.recount_derived import recount_derived
from kundenakte.documents.models import Document
from kundenakte.documents.tests.factories import Kind, make_draft, make_invoice, make_quote

pytestmark = pytest.mark.django_db

SINCE = datetime.date(2000, 1, 1)
MARCH, APRIL = datetime.date(2026, 3, 2), datetime.date(2026, 4, 14)


def summed(customer) -> dict[str, D]:
    """The net revenue per month, summed from the documents themselves."""
    sums = defaultdict(lambda: D("0.00"))
    counted = Document.objects.filter(
        customer=customer, kind__in=(Kind.INVOICE, Kind.CANCELLATION)
    ).exclude(status=Document.Status.DRAFT)
    for document in counted:
        sums[f"{document.date:%Y-%m}"] += document.net_total
    return {month: net for month, net in sums.items() if net}


def tallied(customer) -> dict[str, D]:
    return {m: net for m, net in revenue.revenue_read(customer.pk, SINCE).items() if net}


def counted(customer) -> dict[tuple[str, str], int]:
    rows = Document.objects.filter(customer=customer).values_list("kind", "status")
    return {(kind, status): n for kind, status, n in rows.annotate(n=Count("id")).order_by()}


def test_issuing_paying_and_cancelling_keep_the_tally_equal_to_the_sum():
    customer = make_customer()
    first = make_invoice(customer=customer, today=MARCH)
    second = make_invoice(customer=customer, today=MARCH, items=[("3", "33.33", "19.00")])
    services.payment_record(invoice=first, amount=D("50.00"), date=APRIL, user=None)
    services.invoice_cancel(invoice=second, user=None, today=APRIL)
    make_invoice(customer=customer, today=APRIL)
    draft = make_draft(customer=customer, today=APRIL)  # drafts and quotes are no revenue
    make_quote(customer=customer, today=APRIL)

    assert tallied(customer) == summed(customer) == {"2026-03": D("199.99"), "2026-04": D("0.01")}
    assert revenue.counts_read(customer.pk) == counted(customer)
    assert revenue.counts_read(customer.pk)[(Kind.INVOICE, Document.Status.CANCELLED)] == 1

    services.item_add(
        document=draft, description="Nachtrag", quantity=D("1"), unit="Stk",
        unit_price=D("10.00"), vat_rate=D("19.00"),
    )  # fmt: skip
    services.document_delete_draft(document=draft)
    assert tallied(customer) == summed(customer)
    assert revenue.counts_read(customer.pk) == counted(customer)


def test_each_customer_has_their_own_revenue():
    alice, bob = make_customer(), make_customer()
    make_invoice(customer=alice, today=MARCH)
    make_invoice(customer=bob, today=MARCH, items=[("2", "100.00", "19.00")])
    assert tallied(alice) == {"2026-03": D("100.00")}
    assert tallied(bob) == {"2026-03": D("200.00")}


def test_rows_written_around_the_services_are_counted_too():
    # As the benchmark and a data import do: the database keeps the tally, not the services.
    customer = make_customer()
    invoice = make_invoice(customer=customer, today=MARCH)
    Document.objects.bulk_create(
        [
            Document(
                kind=Kind.INVOICE,
                status=Document.Status.PAID,
                number=f"IMPORT-{n}",
                customer=customer,
                date=APRIL,
                net_total=D("0.10"),
                recipient=invoice.recipient,
                seller=invoice.seller,
            )
            for n in range(30)
        ]
    )
    assert tallied(customer) == summed(customer) == {"2026-03": D("100.00"), "2026-04": D("3.00")}
    assert revenue.counts_read(customer.pk) == counted(customer)


def test_the_triggers_and_a_recount_restore_lost_triggers():
    customer = make_customer()
    make_invoice(customer=customer, today=MARCH)
    with connection.cursor() as cursor:
        for sql in triggers.drop_sql(revenue.triggers, connection.vendor):
            cursor.execute(sql)
    make_invoice(customer=customer, today=APRIL)  # not counted: no triggers
    with connection.cursor() as cursor:
        for sql in triggers.create_sql(revenue.triggers, connection.vendor):
            cursor.execute(sql)
    recount_derived()
    assert tallied(customer) == {"2026-03": D("100.00"), "2026-04": D("100.00")}
    make_invoice(customer=customer, today=MARCH)
    assert tallied(customer) == {"2026-03": D("200.00"), "2026-04": D("100.00")}
    assert revenue.counts_read(customer.pk) == {(Kind.INVOICE, Document.Status.ISSUED): 3}
