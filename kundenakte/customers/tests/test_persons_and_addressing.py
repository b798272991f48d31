import pytest

from kundenakte.customers import services
from kundenakte.customers.addressing import address_lines, letter_salutation
from kundenakte.customers.models import Customer, Person, Salutation
from kundenakte.customers.tests.factories import make_customer, make_person

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("salutation", "title", "first", "last", "expected"),
    [
        (Salutation.MS, "Dr.", "Anna", "Müller", "Sehr geehrte Frau Dr. Müller,"),
        (Salutation.MR, "", "Hans", "Meier", "Sehr geehrter Herr Meier,"),
        (Salutation.MR, "Prof. Dr.", "Otto", "Lang", "Sehr geehrter Herr Prof. Dr. Lang,"),
        (Salutation.DIVERSE, "", "Kim", "Weber", "Guten Tag Kim Weber,"),
        (Salutation.NONE, "", "Kim", "Weber", "Guten Tag Kim Weber,"),
    ],
)
def test_the_letter_salutation_follows_salutation_title_and_name(
    salutation, title, first, last, expected
):
    person = Person(salutation=salutation, title=title, first_name=first, last_name=last)
    assert letter_salutation(person) == expected


def test_without_a_person_the_letter_addresses_ladies_and_gentlemen():
    assert letter_salutation(None) == "Sehr geehrte Damen und Herren,"


def test_an_overridden_letter_salutation_wins():
    person = Person(salutation=Salutation.MR, last_name="Meier", letter_salutation="Lieber Hans,")
    assert letter_salutation(person) == "Lieber Hans,"


def test_the_address_block_names_the_company_and_the_person_for_attention():
    customer = make_customer(
        company_name="Müller Haustechnik GmbH",
        street="Lindenstraße 4",
        postal_code="50667",
        city="Köln",
    )
    person = make_person(
        customer, salutation=Salutation.MR, title="Dr.", first_name="Hans", last_name="Meier"
    )
    assert address_lines(customer, person) == [
        "Müller Haustechnik GmbH",
        "Herrn Dr. Hans Meier",
        "Lindenstraße 4",
        "50667 Köln",
    ]


def test_a_foreign_address_ends_with_the_country_in_capitals():
    customer = make_customer(
        kind=Customer.Kind.PERSON,
        salutation=Salutation.MS,
        first_name="Eva",
        last_name="Gruber",
        street="Ringstraße 1",
        postal_code="1010",
        city="Wien",
        country="AT",
    )
    assert address_lines(customer) == ["Frau Eva Gruber", "Ringstraße 1", "1010 Wien", "ÖSTERREICH"]


def test_the_address_block_has_at_most_six_lines():
    customer = make_customer(
        company_name="Sehr Lange Firma GmbH",
        company_name_2="Niederlassung Süd",
        country="CH",
        street="Bahnhofstrasse 1",
        postal_code="8001",
        city="Zürich",
    )
    person = make_person(customer, salutation=Salutation.MS, last_name="Keller")
    lines = address_lines(customer, person)
    assert len(lines) <= 6
    assert lines[-1] == "SCHWEIZ"


def test_the_first_person_becomes_primary_and_only_one_stays_primary():
    customer = make_customer()
    first = make_person(customer)
    second = make_person(customer, is_primary=True)
    first.refresh_from_db()
    assert (first.is_primary, second.is_primary) == (False, True)


def test_deleting_the_primary_contact_promotes_another():
    customer = make_customer()
    first = make_person(customer)
    second = make_person(customer)
    services.person_delete(person=first)
    second.refresh_from_db()
    assert second.is_primary


def test_persons_are_found_by_the_customer_search():
    customer = make_customer()
    make_person(customer, first_name="Jürgen", last_name="Schäfer", email="j.schaefer@example.de")
    assert list(Customer.objects.search("jurgen schafer")) == [customer]
    assert list(Customer.objects.search("j.schaefer@example")) == [customer]


def test_staff_adds_a_person_over_http(staff_client):
    customer = make_customer()
    response = staff_client.post(
        f"/customers/{customer.pk}/persons/new/",
        {
            "salutation": "ms",
            "title": "Dr.",
            "first_name": "Anna",
            "last_name": "Müller",
            "email": "anna@example.de",
        },
    )
    assert response.status_code == 302
    person = customer.persons.get()
    assert person.is_primary
    page = staff_client.get(f"/customers/{customer.pk}/").content.decode()
    assert "Frau Dr. Anna Müller" in page
    assert "Sehr geehrte Frau Dr. Müller," in page


def test_a_person_with_a_bad_email_is_not_saved(staff_client):
    customer = make_customer()
    response = staff_client.post(
        f"/customers/{customer.pk}/persons/new/", {"last_name": "X", "email": "kaputt"}
    )
    assert response.status_code == 200
    assert not customer.persons.exists()


def test_a_person_of_another_customer_is_not_found(staff_client):
    person = make_person(make_customer())
    other = make_customer()
    assert staff_client.get(f"/customers/{other.pk}/persons/{person.pk}/edit/").status_code == 404
