"""What a row does to a customer: the new customer it describes, or the changes to an existing
one. "Updates change only what the file says": a field is written only when its cell has a
value, or is empty in a column the user marked "leere Zellen leeren"."""

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django_countries import countries

from kundenakte.core.models import NumberRange
from kundenakte.customers import validators
from kundenakte.customers.models import CUSTOMER_NUMBER_RANGE, Customer, Person, Salutation, Status
from kundenakte.customers.naming import suggest_short_name
from kundenakte.imports import fields
from kundenakte.imports.analysis.cells import (
    COUNTRY_DEPENDENT,
    PERSON_ATTRS,
    PRIVATE_PERSON_ATTRS,
    _messages,
)
from kundenakte.imports.fields import CUSTOMER

# Fields that always hold a value: an empty cell never clears them.
_REQUIRED = {"short_name", "country", "payment_terms_days", "status", "number"}
_CUSTOMER_KEYS = [f.key for f in fields.FIELDS if f.target == CUSTOMER]


class RowError(Exception):
    def __init__(self, errors: list[tuple[str, str]]):
        super().__init__(errors)
        self.errors = errors


@dataclass(slots=True)
class Row:
    line: int
    values: dict[str, Any]
    cleared: set[str]
    errors: list[tuple[str, str]] = field(default_factory=list)  # (field key, message)

    def given(self, key: str) -> bool:
        return key in self.values or key in self.cleared

    def value(self, key: str, default: Any = "") -> Any:
        return self.values.get(key, default)


@dataclass(slots=True)
class Loaded:
    """An existing customer as a chunk of rows sees it: its persons and tag names are lists
    the rows of the chunk add to, so that a later row finds what an earlier one added."""

    customer: Customer
    persons: list[Person]
    tags: list[str]
    tag_ids: list[int]  # as loaded, for undo


@dataclass(slots=True)
class Plan:
    """What one row does to one customer. For an update, `customer` is the loaded customer,
    already changed in memory; `previous` holds the replaced values for undo."""

    customer: Customer | None
    fields: set[str] = field(default_factory=set)
    previous: dict[str, Any] = field(default_factory=dict)
    changes: list[list[str]] = field(default_factory=list)
    tags_added: list[str] = field(default_factory=list)
    tags_cleared: bool = False
    person_new: Person | None = None
    person_changed: Person | None = None
    person_fields: set[str] = field(default_factory=set)
    person_previous: dict[str, Any] = field(default_factory=dict)
    number: str | None = None

    @property
    def changed(self) -> bool:
        return bool(self.changes)


def display(attr: str, value: Any) -> str:
    if value in (None, ""):
        return ""
    if isinstance(value, Status):
        return value.name
    if attr == "salutation":
        return str(Salutation(value).label)
    if attr == "country":
        return str(countries.name(value) or value)
    return str(value)


class RowRules:
    """The rules of the customer form, applied to one row at a time (see cells.py)."""

    def __init__(self) -> None:
        self.defaults = {
            kind: Status.objects.get(kind=kind, is_default=True) for kind in Status.Kind.values
        }
        self.number_range = NumberRange.objects.get(key=CUSTOMER_NUMBER_RANGE)
        self.labels = {f.key: str(f.label) for f in fields.FIELDS}

    # --- checks ---------------------------------------------------------------------------

    def check_number(self, number: str) -> None:
        validators.check_customer_number_range(
            number, self.number_range.start, self.number_range.end
        )

    def country_checks(self, row: Row, country: str, errors: list) -> dict[str, str]:
        cleaned = {}
        for key, check in COUNTRY_DEPENDENT.items():
            if key in row.values:
                try:
                    cleaned[key] = check(row.values[key], country)
                except ValidationError as exc:
                    errors.append((key, _messages(exc)))
        return cleaned

    def _status(self, row: Row, has_number: bool, errors: list) -> Status | None:
        status = row.values.get("status")
        wanted = Status.Kind.WITH_NUMBER if has_number else Status.Kind.WITHOUT_NUMBER
        if status is None:
            return None
        if status.kind != wanted:
            message = (
                _("A customer with a number needs a status of the class with number.")
                if has_number
                else _("A customer without a number needs a status of the class without number.")
            )
            errors.append(("status", message))
        return status

    # --- new customers --------------------------------------------------------------------

    def new_customer(self, row: Row, user, build: bool = True) -> Plan:
        """The new customer the row describes; `build=False` (the preview) checks it without
        making model instances, which would cost seconds for 100,000 rows."""
        errors: list[tuple[str, str]] = []
        values = row.values
        first, last = values.get("person_first_name", ""), values.get("person_last_name", "")
        company = values.get("company_name", "")
        is_person = not company and bool(first or last)
        number = values.get("number")
        if number:
            try:
                self.check_number(number)
            except ValidationError as exc:
                errors.append(("number", _messages(exc)))
        cleaned = self.country_checks(row, values.get("country", "DE"), errors)
        status = self._status(row, bool(number), errors)
        attrs = {key: cleaned.get(key, values[key]) for key in _CUSTOMER_KEYS if key in values}
        if is_person:
            attrs.update(self._private_person_fields(row))
            if not attrs.get("last_name"):
                errors.append(("person_last_name", _("A private person needs a last name.")))
        person = None if is_person else self.new_person(row, errors, build=build)
        if not attrs.get("short_name"):
            attrs["short_name"] = suggest_short_name(
                company_name=attrs.get("company_name", ""),
                first_name=attrs.get("first_name", ""),
                last_name=attrs.get("last_name", ""),
            )
        if not attrs["short_name"]:
            errors.append(("short_name", _("Enter a short name or a name to derive it from.")))
        if errors:
            raise RowError(errors)
        customer = None
        if build:
            kind = Customer.Kind.PERSON if is_person else Customer.Kind.COMPANY
            wanted = Status.Kind.WITH_NUMBER if number else Status.Kind.WITHOUT_NUMBER
            customer = Customer(
                kind=kind,
                number=number or None,
                status=status or self.defaults[wanted],
                created_by=user,
                updated_by=user,
                **attrs,
            )
        plan = Plan(customer, person_new=person, tags_added=list(values.get("tags", ())))
        plan.number = number
        return plan

    def _private_person_fields(self, row: Row) -> dict:
        return {
            attr: row.values[key]
            for key, attr in PRIVATE_PERSON_ATTRS.items()
            if key in row.values
            and not (attr in ("phone", "mobile", "email") and attr in row.values)
        }

    def has_person(self, row: Row) -> bool:
        return any(key in row.values for key in PERSON_ATTRS)

    def new_person(
        self, row: Row, errors: list, customer: Customer | None = None, build: bool = True
    ) -> Person | None:
        if not self.has_person(row):
            return None
        if not row.values.get("person_last_name"):
            errors.append(("person_last_name", _("A contact person needs a last name.")))
            return None
        if not build:
            return None
        person = Person(customer=customer) if customer is not None else Person()
        for key, attr in PERSON_ATTRS.items():
            if key in row.values:
                setattr(person, attr, row.values[key])
        return person

    # --- existing customers ---------------------------------------------------------------

    def update_customer(self, loaded: Loaded, row: Row) -> Plan:
        errors: list[tuple[str, str]] = []
        customer = loaded.customer
        plan = Plan(customer)
        number = row.values.get("number")
        has_number = bool(customer.number or number)
        gets_number = bool(number and not customer.number)
        if gets_number:
            try:
                self.check_number(number)
            except ValidationError as exc:
                errors.append(("number", _messages(exc)))
            self._set(plan, "number", "number", number)
        country = row.values.get("country") or customer.country.code or "DE"
        cleaned = self.country_checks(row, country, errors)
        status = self._status(row, has_number, errors)
        if status is None and gets_number:
            status = self.defaults[Status.Kind.WITH_NUMBER]
        if status is not None and status.pk != customer.status_id:
            self._set(plan, "status", "status", status)
        for key in _CUSTOMER_KEYS:
            if key in row.values:
                self._set(plan, key, key, cleaned.get(key, row.values[key]))
            elif key in row.cleared and key not in _REQUIRED:
                self._set(plan, key, key, "")
        if customer.is_company:
            self._update_person(plan, loaded, row, errors)
        else:
            for key, attr in PRIVATE_PERSON_ATTRS.items():
                if key in row.values and not (
                    attr in ("phone", "mobile", "email") and attr in row.values
                ):
                    self._set(plan, key, attr, row.values[key])
                elif key in row.cleared and attr != "last_name":
                    self._set(plan, key, attr, "")
        self._tags(plan, loaded, row)
        if errors:
            raise RowError(errors)
        return plan

    def _set(self, plan: Plan, key: str, attr: str, value: Any) -> None:
        customer = plan.customer
        if attr == "status":
            old = customer.status
        elif attr == "country":  # the field's descriptor makes a Country object on each read
            old = customer.country.code
        else:
            old = getattr(customer, attr)
        if (old.pk if isinstance(old, Status) else old) == (
            value.pk if isinstance(value, Status) else value
        ):
            return
        field_name = "status_id" if attr == "status" else attr
        plan.previous.setdefault(field_name, old.pk if isinstance(old, Status) else old)
        plan.fields.add(attr)
        plan.changes.append([self.labels[key], display(attr, old), display(attr, value)])
        setattr(customer, attr, value)

    def _tags(self, plan: Plan, loaded: Loaded, row: Row) -> None:
        current = {name.casefold(): name for name in loaded.tags}
        if "tags" in row.cleared and current:
            plan.tags_cleared = True
            plan.previous.setdefault("tags", list(loaded.tag_ids))
            plan.changes.append([self.labels["tags"], ", ".join(current.values()), ""])
            loaded.tags.clear()
            return
        added = [name for name in row.values.get("tags", ()) if name.casefold() not in current]
        if added:
            plan.tags_added = added
            plan.previous.setdefault("tags", list(loaded.tag_ids))
            old = ", ".join(current.values())
            plan.changes.append([self.labels["tags"], old, ", ".join([*current.values(), *added])])
            loaded.tags.extend(added)

    def person_plan(self, loaded: Loaded, row: Row) -> Plan:
        """A further row of a customer: only its person is read."""
        errors: list[tuple[str, str]] = []
        plan = Plan(loaded.customer)
        self._update_person(plan, loaded, row, errors)
        if errors:
            raise RowError(errors)
        return plan

    def _update_person(self, plan: Plan, loaded: Loaded, row: Row, errors: list) -> None:
        if not self.has_person(row):
            return
        persons = loaded.persons
        first = row.values.get("person_first_name", "").casefold()
        last = row.values.get("person_last_name", "").casefold()
        if last:
            found = next(
                (
                    p
                    for p in persons
                    if p.last_name.casefold() == last and p.first_name.casefold() == first
                ),
                None,
            )
        else:
            found = persons[0] if persons and persons[0].is_primary else None
        if found is None:
            person = self.new_person(row, errors, plan.customer)
            if person is not None:
                person.is_primary = not persons
                plan.person_new = person
                plan.changes.append([str(_("Person")), "", person.full_name])
                persons.append(person)
            return
        for key, attr in PERSON_ATTRS.items():
            if key in row.values or (key in row.cleared and attr != "last_name"):
                value = row.values.get(key, "")
                old = getattr(found, attr)
                if old != value:
                    plan.person_previous.setdefault(attr, old)
                    plan.person_fields.add(attr)
                    label = f"{found.full_name}: {self.labels[key]}"
                    plan.changes.append([label, display(attr, old), display(attr, value)])
                    setattr(found, attr, value)
        if plan.person_fields:
            plan.person_changed = found
