"""Bulk changes of a selection of the customer list.

The list's bulk actions may hit every customer of a filter, many thousands: rows are changed
with set-based queries in batches, the search text is recomputed per batch, and each changed
customer gets one history entry, including its tags, as a single save would have written.
"""

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from kundenakte.customers.models import Customer, Status, Tag
from kundenakte.customers.services import tag_get_or_create

BULK_BATCH_SIZE = 500


@dataclass
class BulkResult:
    changed: int
    skipped: int = 0


def _batches(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), BULK_BATCH_SIZE):
        yield ids[start : start + BULK_BATCH_SIZE]


def _bulk_history(customers: list[Customer], user) -> None:
    records = Customer.history.bulk_history_create(customers, update=True, default_user=user)
    tag_history = Customer.history.model.tags.model
    links = defaultdict(list)
    through = Customer.tags.through.objects.filter(customer_id__in=[c.pk for c in customers])
    for link_id, customer_id, tag_id in through.values_list("id", "customer_id", "tag_id"):
        links[customer_id].append((link_id, tag_id))
    tag_history.objects.bulk_create(
        tag_history(history=record, id=link_id, customer_id=record.id, tag_id=tag_id)
        for record in records
        for link_id, tag_id in links[record.id]
    )


def _save_search_texts(customers: list[Customer]) -> None:
    # One prepared UPDATE per row: bulk_update() builds a CASE expression per row and field,
    # which costs far more than running the statements.
    table = connection.ops.quote_name(Customer._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET search_text = %s WHERE id = %s",
            [(customer.search_text, customer.pk) for customer in customers],
        )


def _bulk_refresh(ids: list[int], user) -> None:
    """After the tags of these customers changed: search text, change stamp, history."""
    customers = list(Customer.objects.filter(pk__in=ids).prefetch_related("persons", "tags"))
    now = timezone.now()
    for customer in customers:
        customer.refresh_derived(persons=customer.persons.all(), tags=customer.tags.all())
        customer.updated_by, customer.updated_at = user, now
    _save_search_texts(customers)
    Customer.objects.filter(pk__in=ids).update(updated_by=user, updated_at=now)
    _bulk_history(customers, user)


def _ids(customers: QuerySet) -> list[int]:
    return list(customers.order_by().values_list("pk", flat=True))


@transaction.atomic
def customers_bulk_add_tag(*, user, customers: QuerySet, name: str) -> tuple[Tag, BulkResult]:
    """Tag every customer of the selection; those that have the tag already are left alone."""
    tag = tag_get_or_create(name=name)
    link = Customer.tags.through
    ids = _ids(customers.exclude(pk__in=link.objects.filter(tag=tag).values("customer_id")))
    for batch in _batches(ids):
        link.objects.bulk_create(link(customer_id=pk, tag=tag) for pk in batch)
        _bulk_refresh(batch, user)
    return tag, BulkResult(changed=len(ids))


@transaction.atomic
def customers_bulk_remove_tag(*, user, customers: QuerySet, tag: Tag) -> BulkResult:
    link = Customer.tags.through
    ids = _ids(customers.filter(pk__in=link.objects.filter(tag=tag).values("customer_id")))
    for batch in _batches(ids):
        link.objects.filter(tag=tag, customer_id__in=batch).delete()
        _bulk_refresh(batch, user)
    return BulkResult(changed=len(ids))


@transaction.atomic
def customers_bulk_set_status(*, user, customers: QuerySet, status: Status) -> BulkResult:
    """Give the selection a status; customers of the other class are skipped, since a status
    with number only fits a customer with number and vice versa (see Customer.clean)."""
    fits = Q(number__isnull=status.kind == Status.Kind.WITHOUT_NUMBER)
    skipped = customers.exclude(fits).count()
    ids = _ids(customers.filter(fits).exclude(status=status))
    for batch in _batches(ids):
        Customer.objects.filter(pk__in=batch).update(
            status=status, updated_by=user, updated_at=timezone.now()
        )
        _bulk_history(list(Customer.objects.filter(pk__in=batch)), user)
    return BulkResult(changed=len(ids), skipped=skipped)
