from datetime import timedelta
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from kundenakte.customers.tests.factories import make_customer, make_person
from kundenakte.documents import services
from kundenakte.documents.models import Document
from kundenakte.documents.tests.factories import TODAY, Kind, Status, make_draft, make_quote

pytestmark = pytest.mark.django_db


def test_sending_a_quote_gives_it_its_number_date_and_frozen_data(staff_user):
    customer = make_customer(company_name="Bäckerei Sonne GmbH", street="Marktplatz 3")
    person = make_person(customer, salutation="ms", title="Dr.", last_name="Müller")
    draft = make_draft(kind=Kind.QUOTE, customer=customer, person=person, today=TODAY)
    quote = services.quote_send(quote=draft, user=staff_user, today=TODAY + timedelta(days=2))
    assert (quote.number, quote.status) == ("AN-2026-00001", Status.SENT)
    assert quote.date == TODAY + timedelta(days=2)
    assert quote.recipient["lines"][:3] == [
        "Bäckerei Sonne GmbH",
        "Frau Dr. Kim Müller",
        "Marktplatz 3",
    ]
    assert quote.recipient["letter_salutation"] == "Sehr geehrte Frau Dr. Müller,"
    assert quote.seller["company_name"] == "Tischlerei Holzwurm GmbH"
    assert (quote.net_total, quote.vat_total, quote.gross_total) == (
        D("100.00"),
        D("19.00"),
        D("119.00"),
    )
    assert (quote.issued_by, quote.issued_at is not None) == (staff_user, True)


def test_sending_a_quote_gives_a_prospect_no_customer_number():
    quote = make_quote()
    assert quote.customer.number is None
    assert quote.recipient["customer_number"] == ""


def test_a_quote_without_valid_until_date_gets_the_default_validity():
    draft = make_draft(kind=Kind.QUOTE)
    Document.objects.filter(pk=draft.pk).update(valid_until=None)
    quote = services.quote_send(quote=draft, user=None, today=TODAY)
    assert quote.valid_until == TODAY + timedelta(days=30)


def test_a_quote_without_items_cannot_be_sent():
    with pytest.raises(ValidationError, match="at least one item"):
        services.quote_send(quote=make_draft(kind=Kind.QUOTE, items=[]), user=None)


def test_a_quote_valid_until_a_past_day_cannot_be_sent():
    draft = make_draft(kind=Kind.QUOTE)
    with pytest.raises(ValidationError):
        services.quote_send(quote=draft, user=None, today=draft.valid_until + timedelta(days=1))


def test_a_quote_is_sent_once():
    quote = make_quote()
    with pytest.raises(ValidationError, match="can no longer be changed"):
        services.quote_send(quote=quote, user=None)


def test_a_sent_quote_can_be_accepted_or_rejected():
    accepted = services.quote_accept(quote=make_quote())
    rejected = services.quote_reject(quote=make_quote())
    assert (accepted.status, rejected.status) == (Status.ACCEPTED, Status.REJECTED)


def test_a_draft_quote_cannot_be_answered():
    draft = make_draft(kind=Kind.QUOTE)
    for answer in (services.quote_accept, services.quote_reject):
        with pytest.raises(ValidationError, match="Send the quote"):
            answer(quote=draft)


def test_an_answered_quote_cannot_be_answered_again():
    accepted = services.quote_accept(quote=make_quote())
    rejected = services.quote_reject(quote=make_quote())
    for answer, quote in ((services.quote_reject, accepted), (services.quote_accept, rejected)):
        with pytest.raises(ValidationError, match="answered this quote already"):
            answer(quote=quote)


def test_only_quotes_are_sent_or_answered():
    invoice = make_draft(kind=Kind.INVOICE)
    with pytest.raises(ValidationError):
        services.quote_send(quote=invoice, user=None)
    with pytest.raises(ValidationError):
        services.quote_accept(quote=invoice)


def test_a_sent_quote_expires_the_day_after_its_valid_until_date():
    quote = make_quote()
    assert not services.quote_is_expired(quote=quote, today=quote.valid_until)
    assert services.quote_is_expired(quote=quote, today=quote.valid_until + timedelta(days=1))


def test_an_answered_quote_never_expires():
    quote = services.quote_accept(quote=make_quote())
    assert not services.quote_is_expired(quote=quote, today=quote.valid_until + timedelta(days=9))


def test_an_expired_quote_can_still_be_accepted():
    quote = make_quote()
    assert quote.is_expired_on(quote.valid_until + timedelta(days=5))
    assert services.quote_accept(quote=quote).status == Status.ACCEPTED


# --- Conversion ---------------------------------------------------------------------------------


def test_a_sent_quote_becomes_a_draft_invoice_with_its_items(staff_user):
    quote = make_quote(items=[("2", "50.00", "19"), ("1", "20.00", "7")], subject="Küche")
    invoice = services.quote_convert(quote=quote, kind=Kind.INVOICE, user=staff_user, today=TODAY)
    assert (invoice.kind, invoice.status, invoice.number) == (Kind.INVOICE, Status.DRAFT, None)
    assert (invoice.source, invoice.customer, invoice.subject) == (quote, quote.customer, "Küche")
    copied = [(i.position, i.quantity, i.unit_price, i.vat_rate) for i in invoice.items.all()]
    assert copied == [(1, D("2"), D("50.00"), D("19")), (2, D("1"), D("20.00"), D("7"))]
    assert invoice.gross_total == quote.gross_total == D("140.40")
    assert invoice.created_by == staff_user


def test_converting_leaves_the_quote_unchanged():
    quote = make_quote()
    before = Document.objects.values().get(pk=quote.pk)
    services.quote_convert(quote=quote, kind=Kind.INVOICE, user=None)
    assert Document.objects.values().get(pk=quote.pk) == before
    assert quote.items.count() == 1


def test_a_quote_becomes_a_delivery_note_without_prices():
    quote = services.quote_accept(quote=make_quote())
    note = services.quote_convert(quote=quote, kind=Kind.DELIVERY_NOTE, user=None)
    item = note.items.get()
    assert (item.quantity, item.unit_price, item.vat_rate) == (D("1"), None, None)
    assert note.gross_total == D("0.00")


def test_a_quote_converts_into_a_delivery_note_and_then_the_invoice():
    quote = services.quote_accept(quote=make_quote())
    services.quote_convert(quote=quote, kind=Kind.DELIVERY_NOTE, user=None)
    services.quote_convert(quote=quote, kind=Kind.INVOICE, user=None)
    assert sorted(quote.derived.values_list("kind", flat=True)) == [
        Kind.DELIVERY_NOTE,
        Kind.INVOICE,
    ]


def test_a_draft_or_rejected_quote_is_not_converted():
    rejected = services.quote_reject(quote=make_quote())
    for quote in (make_draft(kind=Kind.QUOTE), rejected):
        with pytest.raises(ValidationError, match="sent or accepted"):
            services.quote_convert(quote=quote, kind=Kind.INVOICE, user=None)


def test_a_quote_converts_only_into_an_invoice_or_a_delivery_note():
    quote = make_quote()
    for kind in (Kind.QUOTE, Kind.CANCELLATION):
        with pytest.raises(ValidationError):
            services.quote_convert(quote=quote, kind=kind, user=None)
    with pytest.raises(ValidationError):
        services.quote_convert(quote=make_draft(kind=Kind.INVOICE), kind=Kind.INVOICE, user=None)


def test_the_converted_invoice_is_issued_like_any_other():
    quote = make_quote()
    draft = services.quote_convert(quote=quote, kind=Kind.INVOICE, user=None, today=TODAY)
    invoice = services.invoice_issue(invoice=draft, user=None, today=TODAY)
    assert (invoice.number, invoice.source) == ("RE-2026-00001", quote)
    quote.refresh_from_db()
    assert quote.status == Status.SENT
