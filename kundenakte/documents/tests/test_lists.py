"""The chainable reads behind the document lists and the customer file."""

from datetime import timedelta
from decimal import Decimal as D

import pytest

from kundenakte.customers.tests.factories import make_customer
from kundenakte.documents import services
from kundenakte.documents.models import Document
from kundenakte.documents.tests.factories import (
    TODAY,
    Kind,
    make_draft,
    make_invoice,
    make_quote,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def invoices():
    """One of each: draft, open, partly paid, paid, cancelled (with its cancellation)."""
    customer = make_customer()
    made = {"draft": make_draft(customer=customer)}
    for name in ("open", "partly", "paid", "cancelled"):
        made[name] = make_invoice(customer=customer)
    services.payment_record(invoice=made["partly"], amount=D("19.00"), date=TODAY, user=None)
    services.payment_record(invoice=made["paid"], amount=D("119.00"), date=TODAY, user=None)
    services.invoice_cancel(invoice=made["cancelled"], user=None)
    return made


def pks(queryset) -> set[int]:
    return set(queryset.values_list("pk", flat=True))


def test_open_items_are_issued_invoices_not_fully_paid(invoices):
    assert pks(Document.objects.open_items()) == {invoices["open"].pk, invoices["partly"].pk}


def test_overdue_items_are_open_items_past_their_due_date(invoices):
    due = invoices["open"].due_date
    assert pks(Document.objects.overdue(today=due)) == set()
    assert pks(Document.objects.overdue(today=due + timedelta(days=1))) == {
        invoices["open"].pk,
        invoices["partly"].pk,
    }


def test_unanswered_and_expired_quotes():
    sent = make_quote()
    services.quote_accept(quote=make_quote())
    make_draft(kind=Kind.QUOTE)
    assert pks(Document.objects.unanswered_quotes()) == {sent.pk}
    assert pks(Document.objects.expired_quotes(today=sent.valid_until)) == set()
    later = sent.valid_until + timedelta(days=1)
    assert pks(Document.objects.expired_quotes(today=later)) == {sent.pk}


def test_reads_chain_by_customer_and_kind(invoices):
    other = make_invoice()
    mine = Document.objects.for_customer(invoices["open"].customer)
    assert other.pk not in pks(mine)
    assert pks(mine.of_kind(Kind.CANCELLATION)) == {invoices["cancelled"].cancellation.pk}
    assert pks(mine.of_kind(Kind.INVOICE).drafts()) == {invoices["draft"].pk}


def test_the_open_amounts_of_a_list_cost_one_query(invoices, django_assert_num_queries):
    with django_assert_num_queries(1):
        rows = [(d.number, d.open_amount) for d in Document.objects.open_items().order_by("number")]
    assert [amount for _, amount in rows] == [D("119.00"), D("100.00")]
    total = Document.objects.open_items().with_open_amount().order_by("open")
    assert [d.open for d in total] == [D("100.00"), D("119.00")]
