"""The reference data cache: a change to users, permissions, settings, statuses or tags reaches
the very next request, and a repeated page reads none of them again.

The cache is only used outside transactions, so these tests commit (transaction=True), as the
running app does.
"""

import secrets

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.db import connection, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from kundenakte.accounts.models import CompanySettings
from kundenakte.accounts.roles import Role
from kundenakte.core import generation, triggers
from kundenakte.core.models import Generation
from kundenakte.customers.models import Customer, Status, Tag

pytestmark = pytest.mark.django_db(transaction=True)

REFERENCE_TABLES = (
    "auth_user",
    "auth_permission",
    "auth_group",
    "customers_status",
    "customers_tag",
    "accounts_companysettings",
)


def _counter() -> int | None:
    return generation.read(connection)


def _reference_reads(queries) -> list[str]:
    return [
        q["sql"]
        for q in queries
        if any(
            f'FROM "{table}"' in q["sql"] or f"FROM {table}" in q["sql"]
            for table in REFERENCE_TABLES
        )
    ]


@pytest.fixture
def kunde(seeded) -> Status:
    return Status.objects.get(name="Kunde")


@pytest.fixture
def staff(seeded, staff_client):
    CompanySettings.load()  # as in the running app: the first page would create them
    return staff_client


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


def test_a_repeated_page_reads_no_reference_data(staff, kunde):
    Tag.objects.create(name="Newsletter")
    url = f"/customers/?status={kunde.pk}&tag=Newsletter"
    assert staff.get(url).status_code == 200
    with CaptureQueriesContext(connection) as first:
        staff.get("/customers/?tag=newsletter")
    with CaptureQueriesContext(connection) as again:
        response = staff.get(url)
    assert response.status_code == 200
    assert _reference_reads(first) == []  # the tags were all read by the first page
    assert _reference_reads(again) == []
    assert "core_generation" in again.captured_queries[0]["sql"]


def test_changes_reach_the_very_next_request(staff, staff_user, kunde):
    Customer.objects.create(short_name="Bäckerei Huber", status=kunde)
    assert "Kunde" in staff.get("/customers/").content.decode()

    Status.objects.filter(pk=kunde.pk).update(name="Stammkunde")
    page = staff.get("/customers/").content.decode()
    assert "Stammkunde" in page

    Tag.objects.create(name="Messe")
    Customer.objects.get().tags.add(Tag.objects.get())
    assert "Bäckerei Huber" in staff.get("/customers/?tag=Messe").content.decode()
    Tag.objects.update(name="Messe 2027", key="messe 2027")
    assert "Bäckerei Huber" not in staff.get("/customers/?tag=Messe").content.decode()
    assert "Bäckerei Huber" in staff.get("/customers/?tag=Messe 2027").content.decode()

    CompanySettings.load()
    assert 'href="/tasks/"' in staff.get("/customers/").content.decode()
    CompanySettings.objects.update(tasks_enabled=False)
    assert 'href="/tasks/"' not in staff.get("/customers/").content.decode()

    staff_user.groups.clear()  # no role: no permission to see customers
    assert staff.get("/customers/").status_code == 403
    staff_user.groups.add(Group.objects.get(name=Role.STAFF.value))
    assert staff.get("/customers/").status_code == 200

    User.objects.filter(pk=staff_user.pk).update(is_active=False)
    response = staff.get("/customers/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_without_counter_nothing_is_cached(staff):
    staff.get("/customers/")
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {generation.TABLE}")
    with CaptureQueriesContext(connection) as queries:
        assert staff.get("/customers/").status_code == 200
    assert any("auth_user" in sql for sql in _reference_reads(queries))
    Generation.objects.create(id=1, value=secrets.randbits(62))  # back, from a new value
    assert _counter() is not None
    staff.get("/customers/")
    with CaptureQueriesContext(connection) as queries:
        assert staff.get("/customers/").status_code == 200
    assert _reference_reads(queries) == []


def _in_request(method: str, body):
    """Run `body` as the view of a `method` request that has read the counter."""

    def view(request):
        generation.observe(_counter())
        return body()

    middleware = generation.GenerationMiddleware(view)
    return middleware(RequestFactory().generic(method, "/"))


def test_only_get_and_head_outside_transactions_use_the_cache(seeded):
    assert _in_request("GET", generation.usable) is True
    assert _in_request("HEAD", generation.usable) is True
    assert _in_request("POST", generation.usable) is False

    def inside_a_transaction():
        with transaction.atomic():
            return generation.usable()

    assert _in_request("GET", inside_a_transaction) is False
    assert generation.usable() is False  # and nothing outside a request


def test_the_cache_serves_while_the_counter_stands_and_hands_out_copies(seeded):
    loads = []

    def load():
        loads.append(1)
        return CompanySettings.load()

    def twice():
        first = generation.clone(generation.cached("test-settings", load))
        first.company_name = "Geändert, nicht gespeichert"
        return first, generation.clone(generation.cached("test-settings", load))

    first, second = _in_request("GET", twice)
    assert len(loads) == 1
    assert second.company_name != first.company_name
    CompanySettings.objects.update(company_name="Neu GmbH")
    _first, again = _in_request("GET", twice)
    assert len(loads) == 2 and again.company_name == "Neu GmbH"


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


@pytest.mark.parametrize("warm", [True, False])
def test_a_transaction_neither_reads_nor_fills_the_cache(seeded, warm):
    def names():
        return {status.name for status in Status.objects.all()}

    def body():
        if warm:
            generation.cached(("test-statuses", warm), names)
        with transaction.atomic():
            Status.objects.create(name="Entwurf", kind=Status.Kind.WITHOUT_NUMBER)
            inside = generation.cached(("test-statuses", warm), names)
            transaction.set_rollback(True)
        return inside, generation.cached(("test-statuses", warm), names)

    inside, after = _in_request("GET", body)
    assert "Entwurf" in inside  # the transaction sees its own change
    assert "Entwurf" not in after  # which was rolled back, and not cached
