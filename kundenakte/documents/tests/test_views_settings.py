"""The seller data and the document number ranges in the settings page."""

import pytest

from kundenakte.accounts.models import CompanySettings
from kundenakte.core.models import NumberRange
from kundenakte.documents.tests.factories import make_invoice

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_pages(settings):
    settings.LANGUAGE_CODE = "en"


def settings_data(**overrides) -> dict:
    """The settings form as the browser sends it, with seller data and all four ranges."""
    data = {
        "company-company_name": "Tischlerei Holzwurm GmbH",
        "company-street": "Werkstraße 5",
        "company-postal_code": "04109",
        "company-city": "Leipzig",
        "company-country": "DE",
        "company-email": "info@holzwurm.example",
        "company-website": "holzwurm.example",
        "company-vat_id": "DE 136 695 976",
        "company-tax_number": "231/123/45678",
        "company-iban": "DE89 3704 0044 0532 0130 00",
        "company-bic": "COBADEFFXXX",
        "company-bank_name": "Commerzbank",
        "company-default_quote_validity_days": "21",
        "company-quotes_enabled": "on",
        "company-invoices_enabled": "on",
        "company-delivery_notes_enabled": "on",
        "range-prefix": "",
        "range-start": "10000",
        "range-next_value": "10000",
    }
    for key, prefix in (("quote", "AN"), ("invoice", "RE"), ("delivery_note", "LS")):
        data[f"range_{key}-prefix"] = prefix
        data[f"range_{key}-yearly_restart"] = "on"
    data["range_cancellation-prefix"] = "ST"
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_administrators_enter_the_seller_data(admin_client):
    response = admin_client.post("/settings/", settings_data(**{"company-small_business": "on"}))
    assert response.status_code == 302
    company = CompanySettings.load()
    assert (company.street, company.postal_code, company.city) == (
        "Werkstraße 5",
        "04109",
        "Leipzig",
    )
    assert (company.vat_id, company.iban) == ("DE136695976", "DE89370400440532013000")
    assert company.website == "https://holzwurm.example"
    assert company.small_business and company.default_quote_validity_days == 21


def test_a_wrong_iban_is_refused_and_nothing_is_saved(admin_client):
    bad = {"company-iban": "DE89 3704 0044 0532 0130 01", "company-company_name": "Neu GmbH"}
    response = admin_client.post("/settings/", settings_data(**bad))
    assert response.status_code == 200
    assert "This is not a valid IBAN" in response.content.decode()
    assert CompanySettings.load().company_name == "Tischlerei Holzwurm GmbH"


def test_the_document_ranges_take_a_prefix_and_the_yearly_restart(admin_client):
    admin_client.post("/settings/", settings_data(**{"range_invoice-prefix": "R"}))
    invoice_range = NumberRange.objects.get(key="invoice")
    cancellation_range = NumberRange.objects.get(key="cancellation")
    assert (invoice_range.prefix, invoice_range.yearly_restart) == ("R", True)
    assert (cancellation_range.prefix, cancellation_range.yearly_restart) == ("ST", False)


def test_the_next_invoice_number_is_shown_but_cannot_be_moved(admin_client):
    invoice = make_invoice()
    page = admin_client.get("/settings/").content.decode()
    assert 'name="range_invoice-next_value"' not in page
    assert "RE-2026-00002" in page and invoice.number == "RE-2026-00001"
    admin_client.post("/settings/", settings_data(**{"range_invoice-next_value": "1"}))
    assert NumberRange.objects.get(key="invoice").next_value == 2


def test_the_customer_number_range_stays_editable(admin_client):
    admin_client.post("/settings/", settings_data(**{"range-next_value": "20000"}))
    assert NumberRange.objects.get(key="customer").next_value == 20000


def test_staff_do_not_reach_the_settings(staff_client):
    assert staff_client.post("/settings/", settings_data()).status_code == 403
