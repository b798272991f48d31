from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from kundenakte.core.models import NumberRange
from kundenakte.customers import services as customer_services
from kundenakte.customers.models import Customer
from kundenakte.customers.tests.factories import make_customer, status
from kundenakte.documents import services
from kundenakte.documents.models import Document
from kundenakte.documents.services import issuing
from kundenakte.documents.tests.factories import (
    TODAY,
    Kind,
    Status,
    make_delivery_note_draft,
    make_draft,
    make_invoice,
)

pytestmark = pytest.mark.django_db


def next_value(key: str) -> int:
    return NumberRange.objects.get(key=key).next_value


def test_issuing_draws_the_number_and_sets_date_due_date_and_totals(staff_user):
    customer = make_customer(payment_terms_days=30)
    draft = make_draft(customer=customer, items=[("2", "50.00", "19"), ("1", "10.00", "7")])
    invoice = services.invoice_issue(invoice=draft, user=staff_user, today=TODAY)
    assert (invoice.number, invoice.status, invoice.date) == ("RE-2026-00001", Status.ISSUED, TODAY)
    assert invoice.due_date == TODAY + timedelta(days=30)
    assert (invoice.net_total, invoice.vat_total, invoice.gross_total) == (
        D("110.00"),
        D("19.70"),
        D("129.70"),
    )
    assert invoice.vat_breakdown == [
        {"rate": "19.00", "net": "100.00", "vat": "19.00"},
        {"rate": "7.00", "net": "10.00", "vat": "0.70"},
    ]
    assert (invoice.issued_by, invoice.open_amount) == (staff_user, D("129.70"))


def test_invoice_numbers_are_consecutive_and_restart_every_year():
    numbers = [make_invoice(today=day).number for day in (TODAY, TODAY, date(2027, 1, 4))]
    assert numbers == ["RE-2026-00001", "RE-2026-00002", "RE-2027-00001"]


def test_every_kind_draws_from_its_own_range():
    invoice = make_invoice()
    quote = services.quote_send(quote=make_draft(kind=Kind.QUOTE), user=None, today=TODAY)
    note = services.delivery_note_issue(
        delivery_note=make_delivery_note_draft(), user=None, today=TODAY
    )
    cancellation = services.invoice_cancel(invoice=invoice, user=None, today=TODAY)
    assert [d.number for d in (quote, invoice, note, cancellation)] == [
        "AN-2026-00001",
        "RE-2026-00001",
        "LS-2026-00001",
        "ST-2026-00001",
    ]


def test_an_invoice_is_issued_once():
    invoice = make_invoice()
    with pytest.raises(ValidationError, match="can no longer be changed"):
        services.invoice_issue(invoice=invoice, user=None)
    assert next_value("invoice") == 2


def test_an_invoice_without_items_is_not_issued():
    with pytest.raises(ValidationError, match="at least one item"):
        services.invoice_issue(invoice=make_draft(items=[]), user=None)


def test_only_an_invoice_is_issued_as_one():
    with pytest.raises(ValidationError):
        services.invoice_issue(invoice=make_draft(kind=Kind.QUOTE), user=None)


def test_an_invoice_needs_the_sellers_name_address_and_tax_number(company):
    company.vat_id = company.tax_number = company.street = ""
    company.save()
    with pytest.raises(ValidationError) as error:
        services.invoice_issue(invoice=make_draft(), user=None)
    assert "VAT ID or tax number" in str(error.value)
    assert "street" in str(error.value)
    assert next_value("invoice") == 1


def test_an_invoice_needs_the_customers_address():
    draft = make_draft(customer=make_customer(street=""))
    with pytest.raises(ValidationError, match="address is incomplete"):
        services.invoice_issue(invoice=draft, user=None)


def test_an_invoice_needs_its_delivery_date():
    draft = make_draft()
    Document.objects.filter(pk=draft.pk).update(service_date=None)
    with pytest.raises(ValidationError, match="delivery date"):
        services.invoice_issue(invoice=draft, user=None)


def test_an_invoice_cannot_total_less_than_zero():
    draft = make_draft(items=[("1", "10.00", "19"), ("-1", "20.00", "19")])
    with pytest.raises(ValidationError, match="less than zero"):
        services.invoice_issue(invoice=draft, user=None)


def test_a_discount_line_with_a_negative_quantity_is_fine():
    invoice = make_invoice(items=[("1", "100.00", "19"), ("-1", "10.00", "19")])
    assert invoice.gross_total == D("107.10")


def test_a_small_business_invoice_carries_no_vat(company):
    company.small_business = True
    company.save()
    invoice = make_invoice(items=[("1", "100.00", "19"), ("1", "50.00", "7")])
    assert (invoice.small_business, invoice.vat_total, invoice.gross_total) == (
        True,
        D("0.00"),
        D("150.00"),
    )
    assert invoice.vat_breakdown == []


# --- Frozen data ---------------------------------------------------------------------------------


def test_the_recipient_stays_as_issued_when_the_customer_moves():
    customer = make_customer(company_name="Alt GmbH", street="Alte Straße 1", city="Köln")
    invoice = make_invoice(customer=customer)
    customer.company_name, customer.street, customer.city = "Neu AG", "Neuer Weg 2", "Bonn"
    customer_services.customer_update(user=None, customer=customer)
    invoice.refresh_from_db()
    assert invoice.recipient["lines"] == ["Alt GmbH", "Alte Straße 1", "10115 Köln"]
    assert invoice.recipient["customer_number"] == "10000"


def test_the_seller_stays_as_issued_when_the_settings_change(company):
    invoice = make_invoice()
    company.iban, company.company_name = "DE02120300000000202051", "Andere GmbH"
    company.save()
    invoice.refresh_from_db()
    assert invoice.seller["company_name"] == "Tischlerei Holzwurm GmbH"
    assert invoice.seller["iban"] == "DE89370400440532013000"


# --- The customer number rule -------------------------------------------------------------------


def test_the_first_invoice_gives_a_prospect_the_next_number_and_the_numbered_status():
    make_customer(number=True)  # takes 10000
    prospect = make_customer()
    invoice = make_invoice(customer=prospect)
    prospect.refresh_from_db()
    assert (prospect.number, prospect.status) == ("10001", status("Kunde"))
    assert invoice.recipient["customer_number"] == "10001"


def test_the_second_invoice_keeps_the_customer_number():
    prospect = make_customer()
    make_invoice(customer=prospect)
    second = make_invoice(customer=prospect)
    assert Customer.objects.get(pk=prospect.pk).number == "10000"
    assert second.recipient["customer_number"] == "10000"
    assert next_value("customer") == 10001


def test_quotes_and_delivery_notes_give_no_customer_number():
    prospect = make_customer()
    quote = make_draft(kind=Kind.QUOTE, customer=prospect)
    services.quote_send(quote=quote, user=None, today=TODAY)
    services.delivery_note_issue(
        delivery_note=make_delivery_note_draft(customer=prospect), user=None
    )
    assert Customer.objects.get(pk=prospect.pk).number is None


def test_if_issuing_fails_after_drawing_neither_number_is_used(monkeypatch):
    prospect = make_customer()
    draft = make_draft(customer=prospect)

    def broken(**kwargs):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(issuing, "seller_data", broken)  # runs after both numbers are drawn
    with pytest.raises(RuntimeError):
        services.invoice_issue(invoice=draft, user=None, today=TODAY)
    prospect.refresh_from_db()
    assert (prospect.number, prospect.status) == (None, status("Interessent"))
    assert Document.objects.get(pk=draft.pk).status == Status.DRAFT
    assert (next_value("customer"), next_value("invoice")) == (10000, 1)
    monkeypatch.undo()
    assert make_invoice(customer=prospect).number == "RE-2026-00001"


# --- Due date and overdue -----------------------------------------------------------------------


def test_an_invoice_is_overdue_the_day_after_its_due_date():
    invoice = make_invoice(customer=make_customer(payment_terms_days=14))
    assert invoice.due_date == date(2026, 3, 16)
    assert not invoice.is_overdue_on(date(2026, 3, 16))
    assert invoice.is_overdue_on(date(2026, 3, 17))


def test_a_paid_or_cancelled_invoice_is_not_overdue():
    paid = make_invoice()
    services.payment_record(invoice=paid, amount=D("119.00"), date=TODAY, user=None)
    cancelled = make_invoice()
    services.invoice_cancel(invoice=cancelled, user=None)
    later = TODAY + timedelta(days=90)
    assert not paid.is_overdue_on(later)
    assert not cancelled.is_overdue_on(later)


def test_a_partly_paid_invoice_stays_overdue():
    invoice = make_invoice()
    services.payment_record(invoice=invoice, amount=D("100.00"), date=TODAY, user=None)
    assert invoice.is_overdue_on(TODAY + timedelta(days=90))


# --- Delivery notes -----------------------------------------------------------------------------


def test_issuing_a_delivery_note_draws_its_number_and_freezes_the_address():
    note = services.delivery_note_issue(
        delivery_note=make_delivery_note_draft(), user=None, today=TODAY
    )
    assert (note.number, note.status, note.gross_total) == ("LS-2026-00001", Status.ISSUED, 0)
    assert note.recipient["lines"]


def test_a_delivery_note_is_issued_once_and_not_without_items():
    note = services.delivery_note_issue(delivery_note=make_delivery_note_draft(), user=None)
    with pytest.raises(ValidationError):
        services.delivery_note_issue(delivery_note=note, user=None)
    with pytest.raises(ValidationError):
        services.delivery_note_issue(
            delivery_note=make_draft(kind=Kind.DELIVERY_NOTE, items=[]), user=None
        )
