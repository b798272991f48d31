import pytest

from kundenakte.core.models import NumberRange
from kundenakte.customers.models import Customer
from kundenakte.customers.tests.factories import make_customer

pytestmark = pytest.mark.django_db


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


def _customer_range() -> NumberRange:
    return NumberRange.objects.get(key="customer")


def test_the_customer_range_runs_from_10000_to_69999_by_default():
    number_range = _customer_range()
    assert (number_range.start, number_range.end, number_range.prefix) == (10000, 69999, "")


def test_the_settings_change_the_end_of_the_customer_range(admin_client):
    response = admin_client.post("/settings/", _settings(**{"range-end": "59999"}))
    assert response.status_code == 302
    assert _customer_range().end == 59999


@pytest.mark.parametrize(
    "overrides",
    [
        {"range-start": "0"},
        {"range-start": "100000000"},
        {"range-end": "100000000"},
        {"range-end": "9999"},
        {"range-next_value": "70000"},
        {"range-start": "abc"},
    ],
)
def test_a_customer_range_outside_plain_debtor_accounts_is_refused(admin_client, overrides):
    response = admin_client.post("/settings/", _settings(**overrides))
    assert response.status_code == 200
    number_range = _customer_range()
    assert (number_range.start, number_range.end, number_range.next_value) == (10000, 69999, 10000)


def test_the_customer_range_takes_no_prefix(admin_client):
    admin_client.post("/settings/", _settings(**{"range-prefix": "K"}))
    assert _customer_range().prefix == ""
    assert make_customer(number=True).number == "10000"


def test_the_settings_list_customers_whose_number_needs_fixing(admin_client):
    fine = make_customer(number=True, short_name="Passt")
    creditor = make_customer(number=True, short_name="Kreditor")
    Customer.objects.filter(pk=creditor.pk).update(number="70000")
    low = make_customer(number=True, short_name="Zu klein")
    Customer.objects.filter(pk=low.pk).update(number="9999")
    former = make_customer(short_name="Altnummer")
    Customer.objects.filter(pk=former.pk).update(legacy_number="K-4711")
    page = admin_client.get("/settings/").content.decode()
    for customer in (creditor, low, former):
        assert f"/customers/{customer.pk}/number/" in page
    assert f"/customers/{fine.pk}/number/" not in page
    assert "K-4711" in page and "70000" in page


def test_the_settings_list_follows_a_changed_range(admin_client):
    customer = make_customer(number=True)
    NumberRange.objects.filter(key="customer").update(start=20000, next_value=20000)
    assert f"/customers/{customer.pk}/number/" in admin_client.get("/settings/").content.decode()
