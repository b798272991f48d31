"""The tag member table (customers.tag_members) always equals the tag links joined with their
customers' archive switch, status and initial, whatever changed them."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from kundenakte.core import triggers
from kundenakte.customers import services, tag_members
from kundenakte.customers.models import Customer, Tag
from kundenakte.customers.services.bulk import (
    customers_bulk_add_tag,
    customers_bulk_remove_tag,
    customers_bulk_set_status,
)
from kundenakte.customers.tests.factories import make_customer, status

pytestmark = pytest.mark.django_db


def members() -> set[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT tag_id, archived, status_id, initial, customer_id FROM {tag_members.TABLE}"
        )
        return {(tag, bool(archived), *rest) for tag, archived, *rest in cursor.fetchall()}


def expected() -> set[tuple]:
    links = Customer.tags.through.objects.values_list(
        "tag_id", "customer__archived", "customer__status_id", "customer__initial", "customer_id"
    )
    return set(links)


def test_every_change_to_links_or_customers_is_mirrored():
    a = make_customer(short_name="Anker", tags=["VIP"])
    b = make_customer(short_name="Berg", number=True, tags=["VIP", "Newsletter"])
    make_customer(short_name="Äpfel", tags=["Newsletter"])
    assert members() == expected() and len(expected()) == 4
    a.short_name = "Zebra"  # a new initial
    services.customer_update(user=None, customer=a, tag_names=["Newsletter", "Messe"])
    services.customer_set_archived(user=None, customer=b, archived=True)
    services.customer_assign_number(user=None, customer=a)  # a status of the other class
    assert members() == expected()
    services.customer_delete(customer=make_customer(short_name="Weg", tags=["VIP"]))
    customers_bulk_set_status(
        user=None, customers=Customer.objects.all(), status=status("Ehemaliger Kunde")
    )
    customers_bulk_add_tag(user=None, customers=Customer.objects.all(), name="Alle")
    customers_bulk_remove_tag(
        user=None,
        customers=Customer.objects.filter(short_name="Zebra"),
        tag=Tag.objects.get(name="Alle"),
    )
    services.tag_merge(source=Tag.objects.get(name="Messe"), target=Tag.objects.get(name="VIP"))
    services.tag_delete(tag=Tag.objects.get(name="Newsletter"))
    assert members() == expected()
    assert tuple(Customer.objects.filter(pk=a.pk).values_list("short_name", "initial")[0]) == (
        "Zebra",
        "Z",
    )
    assert {row[0] for row in members()} == set(Tag.objects.values_list("pk", flat=True))


def test_the_triggers_and_a_recount_repair_it_when_sqlite_lost_its_triggers():
    make_customer(short_name="Anker", tags=["VIP", "Newsletter"])
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER customers_tag_member_ai")
        cursor.execute(f"DELETE FROM {tag_members.TABLE}")
    with connection.cursor() as cursor:
        for sql in triggers.create_sql(tag_members.triggers, connection.vendor):
            cursor.execute(sql)
    call_command("recount_derived", stdout=io.StringIO())
    assert members() == expected() and len(expected()) == 2
    make_customer(short_name="Berg", tags=["VIP"])
    assert members() == expected() and len(expected()) == 3
