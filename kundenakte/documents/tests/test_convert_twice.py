"""Turning a quote into an invoice (or delivery note) a second time needs an explicit
confirmation that names what was made from it already: a double click makes no duplicate."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from kundenakte.documents import services
from kundenakte.documents.models import Document
from kundenakte.documents.tests.factories import TODAY, Kind, make_quote

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_pages(settings):
    settings.LANGUAGE_CODE = "en"


def convert_url(quote) -> str:
    return f"/documents/{quote.pk}/convert/"


def test_a_quote_cannot_be_converted_twice_without_confirmation():
    quote = make_quote()
    first = services.quote_convert(quote=quote, kind=Kind.INVOICE, user=None)
    with pytest.raises(ValidationError) as refused:
        services.quote_convert(quote=quote, kind=Kind.INVOICE, user=None)
    assert refused.value.existing == [first]
    assert quote.derived.count() == 1
    services.quote_convert(quote=quote, kind=Kind.INVOICE, user=None, confirmed=True)
    assert quote.derived.filter(kind=Kind.INVOICE).count() == 2


def test_an_invoice_after_a_delivery_note_needs_no_confirmation():
    quote = make_quote()
    services.quote_convert(quote=quote, kind=Kind.DELIVERY_NOTE, user=None)
    services.quote_convert(quote=quote, kind=Kind.INVOICE, user=None)
    with pytest.raises(ValidationError):
        services.quote_convert(quote=quote, kind=Kind.DELIVERY_NOTE, user=None)
    assert quote.derived.count() == 2


def test_a_double_click_on_create_invoice_makes_one_draft(staff_client):
    quote = make_quote()
    first = staff_client.post(convert_url(quote), {"kind": "invoice"})
    second = staff_client.post(convert_url(quote), {"kind": "invoice"})
    assert first.status_code == 302 and second.status_code == 200
    assert Document.objects.filter(kind=Kind.INVOICE).count() == 1


def test_converting_again_asks_for_confirmation_naming_the_issued_invoice(staff_client):
    quote = make_quote()
    draft = services.quote_convert(quote=quote, kind=Kind.INVOICE, user=None, today=TODAY)
    invoice = services.invoice_issue(invoice=draft, user=None, today=TODAY)
    page = staff_client.post(convert_url(quote), {"kind": "invoice"}).content.decode()
    assert f"The invoice {invoice.number} has been created from this quote already." in page
    assert f'href="/documents/{invoice.pk}/"' in page
    assert "Create another invoice anyway?" in page
    assert 'name="confirm" value="1"' in page and 'name="kind" value="invoice"' in page
    response = staff_client.post(convert_url(quote), {"kind": "invoice", "confirm": "1"})
    newest = quote.derived.filter(kind=Kind.INVOICE).latest("pk")
    assert newest != invoice and response["Location"] == f"/documents/{newest.pk}/edit/"


def test_the_confirmation_names_a_draft_by_its_date(staff_client):
    quote = make_quote()
    services.quote_convert(quote=quote, kind=Kind.INVOICE, user=None, today=date(2026, 3, 5))
    page = staff_client.post(convert_url(quote), {"kind": "invoice"}).content.decode()
    assert "The draft invoice of 03/05/2026 has been created from this quote already." in page


def test_the_confirmation_page_in_german(staff_client, settings):
    settings.LANGUAGE_CODE = "de"
    quote = make_quote()
    draft = services.quote_convert(quote=quote, kind=Kind.INVOICE, user=None, today=TODAY)
    invoice = services.invoice_issue(invoice=draft, user=None, today=TODAY)
    page = staff_client.post(convert_url(quote), {"kind": "invoice"}).content.decode()
    assert f"Aus diesem Angebot wurde bereits die Rechnung {invoice.number} erstellt." in page
    assert "Trotzdem eine weitere Rechnung erstellen?" in page
