"""The PDF of a document: what German VAT law wants printed, from the data frozen at issue."""

import io
import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from kundenakte.accounts.models import CompanySettings
from kundenakte.customers import services as customer_services
from kundenakte.customers.models import Customer
from kundenakte.customers.tests.factories import make_customer, make_person
from kundenakte.documents import pdf, services
from kundenakte.documents.tests.factories import (
    TODAY,
    Kind,
    make_delivery_note_draft,
    make_draft,
    make_invoice,
    make_quote,
)

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    """The text of every page, whitespace collapsed, so line breaks do not matter."""
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def page_count(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def text_of(document) -> str:
    return pdf_text(pdf.document_pdf_bytes(document))


@pytest.fixture
def customer():
    customer = make_customer(
        company_name="Bäckerei Özdemir & Söhne GmbH",
        short_name="Özdemir",
        street="Lindenallee 7",
        postal_code="50667",
        city="Köln",
        vat_id="DE811569869",
    )
    make_person(customer, salutation="ms", title="Dr.", first_name="Anna", last_name="Müller")
    return customer


@pytest.fixture
def invoice(customer):
    """RE-2026-00001: 10 × 123,45 at 19 % and 2 × 50,00 at 7 %."""
    draft = make_draft(
        customer=customer,
        person=customer.persons.get(),
        items=[("10", "123.45", "19.00"), ("2", "50.00", "7.00")],
        subject="Backofen-Wartung März",
    )
    return services.invoice_issue(invoice=draft, user=None, today=TODAY)


# --- What an invoice prints -------------------------------------------------------------------


def test_an_invoice_names_its_number_the_customer_address_and_the_dates(invoice):
    text = text_of(invoice)
    assert "Rechnung" in text and "RE-2026-00001" in text
    for line in [
        "Bäckerei Özdemir & Söhne GmbH",
        "Frau Dr. Anna Müller",
        "Lindenallee 7",
        "50667 Köln",
    ]:
        assert line in text
    assert "Sehr geehrte Frau Dr. Müller," in text
    assert "Kundennummer 10000" in text
    assert "Datum 02.03.2026" in text and "Leistungsdatum 02.03.2026" in text
    assert "Fällig am 16.03.2026" in text
    assert "Ihre USt-IdNr. DE811569869" in text


def test_an_invoice_shows_net_vat_per_rate_and_gross_in_german_format(invoice):
    text = text_of(invoice)
    assert "123,45 €" in text and "1.234,50 €" in text  # unit price and line amount
    assert "Nettobetrag 1.334,50 €" in text
    assert "USt. 19 % auf 1.234,50 € 234,56 €" in text
    assert "USt. 7 % auf 100,00 € 7,00 €" in text
    assert "Gesamtbetrag 1.576,06 €" in text
    assert "bis zum 16.03.2026" in text


def test_every_page_names_the_seller_its_tax_ids_and_bank_account(invoice):
    text = text_of(invoice)
    assert "Tischlerei Holzwurm GmbH · Werkstraße 5 · 04109 Leipzig" in text  # return line
    assert "USt-IdNr.: DE136695976" in text
    assert "Steuernummer: 231/123/45678" in text
    assert "IBAN DE89 3704 0044 0532 0130 00" in text
    assert "BIC COBADEFFXXX" in text
    assert "Seite 1 von 1" in text


def test_a_long_invoice_runs_over_several_pages_numbered_seite_x_von_y():
    items = [(str(n % 7 + 1), "19.90", "19.00") for n in range(80)]
    document = make_invoice(items=items)
    data = pdf.document_pdf_bytes(document)
    pages = page_count(data)
    assert pages >= 2
    text = pdf_text(data)
    for page in range(1, pages + 1):
        assert f"Seite {page} von {pages}" in text
    assert text.count("USt-IdNr.: DE136695976") == pages  # the footer on every page


def test_a_small_business_invoice_shows_no_vat_and_names_paragraph_19(company):
    company.small_business = True
    company.save()
    text = text_of(make_invoice(items=[("3", "40.00", "19.00")]))
    assert "Gemäß § 19 UStG wird keine Umsatzsteuer berechnet." in text
    assert "Gesamtbetrag 120,00 €" in text
    assert "USt. 19 %" not in text and "Nettobetrag" not in text


def test_a_zero_rate_line_names_the_reason():
    text = text_of(make_invoice(items=[("1", "500.00", "0.00")]))
    assert "USt. 0 % auf 500,00 € 0,00 €" in text
    assert "§ 12 Abs. 3 UStG" in text


def test_a_service_period_is_printed_as_a_period():
    document = make_invoice(
        service_date=TODAY.replace(day=1), service_period_end=TODAY.replace(day=28)
    )
    assert "Leistungszeitraum 01.03.2026 – 28.03.2026" in text_of(document)


def test_a_discount_gets_its_column_and_reduces_the_amount():
    draft = make_draft(items=[])
    services.item_add(
        document=draft,
        description="Brötchen",
        quantity=Decimal("100"),
        unit="Stk",
        unit_price=Decimal("0.50"),
        vat_rate=Decimal("7.00"),
        discount_percent=Decimal("10"),
    )
    text = text_of(services.invoice_issue(invoice=draft, user=None, today=TODAY))
    assert "Rabatt" in text and "10 %" in text and "45,00 €" in text


def test_what_customers_type_is_printed_as_text_not_markup():
    document = make_invoice(subject="<b>Fett</b> & <script>x</script>")
    assert "<b>Fett</b> & <script>x</script>" in text_of(document)


# --- Other kinds ------------------------------------------------------------------------------


def test_a_cancellation_is_a_stornorechnung_naming_the_original_never_a_gutschrift(invoice):
    cancellation = services.invoice_cancel(invoice=invoice, user=None, reason="Doppelt berechnet")
    text = text_of(cancellation)
    assert "Stornorechnung" in text and cancellation.number in text
    assert "zu Rechnung RE-2026-00001 vom 02.03.2026" in text
    assert "Grund: Doppelt berechnet" in text
    assert "Gesamtbetrag -1.576,06 €" in text
    assert "gutschrift" not in text.lower()


def test_a_quote_shows_its_validity():
    quote = make_quote()
    text = text_of(quote)
    assert "Angebot" in text and "AN-2026-00001" in text
    assert "Gültig bis 01.04.2026" in text
    assert "Gesamtbetrag 119,00 €" in text


def test_a_delivery_note_lists_quantities_without_prices():
    draft = make_delivery_note_draft()
    note = services.delivery_note_issue(delivery_note=draft, user=None, today=TODAY)
    text = text_of(note)
    assert "Lieferschein" in text and "LS-2026-00001" in text
    assert "Lieferdatum 02.03.2026" in text
    assert "Einzelpreis" not in text and "€" not in text


def test_a_draft_is_a_preview_marked_entwurf_with_live_data(customer):
    draft = make_draft(customer=customer)
    text = text_of(draft)
    assert "ENTWURF" in text
    assert "Rechnungsnummer Entwurf" in text
    assert "Zahlbar innerhalb von 14 Tagen" in text


# --- Frozen data ------------------------------------------------------------------------------


def test_a_later_address_change_leaves_the_pdf_of_an_issued_invoice_unchanged(invoice, customer):
    before = text_of(invoice)
    customer.street, customer.city = "Neue Straße 99", "Bonn"
    customer_services.customer_update(user=None, customer=customer)
    settings = CompanySettings.load()
    settings.company_name, settings.iban = "Holzwurm Neu AG", "DE02120300000000202051"
    settings.save()
    after = text_of(invoice)
    assert after == before
    assert "Neue Straße" not in after and "Holzwurm Neu" not in after


def test_the_pdf_of_a_first_invoice_carries_the_customer_number_it_gave():
    prospect = make_customer()
    assert not prospect.number
    invoice = make_invoice(customer=prospect)
    prospect.refresh_from_db()
    assert f"Kundennummer {prospect.number}" in text_of(invoice)


def test_rendering_never_fetches_from_the_network():
    fetcher = pdf._url_fetcher()
    for url in ["http://example.com/logo.png", "https://example.com/a.css", "file:///etc/passwd"]:
        with pytest.raises(ValueError, match="disallowed protocol"):
            fetcher.fetch(url)


def test_numbers_dates_and_quantities_are_german():
    assert pdf.money(Decimal("1234.5")) == "1.234,50 €"
    assert pdf.money(Decimal("-0.5")) == "-0,50 €"
    assert pdf.quantity(Decimal("2.500")) == "2,5"
    assert pdf.quantity(Decimal("1000.000")) == "1.000"
    assert pdf.percent(Decimal("19.00")) == "19 %"
    assert pdf.day(TODAY) == "02.03.2026"


# --- The view ---------------------------------------------------------------------------------


def url(document) -> str:
    return reverse("documents:pdf", args=[document.pk])


def test_the_view_serves_the_pdf_inline_named_by_its_number(readonly_client, invoice):
    assert url(invoice) == f"/documents/{invoice.pk}/pdf/"
    response = readonly_client.get(url(invoice))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="RE-2026-00001.pdf"'
    assert "RE-2026-00001" in pdf_text(response.content)


def test_a_draft_pdf_is_named_entwurf(staff_client):
    draft = make_draft()
    response = staff_client.get(url(draft))
    assert response["Content-Disposition"] == f'inline; filename="entwurf-{draft.pk}.pdf"'


def test_users_without_the_view_permission_get_403(invoice):
    User.objects.create_user("ohne-rolle", password="secret-pass-123")
    client = Client()
    client.login(username="ohne-rolle", password="secret-pass-123")
    assert client.get(url(invoice)).status_code == 403


def test_anonymous_users_are_sent_to_the_login(anonymous_client, invoice):
    response = anonymous_client.get(url(invoice))
    assert response.status_code == 302 and response["Location"].startswith("/login/")


@pytest.mark.parametrize(
    ("flag", "make"),
    [
        ("invoices_enabled", make_invoice),
        ("quotes_enabled", make_quote),
        ("delivery_notes_enabled", make_delivery_note_draft),
        ("invoices_enabled", lambda: services.invoice_cancel(invoice=make_invoice(), user=None)),
    ],
)
def test_a_switched_off_module_has_no_pdfs(readonly_client, company, flag, make):
    document = make()
    setattr(company, flag, False)
    company.save()
    assert readonly_client.get(url(document)).status_code == 404


def test_an_unknown_document_is_404(readonly_client):
    assert readonly_client.get("/documents/999999/pdf/").status_code == 404


def test_the_filename_keeps_only_safe_characters():
    document = make_invoice()
    document.number = 'RE/2026 "1"'
    assert re.fullmatch(r"[A-Za-z0-9._-]+", pdf.document_pdf_filename(document))


def test_a_person_customer_is_addressed_by_name():
    person = make_customer(
        kind=Customer.Kind.PERSON, salutation="mr", first_name="Hans", last_name="Meier"
    )
    text = text_of(make_invoice(customer=person))
    assert "Herrn Hans Meier" in text and "Sehr geehrter Herr Meier," in text


def test_a_quote_converted_to_an_invoice_names_the_quote():
    quote = make_quote()
    draft = services.quote_convert(quote=quote, kind=Kind.INVOICE, user=None, today=TODAY)
    invoice = services.invoice_issue(invoice=draft, user=None, today=TODAY)
    assert "Angebot AN-2026-00001" in text_of(invoice)
