"""Every searchable field finds its customer, and the migrations keep existing rows findable."""

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from kundenakte.customers import search_text
from kundenakte.customers.models import Customer
from kundenakte.customers.search_text import RefreshSearchText
from kundenakte.customers.tests.factories import make_customer, make_person
from kundenakte.customers.tests.listing_helpers import listed

pytestmark = pytest.mark.django_db

VALUES = {
    "short_name": "Zwiebelturm",
    "company_name": "Zwiebelturm Holzbau GmbH",
    "company_name_2": "Abteilung Quastenflosser",
    "first_name": "Eulalia",
    "last_name": "Pfefferkorn",
    "postal_code": "01067",
    "city": "Radebeul",
    "email": "kontakt@zwiebelturm.example",
    "phone": "0351 / 98 76",
    "mobile": "0172 5550101",
}


@pytest.mark.parametrize("field", sorted(VALUES))
def test_each_searchable_field_finds_its_customer(staff_client, field):
    make_customer(**VALUES)
    make_customer(short_name="Andere")
    assert listed(staff_client, q=VALUES[field]) == ["Zwiebelturm"]


def test_a_phone_number_is_found_by_its_digits_and_a_person_by_name_and_phone(staff_client):
    customer = make_customer(short_name="Zwiebelturm", phone="0351 / 98 76")
    make_person(customer, first_name="Kunigunde", phone="030 12345")
    for query in ("03519876", "Kunigunde", "03012345"):
        assert listed(staff_client, q=query) == ["Zwiebelturm"], query


def _newest_refresh() -> RefreshSearchText:
    loader = MigrationLoader(connection)
    plan = loader.graph.forwards_plan(loader.graph.leaf_nodes("customers")[0])
    steps = [
        operation
        for app, name in plan
        if app == "customers"
        for operation in loader.graph.nodes[(app, name)].operations
        if isinstance(operation, RefreshSearchText)
    ]
    return steps[-1]


def test_the_newest_migration_refreshes_the_search_text_from_the_fields_searched_now():
    """A field named in CUSTOMER_FIELDS without a migration ending in RefreshSearchText would
    find new and edited customers only: existing ones would stay unfindable by it."""
    assert _newest_refresh().fields == search_text.CUSTOMER_FIELDS


def test_the_migration_step_rebuilds_the_search_text_of_existing_customers():
    customer = make_customer(short_name="Zwiebelturm", city="Radebeul")
    make_person(customer, last_name="Pfefferkorn")
    expected = Customer.objects.get().search_text
    Customer.objects.update(search_text="")
    from types import SimpleNamespace

    from django.apps import apps

    # The step reads only the connection of its schema editor.
    _newest_refresh()._refresh(apps, SimpleNamespace(connection=connection))
    assert Customer.objects.get().search_text == expected
