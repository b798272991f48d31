from datetime import timedelta
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from kundenakte.documents import services
from kundenakte.documents.tests.factories import (
    TODAY,
    Kind,
    Status,
    make_draft,
    make_invoice,
    make_quote,
)

pytestmark = pytest.mark.django_db


def pay(invoice, amount: str, **kwargs):
    return services.payment_record(
        invoice=invoice, amount=D(amount), date=TODAY, user=None, **kwargs
    )


def test_a_partial_payment_leaves_the_rest_open(staff_user):
    invoice = make_invoice()
    payment = services.payment_record(
        invoice=invoice, amount=D("19.00"), date=TODAY, note="Anzahlung", user=staff_user
    )
    assert (payment.amount, payment.note, payment.created_by) == (
        D("19.00"),
        "Anzahlung",
        staff_user,
    )
    assert (invoice.status, invoice.paid_total, invoice.open_amount) == (
        Status.ISSUED,
        D("19.00"),
        D("100.00"),
    )


def test_the_payment_that_settles_the_rest_marks_the_invoice_paid():
    invoice = make_invoice()
    pay(invoice, "19.00")
    pay(invoice, "100.00")
    assert (invoice.status, invoice.open_amount) == (Status.PAID, 0)
    assert [p.amount for p in invoice.payments.all()] == [D("19.00"), D("100.00")]


def test_overpayment_is_refused_naming_the_open_amount():
    invoice = make_invoice()
    pay(invoice, "100.00")
    with pytest.raises(ValidationError) as error:
        pay(invoice, "19.01")
    assert error.value.message_dict["amount"] == ["The amount exceeds the open amount of 19.00 €."]
    invoice.refresh_from_db()
    assert (invoice.paid_total, invoice.payments.count()) == (D("100.00"), 1)


def test_the_open_amount_is_named_in_german_format():
    invoice = make_invoice(items=[("1", "1000.00", "19")])
    with translation.override("de"), pytest.raises(ValidationError) as error:
        pay(invoice, "5000.00")
    assert "1.190,00 €" in error.value.messages[0]


def test_a_paid_invoice_takes_no_more_payments():
    invoice = make_invoice()
    pay(invoice, "119.00")
    with pytest.raises(ValidationError, match="paid in full already"):
        pay(invoice, "0.01")


def test_drafts_cancelled_invoices_and_other_kinds_take_no_payments():
    cancelled = make_invoice()
    services.invoice_cancel(invoice=cancelled, user=None)
    cases = [
        (make_draft(), "Issue the invoice"),
        (cancelled, "cancelled invoice"),
        (make_quote(), "kind"),
        (make_draft(kind=Kind.DELIVERY_NOTE, items=[("1", None, None)]), "kind"),
    ]
    for document, message in cases:
        with pytest.raises(ValidationError, match=message):
            pay(document, "1.00")


def test_a_payment_is_a_positive_amount_in_cents():
    invoice = make_invoice()
    for amount in ("0", "-5.00", "1.005"):
        with pytest.raises(ValidationError) as error:
            pay(invoice, amount)
        assert "amount" in error.value.message_dict
    assert not invoice.payments.exists()


def test_removing_a_payment_reopens_the_invoice():
    invoice = make_invoice()
    first = pay(invoice, "19.00")
    pay(invoice, "100.00")
    services.payment_delete(payment=first)
    invoice.refresh_from_db()
    assert (invoice.status, invoice.paid_total, invoice.open_amount) == (
        Status.ISSUED,
        D("100.00"),
        D("19.00"),
    )


def test_the_due_date_follows_the_customers_payment_terms():
    from kundenakte.customers.tests.factories import make_customer

    invoice = make_invoice(customer=make_customer(payment_terms_days=7))
    assert invoice.due_date == TODAY + timedelta(days=7)
