"""Applying an import: the same walk as the preview (analysis/engine.py), re-checked against
the database as it is now, with a writer that stores each chunk of rows in bulk.

Everything happens in one transaction, so an import that fails half-way leaves nothing behind.
Bulk operations send no signals, so this module does what a save would have done: the derived
columns through `Customer.refresh_derived` (the one place computing them), the history through
django-simple-history's bulk functions with the import as the reason, the tag links' history
rows as customers/services/bulk.py writes them. The list's tallies are kept by database triggers.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from kundenakte.core.numbering import number_reserve
from kundenakte.customers.models import CUSTOMER_NUMBER_RANGE, Customer, Person, Tag
from kundenakte.imports import progress
from kundenakte.imports.analysis import open_run_table, store_counts
from kundenakte.imports.analysis.changes import Loaded, Plan
from kundenakte.imports.analysis.engine import Walk
from kundenakte.imports.models import ImportedCustomer, ImportLine, ImportRun

BATCH_SIZE = 500
# Written for every updated customer besides the fields the file changed.
_DERIVED = ["sort_key", "initial", "search_text", "name_key", "updated_at", "updated_by"]


@dataclass(slots=True)
class NewCustomer:
    """A customer the import creates. Once written, only its id is kept (`pk`): the file may
    name it again many rows later, and 100,000 model instances would not fit the memory budget."""

    customer: Customer | None
    persons: list[Person]
    tags: list[str]
    pk: int | None = None


@dataclass(slots=True)
class Update:
    loaded: Loaded
    fields: set[str] = field(default_factory=set)
    previous: dict = field(default_factory=dict)
    tags_added: list[str] = field(default_factory=list)
    tags_cleared: bool = False
    persons_new: list[Person] = field(default_factory=list)
    persons_changed: dict[int, tuple[Person, set[str], dict]] = field(default_factory=dict)


class Writer:
    """Collects a chunk's creations and changes and writes them in `flush()`."""

    def __init__(self, run: ImportRun, user) -> None:
        self.run, self.user, self.reason = run, user, str(run)
        self.tags = {tag.key: tag for tag in Tag.objects.all()}
        self.created: list[NewCustomer] = []
        self.updates: dict[int, Update] = {}
        self.late_persons: list[Person] = []
        self.stale: set[int] = set()

    # --- collecting -----------------------------------------------------------------------

    def create(self, plan: Plan) -> NewCustomer:
        persons = [plan.person_new] if plan.person_new is not None else []
        handle = NewCustomer(plan.customer, persons, list(plan.tags_added))
        self.created.append(handle)
        return handle

    def add_person(self, handle: NewCustomer, person: Person) -> None:
        if handle.pk is None:
            handle.persons.append(person)
        else:  # created by an earlier chunk: its search text is refreshed at the end
            person.customer_id = handle.pk
            self.late_persons.append(person)
            self.stale.add(handle.pk)

    def update(self, plan: Plan, loaded: Loaded) -> None:
        update = self.updates.setdefault(plan.customer.pk, Update(loaded))
        update.fields |= plan.fields
        for name, value in plan.previous.items():
            update.previous.setdefault(name, value)
        update.tags_added += plan.tags_added
        update.tags_cleared |= plan.tags_cleared
        if plan.person_new is not None:
            update.persons_new.append(plan.person_new)
        person = plan.person_changed
        if person is not None:
            known = update.persons_changed.setdefault(person.pk, (person, set(), {}))
            known[1].update(plan.person_fields)
            for name, value in plan.person_previous.items():
                known[2].setdefault(name, value)

    # --- writing --------------------------------------------------------------------------

    def _tag(self, name: str) -> Tag:
        return self.tags[name.casefold()]

    def _create_tags(self) -> None:
        names = {n.casefold(): n for h in self.created for n in h.tags}
        names |= {n.casefold(): n for u in self.updates.values() for n in u.tags_added}
        missing = [Tag(name=name, key=key) for key, name in names.items() if key not in self.tags]
        for tag in Tag.objects.bulk_create(missing):
            self.tags[tag.key] = tag

    def flush(self) -> None:
        self._create_tags()
        created = self._write_created()
        updated = self._write_updated()
        self._write_links(created, updated)
        self._write_persons(created)
        self._write_history(created, updated)
        self._write_records(created)
        for handle in created:
            handle.pk, handle.customer, handle.persons, handle.tags = (
                handle.customer.pk,
                None,
                [],
                [],
            )
        self.created, self.updates, self.late_persons = [], {}, []

    def _write_created(self) -> list[NewCustomer]:
        for handle in self.created:
            for position, person in enumerate(handle.persons):
                person.is_primary = position == 0
            tags = [self._tag(name) for name in handle.tags]
            handle.customer.refresh_derived(persons=handle.persons, tags=tags)
        Customer.objects.bulk_create([h.customer for h in self.created], batch_size=BATCH_SIZE)
        for handle in self.created:
            for person in handle.persons:
                person.customer = handle.customer
        return self.created

    def _write_updated(self) -> list[Update]:
        """One UPDATE per customer with just its changed fields and the derived ones:
        bulk_update() would build a CASE per row and field, far slower for thousands of rows
        (see customers/services/bulk.py)."""
        updates = list(self.updates.values())
        now = timezone.now()
        for update in updates:
            customer = update.loaded.customer
            customer.updated_at, customer.updated_by = now, self.user
            tags = [self._tag(name) for name in update.loaded.tags]
            customer.refresh_derived(persons=update.loaded.persons, tags=tags)
            names = [*sorted(update.fields), *_DERIVED]
            values = {name: getattr(customer, name) for name in names}
            Customer.objects.filter(pk=customer.pk).update(**values)
        return updates

    def _write_links(self, created: list[NewCustomer], updated: list[Update]) -> None:
        link = Customer.tags.through
        cleared = [u.loaded.customer.pk for u in updated if u.tags_cleared]
        if cleared:
            link.objects.filter(customer_id__in=cleared).delete()
        links = [
            link(customer_id=h.customer.pk, tag_id=self._tag(name).pk)
            for h in created
            for name in h.tags
        ]
        links += [
            link(customer_id=u.loaded.customer.pk, tag_id=self._tag(name).pk)
            for u in updated
            for name in u.tags_added
        ]
        link.objects.bulk_create(links, batch_size=BATCH_SIZE)

    def _write_persons(self, created: list[NewCustomer]) -> None:
        new = [p for h in created for p in h.persons]
        new += [p for u in self.updates.values() for p in u.persons_new]
        new += self.late_persons
        bulk_create_with_history(
            new,
            Person,
            batch_size=BATCH_SIZE,
            default_user=self.user,
            default_change_reason=self.reason,
        )
        changed = [entry for u in self.updates.values() for entry in u.persons_changed.values()]
        if changed:
            names = sorted(set().union(*(fields for _p, fields, _prev in changed)))
            bulk_update_with_history(
                [person for person, _f, _prev in changed],
                Person,
                names,
                batch_size=BATCH_SIZE,
                default_user=self.user,
                default_change_reason=self.reason,
            )

    def _write_history(self, created: list[NewCustomer], updated: list[Update]) -> None:
        """One history record per created customer and per customer whose own fields or tags
        changed (persons have their own history)."""
        changed = [u.loaded.customer for u in updated if u.fields or "tags" in u.previous]
        kwargs = {"user": self.user, "reason": self.reason}
        history_create([h.customer for h in created], update=False, **kwargs)
        history_create(changed, update=True, **kwargs)

    def _write_records(self, created: list[NewCustomer]) -> None:
        records = [
            ImportedCustomer(run=self.run, customer_id=h.customer.pk, created=True) for h in created
        ]
        for pk, update in self.updates.items():
            records.append(
                ImportedCustomer(
                    run=self.run,
                    customer_id=pk,
                    previous=update.previous,
                    persons_created=[p.pk for p in update.persons_new],
                    persons_previous={
                        str(person.pk): previous
                        for person, _f, previous in update.persons_changed.values()
                    },
                )
            )
        ImportedCustomer.objects.bulk_create(records, batch_size=BATCH_SIZE)

    def finish(self, numbers: list[int]) -> None:
        """After the last chunk: the search texts of customers that got persons later in the
        file, and the number range moved past the highest imported number."""
        if self.stale:
            refresh_search_texts(sorted(self.stale))
        if numbers:
            number_reserve(key=CUSTOMER_NUMBER_RANGE, value=max(numbers))


def history_create(customers: list[Customer], *, update: bool, user, reason: str) -> None:
    """History records of customers written in bulk, each with the tag links it has now (the
    history's many-to-many rows), as customers/services/bulk.py writes them."""
    records = Customer.history.bulk_history_create(
        customers,
        batch_size=BATCH_SIZE,
        update=update,
        default_user=user,
        default_change_reason=reason,
    )
    links = defaultdict(list)
    through = Customer.tags.through.objects.filter(customer_id__in=[c.pk for c in customers])
    for link_id, customer_id, tag_id in through.values_list("id", "customer_id", "tag_id"):
        links[customer_id].append((link_id, tag_id))
    tag_history = Customer.history.model.tags.model
    tag_history.objects.bulk_create(
        (
            tag_history(history=record, id=link_id, customer_id=record.id, tag_id=tag_id)
            for record in records
            for link_id, tag_id in links[record.id]
        ),
        batch_size=BATCH_SIZE,
    )


def refresh_search_texts(pks: list[int]) -> None:
    table = connection.ops.quote_name(Customer._meta.db_table)
    for start in range(0, len(pks), BATCH_SIZE):
        batch = Customer.objects.filter(pk__in=pks[start : start + BATCH_SIZE])
        rows = []
        for customer in batch.prefetch_related("persons", "tags"):
            customer.refresh_derived(persons=customer.persons.all(), tags=customer.tags.all())
            rows.append((customer.search_text, customer.pk))
        # One prepared UPDATE per row, as customers/services/bulk.py does and for its reason.
        with connection.cursor() as cursor:
            cursor.executemany(f"UPDATE {table} SET search_text = %s WHERE id = %s", rows)


def apply(run: ImportRun, *, user) -> None:
    """Write the import in one transaction; the run ends APPLIED with the real counts."""
    decisions = dict(
        run.lines.filter(outcome=ImportLine.Outcome.DUPLICATE)
        .exclude(decision="")
        .values_list("line", "decision")
    )
    with transaction.atomic():
        run = ImportRun.objects.select_for_update().get(pk=run.pk)
        table = open_run_table(run)
        run.lines.all().delete()
        writer = Writer(run, user)
        walk = Walk(
            run,
            run.headings,
            run.mapping,
            writer=writer,
            decisions=decisions,
            progress=progress.reporter(run),
        )
        counts = walk.walk(table.rows, table.total)
        writer.finish(walk.numbers)
        store_counts(run, counts)
        run.state = ImportRun.State.APPLIED
        run.applied_at, run.applied_by = timezone.now(), user
        run.progress_done = run.progress_total = table.total
        run.save_without_file()
    progress.clear(run)
