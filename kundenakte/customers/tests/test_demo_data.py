import random
import string
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from kundenakte.accounts.models import CompanySettings
from kundenakte.accounts.roles import Role, user_role
from kundenakte.core import text
from kundenakte.customers import demo, validators
from kundenakte.customers.management.commands import load_demo as load_demo_command
from kundenakte.customers.models import Customer, Person, Status
from kundenakte.customers.tests.factories import make_customer

pytestmark = pytest.mark.django_db

SMALL = 60  # enough for the hand-picked firms that cover A–Z; keeps most tests quick


@pytest.fixture(autouse=True)
def development(settings):
    settings.DEBUG = True  # the command refuses to run otherwise


def load_demo(*args: str) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def test_it_creates_one_demo_user_per_role_who_can_log_in(client):
    load_demo("--if-empty", "--count", str(SMALL))
    users = get_user_model().objects
    for username, role in [
        ("demo", Role.ADMIN),
        ("mitarbeiter", Role.STAFF),
        ("lesen", Role.READ_ONLY),
    ]:
        assert user_role(users.get(username=username)) == role
        assert client.login(username=username, password="demo")
    assert users.get(username="demo").get_full_name() == "Demo Benutzer"
    assert CompanySettings.load().company_name == "Muster Handwerk GmbH"


def test_it_creates_the_customers_asked_for_under_every_letter_and_hash():
    load_demo("--if-empty", "--count", str(SMALL))
    customers = Customer.objects.all()
    assert customers.count() == SMALL
    assert set(customers.values_list("initial", flat=True)) == set(string.ascii_uppercase) | {"#"}
    for umlaut, letter in [("Ä", "A"), ("Ö", "O"), ("Ü", "U")]:
        initials = customers.filter(short_name__startswith=umlaut).values_list("initial", flat=True)
        assert set(initials) == {letter}
    assert customers.filter(kind=Customer.Kind.PERSON).count() >= SMALL // 5
    assert customers.exclude(country="DE").count() == 5


def test_by_default_it_plans_300_customers_seven_in_ten_of_them_firms():
    parser = load_demo_command.Command().create_parser("manage.py", "load_demo")
    assert parser.parse_args([]).count == 300
    plans = demo.customer_plans(random.Random(42), 300)
    assert len(plans) == 300
    assert sum(p.customer.is_company for p in plans) == 210
    initials = {text.initial_letter(p.customer.short_name) for p in plans}
    assert initials == set(string.ascii_uppercase) | {"#"}


def test_numbered_customers_and_prospects_each_have_a_status_of_their_class():
    load_demo("--if-empty", "--count", str(SMALL))
    numbered = Customer.objects.filter(number__isnull=False)
    prospects = Customer.objects.filter(number__isnull=True)
    assert numbered.count() == round(SMALL * 0.6) and prospects.exists()
    assert not numbered.exclude(status__kind=Status.Kind.WITH_NUMBER).exists()
    assert not prospects.exclude(status__kind=Status.Kind.WITHOUT_NUMBER).exists()
    used = set(Customer.objects.values_list("status__name", flat=True))
    assert {"Kunde", "Stammkunde", "Interessent", "Kontakt aufgenommen"} <= used


def test_the_history_names_the_demo_user_as_author():
    load_demo("--if-empty", "--count", str(SMALL))
    assert Customer.history.exists()
    assert not Customer.history.exclude(history_user__username="demo").exists()


def test_every_company_has_one_primary_person_and_every_vat_id_is_valid():
    load_demo("--if-empty", "--count", str(SMALL), "--seed", "7")
    for customer in Customer.objects.filter(kind=Customer.Kind.COMPANY):
        assert 1 <= customer.persons.count() <= 3
        assert customer.persons.filter(is_primary=True).count() == 1
        if customer.vat_id:
            validators.clean_vat_id(customer.vat_id, str(customer.country))
    assert not Person.objects.filter(customer__kind=Customer.Kind.PERSON).exists()


def test_the_same_seed_plans_the_same_customers():
    def plan(seed: int) -> list[tuple[str, str, str]]:
        plans = demo.customer_plans(random.Random(seed), 80)
        return [(p.customer.short_name, p.customer.city, p.customer.vat_id) for p in plans]

    assert plan(3) == plan(3)
    assert plan(3) != plan(4)


def test_if_empty_leaves_a_database_with_customers_alone():
    make_customer(short_name="Echte Firma")
    assert "exist already" in load_demo("--if-empty")
    assert Customer.objects.count() == 1
    assert not get_user_model().objects.filter(username="demo").exists()


def test_without_if_empty_it_refuses_to_mix_into_real_data():
    make_customer(short_name="Echte Firma")
    with pytest.raises(CommandError, match="empty database"):
        load_demo()
    assert Customer.objects.count() == 1


def test_it_refuses_outside_development(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        load_demo("--if-empty")
    assert not get_user_model().objects.filter(username="demo").exists()
