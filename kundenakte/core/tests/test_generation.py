"""The reference data's change counter: every committed change to a watched table raises it.

These tests commit (transaction=True), as the running app does.
"""

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.db import connection, transaction

from kundenakte.accounts.models import CompanySettings
from kundenakte.accounts.roles import Role
from kundenakte.core import generation, triggers
from kundenakte.customers.models import Customer, Status, Tag

pytestmark = pytest.mark.django_db(transaction=True)


def _counter() -> int | None:
    return generation.read(connection)


def test_the_counter_rises_with_each_change_to_reference_data(seeded, staff_user):
    changes = [
        lambda: Status.objects.create(name="Neu", kind=Status.Kind.WITHOUT_NUMBER),
        lambda: Status.objects.filter(name="Neu").update(color="#123456"),
        lambda: Tag.objects.create(name="Messe 2026"),
        lambda: CompanySettings.objects.filter(pk=1).update(tasks_enabled=False),
        lambda: staff_user.groups.clear(),
        lambda: Group.objects.get(name=Role.ADMIN.value).permissions.remove(
            Permission.objects.get(codename="delete_customer")
        ),
        lambda: User.objects.filter(pk=staff_user.pk).update(is_active=False),
    ]
    CompanySettings.load()
    for change in changes:
        before = _counter()
        change()
        assert _counter() > before
    # Customers are not reference data: their changes leave the counter alone.
    before = _counter()
    Customer.objects.create(short_name="Müller GmbH", status=Status.objects.get(name="Kunde"))
    assert _counter() == before


def test_a_rolled_back_change_leaves_the_counter(seeded):
    before = _counter()
    with pytest.raises(RuntimeError), transaction.atomic():
        Status.objects.create(name="Verworfen", kind=Status.Kind.WITHOUT_NUMBER)
        raise RuntimeError
    assert _counter() == before


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite drops triggers on rebuilds")
def test_triggers_lost_in_a_table_rebuild_come_back_with_the_migration_operation(seeded):
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER core_generation_customers_status_u")
    before = _counter()
    Status.objects.update(color="#000000")
    assert _counter() == before  # the trigger really was gone
    with connection.cursor() as cursor:
        for sql in triggers.create_sql(generation.triggers, connection.vendor):
            cursor.execute(sql)
    Status.objects.update(color="#111111")
    assert _counter() > before
