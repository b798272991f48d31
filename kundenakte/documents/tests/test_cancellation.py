from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from kundenakte.customers import services as customer_services
from kundenakte.documents import services
from kundenakte.documents.models import Document
from kundenakte.documents.tests.factories import (
    TODAY,
    Kind,
    Status,
    make_draft,
    make_invoice,
    make_quote,
)

pytestmark = pytest.mark.django_db

ITEMS = [("3", "0.35", "19"), ("1.5", "9.99", "7"), ("1", "12.00", "0")]


def test_a_cancellation_mirrors_the_invoice_with_its_own_number(staff_user):
    invoice = make_invoice(items=ITEMS, subject="Reparatur")
    storno = services.invoice_cancel(
        invoice=invoice, user=staff_user, reason="Falsche Menge", today=TODAY
    )
    assert (storno.kind, storno.status, storno.number) == (
        Kind.CANCELLATION,
        Status.ISSUED,
        "ST-2026-00001",
    )
    assert (storno.cancels, storno.subject, storno.intro) == (invoice, "Reparatur", "Falsche Menge")
    assert [i.quantity for i in storno.items.all()] == [D("-3"), D("-1.5"), D("-1")]
    assert [i.unit_price for i in storno.items.all()] == [D("0.35"), D("9.99"), D("12.00")]
    assert (storno.net_total, storno.vat_total, storno.gross_total) == (
        -invoice.net_total,
        -invoice.vat_total,
        -invoice.gross_total,
    )
    assert [D(b["vat"]) for b in storno.vat_breakdown] == [
        -D(b["vat"]) for b in invoice.vat_breakdown
    ]
    assert storno.vat_breakdown[-1] == {"rate": "0.00", "net": "-12.00", "vat": "0.00"}
    assert (storno.issued_by, storno.open_amount) == (staff_user, 0)


def test_the_original_is_cancelled_and_keeps_its_content():
    invoice = make_invoice()
    services.invoice_cancel(invoice=invoice, user=None)
    assert invoice.status == Status.CANCELLED
    assert (invoice.number, invoice.gross_total) == ("RE-2026-00001", D("119.00"))
    assert invoice.cancellation.number == "ST-2026-00001"
    assert invoice.open_amount == 0


def test_the_cancellation_keeps_the_recipient_of_the_original():
    invoice = make_invoice()
    customer = invoice.customer
    customer.street = "Umzugsweg 9"
    customer_services.customer_update(user=None, customer=customer)
    storno = services.invoice_cancel(invoice=invoice, user=None)
    assert storno.recipient == invoice.recipient


def test_the_cancellation_keeps_the_vat_treatment_of_the_original(company):
    company.small_business = True
    company.save()
    invoice = make_invoice()
    company.small_business = False
    company.save()
    storno = services.invoice_cancel(invoice=invoice, user=None)
    assert (storno.small_business, storno.vat_total, storno.gross_total) == (
        True,
        D("0.00"),
        D("-100.00"),
    )


def test_an_invoice_is_cancelled_at_most_once():
    invoice = make_invoice()
    services.invoice_cancel(invoice=invoice, user=None)
    with pytest.raises(ValidationError, match="cancelled already"):
        services.invoice_cancel(invoice=invoice, user=None)
    assert Document.objects.of_kind(Kind.CANCELLATION).count() == 1


def test_a_draft_is_deleted_not_cancelled():
    with pytest.raises(ValidationError, match="delete it instead"):
        services.invoice_cancel(invoice=make_draft(), user=None)


def test_an_invoice_with_payments_is_not_cancelled():
    partly = make_invoice()
    services.payment_record(invoice=partly, amount=D("10.00"), date=TODAY, user=None)
    paid = make_invoice()
    services.payment_record(invoice=paid, amount=D("119.00"), date=TODAY, user=None)
    for invoice in (partly, paid):
        with pytest.raises(ValidationError, match="payments recorded"):
            services.invoice_cancel(invoice=invoice, user=None)
    assert not Document.objects.of_kind(Kind.CANCELLATION).exists()


def test_once_its_payments_are_removed_the_invoice_can_be_cancelled():
    invoice = make_invoice()
    payment = services.payment_record(invoice=invoice, amount=D("119.00"), date=TODAY, user=None)
    services.payment_delete(payment=payment)
    assert services.invoice_cancel(invoice=invoice, user=None).number == "ST-2026-00001"


def test_only_invoices_are_cancelled():
    invoice = make_invoice()
    storno = services.invoice_cancel(invoice=invoice, user=None)
    for document in (make_quote(), storno):
        with pytest.raises(ValidationError):
            services.invoice_cancel(invoice=document, user=None)


def test_a_failed_cancellation_leaves_no_trace(monkeypatch):
    invoice = make_invoice()
    from kundenakte.documents.services import issuing

    monkeypatch.setattr(issuing, "seller_data", lambda **kwargs: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        services.invoice_cancel(invoice=invoice, user=None)
    invoice.refresh_from_db()
    assert invoice.status == Status.ISSUED
    assert not Document.objects.of_kind(Kind.CANCELLATION).exists()
