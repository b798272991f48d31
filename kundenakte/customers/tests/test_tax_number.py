"""Issue #11, item 8: the Steuernummer is checked like the USt-IdNr."""

import pytest

from kundenakte.accounts.models import CompanySettings
from kundenakte.customers.models import Customer
from kundenakte.customers.tests.factories import company_form_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("typed", ["abc", "12345", "21/815/0815", "St.-Nr. 21/815/08150", "1" * 14])
def test_a_german_customer_with_a_wrong_tax_number_is_refused(staff_client, typed):
    response = staff_client.post("/customers/new/", company_form_data(tax_number=typed))
    assert response.status_code == 200
    assert "keine gültige deutsche Steuernummer" in response.content.decode()
    assert not Customer.objects.exists()


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        (" 21/815/08150 ", "21/815/08150"),
        ("181/815/08155", "181/815/08155"),
        ("2181508150", "2181508150"),
        ("9181081508155", "9181081508155"),
    ],
)
def test_a_german_tax_number_in_regional_or_federal_form_is_stored_as_written(
    staff_client, typed, stored
):
    response = staff_client.post("/customers/new/", company_form_data(tax_number=typed))
    assert response.status_code == 302
    assert Customer.objects.get().tax_number == stored


def test_a_foreign_customer_keeps_its_own_tax_number(staff_client):
    data = company_form_data(
        country="AT", postal_code="1010", city="Wien", tax_number="12 345/6789"
    )
    assert staff_client.post("/customers/new/", data).status_code == 302
    assert Customer.objects.get().tax_number == "12 345/6789"


def test_a_foreign_tax_number_must_still_look_like_one(staff_client):
    data = company_form_data(country="AT", postal_code="1010", city="Wien", tax_number="<b>??</b>")
    assert staff_client.post("/customers/new/", data).status_code == 200
    assert not Customer.objects.exists()


def _settings(**overrides):
    data = {
        "company-company_name": "Muster GmbH",
        "company-country": "DE",
        "company-default_quote_validity_days": "30",
        "range-start": "10000",
        "range-end": "69999",
        "range-next_value": "10000",
    }
    data.update(overrides)
    return data


def test_the_firm_s_own_german_tax_number_is_checked(admin_client):
    response = admin_client.post("/settings/", _settings(**{"company-tax_number": "abc"}))
    assert response.status_code == 200
    assert "keine gültige deutsche Steuernummer" in response.content.decode()
    assert CompanySettings.load().tax_number == ""
    response = admin_client.post("/settings/", _settings(**{"company-tax_number": "37/123/45678"}))
    assert response.status_code == 302
    assert CompanySettings.load().tax_number == "37/123/45678"
