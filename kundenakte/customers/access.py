"""Loading customer-side objects for a view: the object, or 404 / 403 — one helper per model.

Every page of a customer file loads its customer, and the overview must answer in 20 ms. Through
the ORM, building the customer's query cost several times what running it does, so it is written
out with core.reader's `columns()` and `from_row()`: the customer comes with its status (and, for
the overview, its persons) in one query, its values converted as the ORM converts them.
"""

from functools import lru_cache

from django.core.exceptions import PermissionDenied
from django.db import connections, router
from django.http import Http404
from django.shortcuts import get_object_or_404

from kundenakte.core.reader import Reader, columns, from_row
from kundenakte.customers.models import Customer, Person, Status, Tag

_MAX_ID = 2**63  # a larger pk matches nothing; SQLite would refuse it as a parameter


def _require(user, perm: str) -> None:
    if not user.has_perm(perm):
        raise PermissionDenied


def load_customer(
    request, pk: int, perm: str = "customers.view_customer", *, persons: bool = False
) -> Customer:
    """The customer with its status; with `persons`, its persons too, as
    prefetch_related_objects([customer], "persons") leaves them — in the same query."""
    _require(request.user, perm)
    connection = connections[router.db_for_read(Customer)]
    with connection.cursor() as cursor:
        cursor.execute(_customer_sql(connection.alias, persons), [pk if 0 < pk < _MAX_ID else 0])
        rows = cursor.fetchall()
    if not rows:
        raise Http404("No customer matches the given query.")
    customer_end = len(Customer._meta.concrete_fields)
    status_end = customer_end + len(Status._meta.concrete_fields)
    customer = from_row(Customer, rows[0][:customer_end], connection)
    customer.status = from_row(Status, rows[0][customer_end:status_end], connection)
    if persons:
        found = [from_row(Person, row[status_end:], connection) for row in rows]
        _prefetched_persons(customer, [person for person in found if person.pk is not None])
    return customer


@lru_cache(maxsize=8)
def _customer_sql(alias: str, persons: bool) -> str:
    connection = connections[alias]
    status, person = Status._meta.db_table, Person._meta.db_table
    selected = [columns(Customer, "c", connection), columns(Status, "s", connection)]
    joins = f" JOIN {status} s ON s.id = c.status_id"
    order = ""
    if persons:
        selected.append(columns(Person, "p", connection))
        joins += f" LEFT JOIN {person} p ON p.customer_id = c.id"
        # Person.Meta.ordering
        order = " ORDER BY p.is_primary DESC, p.last_name, p.first_name, p.id"
    return (
        f"SELECT {', '.join(selected)} FROM {Customer._meta.db_table} c{joins}"
        f" WHERE c.id = %s{order}"
    )


def _prefetched_persons(customer: Customer, persons: list[Person]) -> None:
    # What prefetch_related_objects() stores: customer.persons.all() and the persons tab's count
    # (customers.apps) read these instead of asking the database again.
    queryset = customer.persons.all()
    queryset._result_cache = persons
    queryset._prefetch_done = True
    for person in persons:
        Person.customer.field.set_cached_value(person, customer)
    customer._prefetched_objects_cache = {"persons": queryset}


# Tag.Meta.ordering
_TAGS = Reader(
    Tag,
    f"id IN (SELECT tag_id FROM {Customer.tags.through._meta.db_table} WHERE customer_id = %s)",
    order_by="key",
)


def customer_tags(customer: Customer) -> list[Tag]:
    """customer.tags.all(), read with a plain query (core.reader)."""
    return _TAGS.all([customer.pk])


def load_person(request, customer_pk: int, pk: int, perm: str = "customers.view_person") -> Person:
    _require(request.user, perm)
    return get_object_or_404(
        Person.objects.select_related("customer"), pk=pk, customer_id=customer_pk
    )
