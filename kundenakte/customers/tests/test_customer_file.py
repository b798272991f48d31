"""The customer file's overview as the customers app shows it: the customer read in one plain
query with its status and persons, its tags, and the cached links of the file."""

import pytest
from django.urls import reverse

from kundenakte.customers import file
from kundenakte.customers.models import Customer, Person
from kundenakte.customers.tests.factories import make_customer, make_person

pytestmark = pytest.mark.django_db

EVIL = "<script>alert(1)</script>"


@pytest.fixture(autouse=True)
def english_pages(settings):
    settings.LANGUAGE_CODE = "en"


def values(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in type(instance)._meta.concrete_fields}


def test_the_overview_reads_the_customer_as_the_orm_does(staff_client):
    customer = make_customer(number=True, phone="+49 30 1234", country="AT", archived=True)

    shown = staff_client.get(customer.get_absolute_url()).context["customer"]

    expected = Customer.objects.select_related("status").get(pk=customer.pk)
    assert values(shown) == values(expected)  # aware datetimes and booleans on SQLite, too
    assert values(shown.status) == values(expected.status)
    assert shown.created_at.tzinfo is not None and shown.archived is True


def test_the_overview_shows_persons_primary_first_and_counts_them_in_the_tab(staff_client):
    customer = make_customer()
    make_person(customer, first_name="Zoe", last_name="Albers")
    primary = make_person(customer, first_name="Kim", last_name="Weber", is_primary=True)
    make_person(customer, first_name="Ben", last_name="Albers")

    response = staff_client.get(customer.get_absolute_url())

    assert response.context["primary"].pk == primary.pk
    expected = list(Person.objects.filter(customer=customer))  # Person.Meta.ordering
    assert [p.pk for p in response.context["persons"]] == [p.pk for p in expected]
    assert {tab.key: tab.count for tab in response.context["file_tabs"]}["persons"] == 3


def test_a_customer_without_persons_has_none_and_no_primary(staff_client):
    response = staff_client.get(make_customer().get_absolute_url())
    assert response.context["persons"] == [] and response.context["primary"] is None


def test_every_value_of_the_customer_comes_out_escaped(staff_client):
    customer = make_customer(short_name=EVIL, company_name=EVIL, notes=EVIL, tags=["<b>Stamm</b>"])
    make_person(customer, first_name=EVIL, position=EVIL, is_primary=True)

    page = staff_client.get(customer.get_absolute_url()).content.decode()

    assert "<script>" not in page.replace('<script src="', "")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;Stamm&lt;/b&gt;" in page and "<b>Stamm</b>" not in page


def test_the_tags_are_listed_as_the_orm_orders_them_with_their_links(staff_client):
    customer = make_customer(tags=["Zulieferer", "ärzte", "Bau"])
    response = staff_client.get(customer.get_absolute_url())
    assert response.context["tags"] == list(customer.tags.all())  # Tag.Meta.ordering
    page = response.content.decode()
    assert f'action="/customers/{customer.pk}/tags/"' in page
    tag = customer.tags.get(name="Bau")
    assert f'hx-post="/customers/{customer.pk}/tags/{tag.pk}/remove/"' in page
    assert 'href="/customers/?tag=Bau"' in page


@pytest.mark.parametrize("pk", [987654, 2**63, 10**30])
def test_a_customer_that_does_not_exist_is_not_found(staff_client, pk):
    assert staff_client.get(f"/customers/{pk}/").status_code == 404


def test_without_the_right_to_see_customers_the_file_is_refused(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("ohne-rechte"))
    assert client.get(make_customer().get_absolute_url()).status_code == 403


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("customers:detail", (7,)),
        ("customers:list", ()),
        ("customers:tag_remove", (7, 12)),
        ("documents:create", ("delivery-notes",)),
        ("documents:list", ("invoices",)),
    ],
)
def test_cached_urls_are_the_reversed_ones(name, args):
    assert file.url(name, *args) == reverse(name, args=args)
    assert file.url(name, *args) == reverse(name, args=args)  # from the cache
