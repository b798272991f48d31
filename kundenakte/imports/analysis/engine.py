"""The walk through a file's rows that both the preview and the import make.

Rows are read in chunks: each chunk is parsed and matched against the key dicts of the existing
customers (analysis/index.py), then the customers it touches are loaded in one query, then each
row is settled: counted, recorded as an ImportLine when it updates, may duplicate or is faulty,
and — when importing — handed to the writer (applying.py), which writes the chunk in bulk.

Several rows with the same customer key (the customer number, else the normalised name with the
postal code) describe one customer: the first row its data, every further row one more person.
"""

import copy
import functools
import gc
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import islice

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kundenakte.customers import validators
from kundenakte.customers.matching import email_key, name_key
from kundenakte.customers.models import Customer
from kundenakte.imports.analysis.cells import CellParser
from kundenakte.imports.analysis.changes import Loaded, Plan, Row, RowError, RowRules
from kundenakte.imports.analysis.index import CustomerIndex, load_customers
from kundenakte.imports.models import ImportLine, ImportRun

CHUNK_SIZE = 2000
# Firms repeat their name on each contact's row: the key is computed once per name.
_name_key = functools.lru_cache(maxsize=4096)(name_key)
Outcome = ImportLine.Outcome
Decision = ImportRun.Duplicates

# What the first row of a customer key found; further rows follow it.
NEW, EXISTING, DUPLICATE, SKIPPED, FAILED = "new", "existing", "duplicate", "skipped", "failed"


@dataclass(slots=True)
class Group:
    line: int
    kind: str
    pk: int | None = None
    name_key: str = ""
    updated: bool = False  # an existing customer: whether a row changed it
    pending: object = None  # the writer's handle of a new customer


@dataclass(slots=True)
class Step:
    row: Row
    group: Group | None
    first: bool


@dataclass
class Counts:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicate: int = 0
    error: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(vars(self))


@dataclass
class Walk:
    """One pass through the file. `writer` is None for the preview."""

    run: ImportRun
    headings: list[str]
    mapping: list[dict]
    writer: object = None
    decisions: dict[int, str] = field(default_factory=dict)
    progress: Callable[[int, int], None] = lambda done, total: None
    counts: Counts = field(default_factory=Counts)

    def __post_init__(self) -> None:
        self.parser = CellParser()
        self.rules = RowRules()
        self.index = CustomerIndex()
        self.columns = [
            (i, entry["field"], bool(entry.get("clear")))
            for i, entry in enumerate(self.mapping)
            if entry.get("field")
        ]
        self.heading_of = {key: self.headings[i] for i, key, _clear in self.columns}
        self.by_number: dict[str, Group] = {}
        self.by_name: dict[tuple[str, str], Group] = {}
        self.by_pk: dict[int, Group] = {}
        self.lines: list[ImportLine] = []
        self.open_lines: dict[int, ImportLine] = {}  # by customer pk, this chunk's only
        self.numbers: list[int] = []

    # --- the loop -------------------------------------------------------------------------

    def walk(self, rows: Iterable[tuple[int, list[str]]], total: int) -> Counts:
        try:
            return self._walk(rows, total)
        finally:
            gc.unfreeze()

    def _walk(self, rows: Iterable[tuple[int, list[str]]], total: int) -> Counts:
        done = 0
        iterator = iter(rows)
        while chunk := list(islice(iterator, CHUNK_SIZE)):
            # What is alive between chunks lives on (the key dicts, a group per customer): the
            # garbage collector need not look at it again and again, which took a quarter of
            # the walk at 150,000 rows. Objects still go when nothing refers to them; cycles
            # among frozen ones are found once `walk` unfreezes them at the end.
            gc.freeze()
            steps = [self._plan(line, cells) for line, cells in chunk]
            pks = {s.group.pk for s in steps if s.group and s.group.pk is not None}
            loaded = self._load(pks)
            for step in steps:
                self._settle(step, loaded)
            if self.writer is not None:
                self.writer.flush()
            self._flush_lines()
            done += len(chunk)
            self.progress(done, total)
        return self.counts

    def _load(self, pks) -> dict[int, Loaded]:
        return {
            pk: Loaded(customer, persons, [name for _pk, name in tags], [pk for pk, _n in tags])
            for pk, (customer, persons, tags) in load_customers(pks).items()
        }

    # --- parsing and matching -------------------------------------------------------------

    def _parse(self, line: int, cells: list[str]) -> Row:
        row = Row(line, {}, set())
        memo, error = self.parser.memo, self.parser.error
        for i, key, clear in self.columns:
            raw = cells[i]
            if not raw:
                if clear:
                    row.cleared.add(key)
                continue
            value, message = memo[key].get(raw) or error(key, raw)
            if message:
                row.errors.append((key, message))
            elif value not in ("", None, ()):
                row.values[key] = value
        return row

    def _plan(self, line: int, cells: list[str]) -> Step:
        row = self._parse(line, cells)
        if row.errors:  # name every fault of the row at once, those of the country rules too
            self.rules.country_checks(row, row.values.get("country", "DE"), row.errors)
        values = row.values
        firm = values.get("company_name") or values.get("short_name") or ""
        firm_key = _name_key(firm) if firm else ""
        person = " ".join(
            p for p in (values.get("person_first_name"), values.get("person_last_name")) if p
        )
        key = (firm_key or (_name_key(person) if person else ""), values.get("postal_code", ""))
        number = values.get("number")
        group = self.by_number.get(number) if number else None
        if group is None and not number and key[0]:
            group = self.by_name.get(key)
        if group is not None:
            if number and firm_key and group.name_key and firm_key != group.name_key:
                message = _(
                    "The customer number %(number)s is given to another customer in row "
                    "%(line)s already."
                ) % {"number": number, "line": group.line}
                row.errors.append(("number", message))
                return Step(row, None, True)
            return Step(row, group, False)
        kind, pk = (FAILED, None) if row.errors else self._match(row, number, key)
        if kind == EXISTING and pk in self.by_pk:
            return Step(row, self.by_pk[pk], False)
        group = Group(line, kind, pk, firm_key)
        if number:
            self.by_number[number] = group
        if key[0]:
            self.by_name.setdefault(key, group)
        if kind == EXISTING:
            self.by_pk[pk] = group
        return Step(row, group, True)

    def _duplicate(self, row: Row, group: Group, loaded: dict[int, Loaded]) -> None:
        """A row that matches a customer by name and postal code only. If it would change
        nothing there, it is that customer, unchanged (our own export read back); otherwise
        the user's decision says what it is, when importing."""
        try:
            plan = self.rules.update_customer(copy.deepcopy(loaded[group.pk]), row)
        except RowError:
            plan = None
        if plan is not None and not plan.changed:
            group.kind = EXISTING
            self.by_pk.setdefault(group.pk, group)
            return
        if self.writer is None:
            return
        decision = self.decisions.get(row.line) or self.run.duplicates
        if decision == Decision.UPDATE and group.pk not in self.by_pk:
            group.kind = EXISTING
            self.by_pk[group.pk] = group
        elif decision == Decision.CREATE:
            group.kind, group.pk = NEW, None
        else:
            group.kind = SKIPPED

    def _match(self, row: Row, number: str | None, key: tuple[str, str]) -> tuple[str, int | None]:
        """Find the row's customer: by number; else by VAT ID or e-mail; else by name and
        postal code, which is only a possible duplicate. FAILED with the row's error when the
        number belongs to another customer."""
        index = self.index
        if number:
            if number in index.by_number:
                return EXISTING, index.by_number[number]
            if number in index.legacy:
                other = Customer.objects.get(pk=index.legacy[number])
                row.errors.append(
                    (
                        "number",
                        _("The number %(number)s is the former number of %(customer)s.")
                        % {"number": number, "customer": other.short_name},
                    )
                )
                return FAILED, None
        pk = self._by_vat_or_email(row)
        if pk is not None:
            held = index.number_of.get(pk)
            if number and held and held != number:
                other = Customer.objects.get(pk=pk)
                row.errors.append(
                    (
                        "number",
                        _(
                            "This customer is %(customer)s (same VAT ID or e-mail), who has the "
                            "number %(held)s already."
                        )
                        % {"customer": other.short_name, "held": held},
                    )
                )
                return FAILED, None
            return EXISTING, pk
        pk = index.by_name.get(key) if key[0] else None
        if pk is not None and not (number and index.number_of.get(pk)):
            return DUPLICATE, pk
        return NEW, None

    def _by_vat_or_email(self, row: Row) -> int | None:
        vat = row.values.get("vat_id")
        if vat:
            try:
                vat = validators.clean_vat_id(vat, row.values.get("country", "DE"))
            except ValidationError:
                vat = None  # the customer's rules say what is wrong (changes.py)
        pk = self.index.by_vat.get(vat) if vat else None
        email = row.values.get("email")
        if pk is None and email:
            pk = self.index.by_email.get(email_key(email))
        return pk

    # --- settling -------------------------------------------------------------------------

    def _settle(self, step: Step, loaded: dict[int, Loaded]) -> None:
        row, group = step.row, step.group
        if row.errors or group is None:
            self._error(row, group)
            return
        try:
            if step.first:
                self._first(row, group, loaded)
            else:
                self._further(row, group, loaded)
        except RowError as exc:
            row.errors = exc.errors
            if step.first:
                group.kind = FAILED
            self._error(row, None)

    def _first(self, row: Row, group: Group, loaded: dict[int, Loaded]) -> None:
        if group.kind == DUPLICATE:
            self._duplicate(row, group, loaded)
        if group.kind == NEW:
            writer = self.writer
            plan = self.rules.new_customer(row, writer and writer.user, build=writer is not None)
            self._number_taken(plan.number)
            self.counts.new += 1
            if plan.number:
                self.numbers.append(int(plan.number))
            if self.writer is not None:
                group.pending = self.writer.create(plan)
        elif group.kind == EXISTING:
            target = loaded[group.pk]
            plan = self.rules.update_customer(target, row)
            if "number" in plan.fields:
                self._number_taken(plan.customer.number)
                self.numbers.append(int(plan.customer.number))
            self._record(group, plan, row.line, target)
        elif group.kind != EXISTING:
            self.counts.duplicate += 1
            customer = loaded[group.pk].customer
            self.lines.append(
                ImportLine(
                    run_id=self.run.pk,
                    line=row.line,
                    outcome=Outcome.DUPLICATE,
                    label=customer.short_name[:255],
                    customer_id=group.pk,
                    decision=self.decisions.get(row.line, ""),
                )
            )

    def _number_taken(self, number: str | None) -> None:
        if number and number in self.index.by_number:
            message = _("The number %(number)s is already taken.") % {"number": number}
            raise RowError([("number", message)])

    def _further(self, row: Row, group: Group, loaded: dict[int, Loaded]) -> None:
        if group.kind == FAILED:
            message = _("Skipped because row %(line)s of the same customer is faulty.") % {
                "line": group.line
            }
            row.errors = [("", message)]
            self._error(row, None)
        elif group.kind == NEW:
            errors: list = []
            person = self.rules.new_person(row, errors, build=self.writer is not None)
            if errors:
                raise RowError(errors)
            if person is not None and self.writer is not None:
                self.writer.add_person(group.pending, person)
        elif group.kind == EXISTING:
            target = loaded[group.pk]
            plan = self.rules.person_plan(target, row)
            self._record(group, plan, row.line, target)

    def _record(self, group: Group, plan: Plan, line: int, target: Loaded) -> None:
        """Count an existing customer as updated or unchanged, once, however many rows it has."""
        if not plan.changed:
            if not group.updated and group.line == line:
                self.counts.unchanged += 1
            return
        if group.updated:
            self._append_changes(group.pk, plan.changes)
        else:
            if group.line != line:
                self.counts.unchanged -= 1
            group.updated = True
            self.counts.updated += 1
            entry = ImportLine(
                run_id=self.run.pk,
                line=line,
                outcome=Outcome.UPDATE,
                label=plan.customer.short_name[:255],
                customer_id=group.pk,
                changes=plan.changes,
            )
            self.lines.append(entry)
            self.open_lines[group.pk] = entry
        if self.writer is not None:
            self.writer.update(plan, target)

    def _append_changes(self, pk: int, changes: list) -> None:
        entry = self.open_lines.get(pk)
        if entry is not None:
            entry.changes = entry.changes + changes
            return
        stored = ImportLine.objects.filter(run=self.run, customer_id=pk, outcome=Outcome.UPDATE)
        for entry in stored[:1]:
            entry.changes = entry.changes + changes
            entry.save(update_fields=["changes"])

    def _error(self, row: Row, group: Group | None) -> None:
        self.counts.error += 1
        errors = [[self.heading_of.get(key, ""), message] for key, message in row.errors]
        self.lines.append(
            ImportLine(run_id=self.run.pk, line=row.line, outcome=Outcome.ERROR, errors=errors)
        )

    def _flush_lines(self) -> None:
        ImportLine.objects.bulk_create(self.lines, batch_size=500)
        self.lines = []
        self.open_lines = {}
