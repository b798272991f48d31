import pytest

from kundenakte.customers.models import Customer
from kundenakte.customers.tests.factories import make_customer, status

pytestmark = pytest.mark.django_db


def _company(**overrides):
    data = {
        "kind": "company",
        "company_name": "Müller Haustechnik GmbH & Co. KG",
        "short_name": "",
        "street": "Lindenstraße 4",
        "postal_code": "50667",
        "city": "Köln",
        "country": "DE",
        "payment_terms_days": "14",
        "status": status("Interessent").pk,
        "tag_names": "",
    }
    data.update(overrides)
    return data


def test_creating_a_company_suggests_the_short_name_without_legal_form(staff_client):
    response = staff_client.post("/customers/new/", _company(tag_names="Handwerk, handwerk, Ärzte"))
    customer = Customer.objects.get()
    assert response.status_code == 302
    assert customer.short_name == "Müller Haustechnik"
    assert customer.created_by.username == "sven-staff"
    assert {t.name for t in customer.tags.all()} == {"Ärzte", "Handwerk"}


def test_a_private_person_gets_last_name_first_as_short_name(staff_client):
    data = _company(kind="person", company_name="", first_name="Kim", last_name="Weber")
    staff_client.post("/customers/new/", data)
    assert Customer.objects.get().short_name == "Weber, Kim"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("email", "not-an-email"),
        ("website", "http://"),
        ("vat_id", "DE123456789"),
        ("vat_id", "XX12"),
        ("postal_code", "1234"),
        ("postal_code", "123456"),
        ("phone", "call me maybe"),
        ("short_name", "x" * 61),
        ("company_name", "x" * 121),
        ("notes", "x" * 5001),
        ("payment_terms_days", "-3"),
        ("country", "XX"),
        ("status", "999999"),
    ],
)
def test_bad_input_gets_a_message_on_the_field_and_saves_nothing(staff_client, field, value):
    response = staff_client.post("/customers/new/", _company(**{field: value}))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Customer.objects.exists()


def test_a_valid_vat_id_is_stored_in_compact_form(staff_client):
    staff_client.post("/customers/new/", _company(vat_id="DE 136 695 976"))
    assert Customer.objects.get().vat_id == "DE136695976"


def test_a_foreign_postal_code_is_not_held_to_the_german_format(staff_client):
    staff_client.post("/customers/new/", _company(country="AT", postal_code="1010", city="Wien"))
    assert Customer.objects.get().postal_code == "1010"


def test_the_form_offers_only_statuses_of_the_matching_class(staff_client):
    prospect = make_customer()
    numbered = make_customer(number=True)
    prospect_form = staff_client.get(f"/customers/{prospect.pk}/edit/").context["form"]
    numbered_form = staff_client.get(f"/customers/{numbered.pk}/edit/").context["form"]
    assert {s.name for s in prospect_form.fields["status"].queryset} == {"Interessent"}
    assert {s.name for s in numbered_form.fields["status"].queryset} == {
        "Kunde",
        "Ehemaliger Kunde",
    }


def test_a_status_of_the_wrong_class_is_refused(staff_client):
    customer = make_customer()
    data = _company(short_name="Neu", status=status("Kunde").pk)
    response = staff_client.post(f"/customers/{customer.pk}/edit/", data)
    assert response.status_code == 200
    customer.refresh_from_db()
    assert customer.status == status("Interessent")


def test_editing_keeps_the_search_text_current(staff_client):
    customer = make_customer(short_name="Alt")
    staff_client.post(f"/customers/{customer.pk}/edit/", _company(short_name="Bäckerei Özdemir"))
    assert list(Customer.objects.search("baeckerei oezdemir")) == [customer]
    assert list(Customer.objects.search("backerei")) == [customer]
