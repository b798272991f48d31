"""The reference data cache: a change to users, permissions, settings, statuses or tags reaches
the very next request, a repeated page reads none of them again, and data whose table the change
counter does not watch cannot be cached at all.

The cache is only used outside transactions, so these tests commit (transaction=True), as the
running app does.
"""

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from kundenakte.accounts.models import CompanySettings
from kundenakte.accounts.roles import Role
from kundenakte.core.generation import WATCHED
from kundenakte.core.reference import ReferenceCacheMiddleware, ReferenceData, current_generation
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


@pytest.fixture(autouse=True)
def _empty_cache():
    caches["default"].clear()


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


def _in_request(body, method: str = "GET"):
    """Run `body` as the view of a `method` request."""
    middleware = ReferenceCacheMiddleware(lambda request: body())
    return middleware(RequestFactory().generic(method, "/"))


class _Loads:
    """A load function that counts its calls."""

    def __init__(self, load):
        self.load, self.calls = load, 0

    def __call__(self):
        self.calls += 1
        return self.load()


def test_a_repeated_page_reads_no_reference_data(staff, kunde):
    Tag.objects.create(name="Newsletter")
    url = f"/customers/?status={kunde.pk}&tag=Newsletter"
    assert staff.get(url).status_code == 200
    with CaptureQueriesContext(connection) as first:
        staff.get("/customers/?tag=newsletter")
    with CaptureQueriesContext(connection) as again:
        response = staff.get(url)
    assert response.status_code == 200
    assert _reference_reads(first.captured_queries) == []  # the first page read all the tags
    assert _reference_reads(again.captured_queries) == []
    assert sum("core_generation" in q["sql"] for q in again.captured_queries) == 1


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


def _change_one_row(table: str) -> None:
    """A change to `table` as another process would make it: past Python, straight in SQL."""
    quoted = connection.ops.quote_name(table)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {quoted} SET id = id WHERE id = (SELECT min(id) FROM {quoted})")
        assert cursor.rowcount == 1


@pytest.mark.parametrize("table", WATCHED)
def test_a_change_to_each_watched_table_invalidates_the_cache(staff_user, table):
    CompanySettings.load()
    Status.objects.create(name="Neu", kind=Status.Kind.WITHOUT_NUMBER)
    Tag.objects.create(name="Messe")
    staff_user.user_permissions.add(Permission.objects.get(codename="view_tag"))
    data = ReferenceData("test-watched", Status)
    loads = _Loads(lambda: "value")

    _in_request(lambda: data.get(loads))
    _in_request(lambda: data.get(loads))
    assert loads.calls == 1
    _change_one_row(table)
    _in_request(lambda: data.get(loads))
    assert loads.calls == 2


def test_data_of_a_table_the_counter_does_not_watch_cannot_be_cached(seeded):
    with pytest.raises(ImproperlyConfigured, match="customers_customer"):
        ReferenceData("customers", Customer)
    # Declared for statuses, but loading customers: refused when it would be stored.
    Customer.objects.create(short_name="Adler", status=Status.objects.first())
    statuses = ReferenceData("test-statuses", Status)
    with pytest.raises(ImproperlyConfigured, match="customers_customer"):
        _in_request(lambda: statuses.get(lambda: {"found": [Customer.objects.get()]}))
    assert _in_request(lambda: statuses.get(lambda: list(Status.objects.all())))


def test_without_counter_nothing_is_cached(staff):
    staff.get("/customers/")
    with connection.cursor() as cursor:
        cursor.execute("SELECT value FROM core_generation WHERE id = 1")
        (value,) = cursor.fetchone()
        cursor.execute("DELETE FROM core_generation")
    with CaptureQueriesContext(connection) as queries:
        assert staff.get("/customers/").status_code == 200
    assert any("auth_user" in sql for sql in _reference_reads(queries.captured_queries))
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO core_generation (id, value) VALUES (1, %s)", [value + 1])
    assert current_generation() == value + 1
    staff.get("/customers/")
    with CaptureQueriesContext(connection) as queries:
        assert staff.get("/customers/").status_code == 200
    assert _reference_reads(queries.captured_queries) == []


def test_only_get_and_head_outside_transactions_use_the_cache(seeded):
    data = ReferenceData("test-methods", Status)
    for method, cached in [("GET", True), ("HEAD", True), ("POST", False)]:
        caches["default"].clear()
        loads = _Loads(lambda: 1)
        _in_request(lambda loads=loads: (data.get(loads), data.get(loads)), method)
        assert loads.calls == (1 if cached else 2), method

    def inside_a_transaction():
        with transaction.atomic():
            return data.get(loads), data.get(loads)

    loads = _Loads(lambda: 1)
    _in_request(inside_a_transaction)
    assert loads.calls == 2
    data.get(loads)  # and nothing outside a request
    data.get(loads)
    assert loads.calls == 4


def test_the_cache_serves_while_the_counter_stands_and_hands_out_copies(seeded):
    data = ReferenceData("test-settings", CompanySettings)
    loads = _Loads(CompanySettings.load)

    def twice():
        first = data.get(loads)
        first.company_name = "Geändert, nicht gespeichert"
        return first, data.get(loads)

    first, second = _in_request(twice)
    assert loads.calls == 1
    assert second.company_name != first.company_name
    CompanySettings.objects.update(company_name="Neu GmbH")
    _first, again = _in_request(twice)
    assert loads.calls == 2 and again.company_name == "Neu GmbH"


@pytest.mark.parametrize("warm", [True, False])
def test_a_transaction_neither_reads_nor_fills_the_cache(seeded, warm):
    data = ReferenceData("test-statuses", Status)

    def names():
        return {status.name for status in Status.objects.all()}

    def body():
        if warm:
            data.get(names)
        with transaction.atomic():
            Status.objects.create(name="Entwurf", kind=Status.Kind.WITHOUT_NUMBER)
            inside = data.get(names)
            transaction.set_rollback(True)
        return inside, data.get(names)

    inside, after = _in_request(body)
    assert "Entwurf" in inside  # the transaction sees its own change
    assert "Entwurf" not in after  # which was rolled back, and not cached
