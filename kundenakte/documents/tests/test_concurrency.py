"""Concurrent issuing on PostgreSQL: numbers drawn under a row lock stay unique and gap-free.

SQLite serialises every writing transaction (BEGIN IMMEDIATE), so only PostgreSQL can show a
race here. Each thread works on its own database connection and closes it at the end.
"""

import threading
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from kundenakte.core.models import NumberRange
from kundenakte.customers.models import Customer
from kundenakte.customers.tests.factories import make_customer
from kundenakte.documents import services
from kundenakte.documents.models import Document
from kundenakte.documents.tests.factories import TODAY, make_draft, make_quote

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 8


@pytest.fixture(autouse=True)
def postgresql_only(seeded_documents):
    if connection.vendor != "postgresql":
        pytest.skip("row locks and concurrent writers need PostgreSQL")


def run_at_once(action: Callable[[int], None], ids: list[int]) -> list[BaseException]:
    """Run `action(id)` in one thread per id, all released at the same moment."""
    barrier = threading.Barrier(len(ids))
    errors: list[BaseException] = []

    def work(pk: int) -> None:
        try:
            barrier.wait()
            action(pk)
        except BaseException as exc:  # collected and asserted on by the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(pk,)) for pk in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


def issue(pk: int) -> None:
    services.invoice_issue(invoice=Document.objects.get(pk=pk), user=None, today=TODAY)


def test_invoices_issued_at_once_get_unique_gap_free_numbers():
    drafts = [make_draft(customer=make_customer(number=i % 2 == 0)) for i in range(THREADS)]
    errors = run_at_once(issue, [d.pk for d in drafts])
    assert errors == []
    numbers = sorted(Document.objects.of_kind("invoice").values_list("number", flat=True))
    assert numbers == [f"RE-2026-{n:05}" for n in range(1, THREADS + 1)]
    assert NumberRange.objects.get(key="invoice").next_value == THREADS + 1
    customer_numbers = Customer.objects.values_list("number", flat=True)
    assert sorted(customer_numbers) == [str(10000 + n) for n in range(THREADS)]


def test_first_invoices_of_one_prospect_issued_at_once_give_it_exactly_one_number():
    prospect = make_customer()
    drafts = [make_draft(customer=prospect) for _ in range(THREADS)]
    errors = run_at_once(issue, [d.pk for d in drafts])
    assert errors == []
    prospect.refresh_from_db()
    assert prospect.number == "10000"
    assert NumberRange.objects.get(key="customer").next_value == 10001
    recipients = {d.recipient["customer_number"] for d in Document.objects.of_kind("invoice")}
    assert recipients == {"10000"}
    assert Document.objects.of_kind("invoice").issued().count() == THREADS


def convert(pk: int) -> None:
    quote = Document.objects.get(pk=pk)
    services.quote_convert(quote=quote, kind=Document.Kind.INVOICE, user=None, today=TODAY)


def test_a_quote_converted_at_once_by_several_requests_gives_one_draft():
    quote = make_quote()
    errors = run_at_once(convert, [quote.pk] * THREADS)
    assert Document.objects.of_kind("invoice").count() == 1
    assert len(errors) == THREADS - 1
    assert all(isinstance(error, ValidationError) for error in errors)
