"""The customer's "Verlauf": who changed which field of the customer or its persons, and how.

django-simple-history stores a full row per change; here consecutive rows are compared so the
page lists field, old value and new value.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext as _

from kundenakte.customers.models import Customer, Person, Tag

MAX_ENTRIES = 200


@dataclass
class Change:
    """A field's old and new value; for tags, which were added and which removed instead, so
    that the tags a customer kept are not shown struck through."""

    field: str
    old: str = ""
    new: str = ""
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


@dataclass
class Entry:
    when: datetime
    who: str
    subject: str
    action: str
    changes: list[Change] = field(default_factory=list)
    # Why the change was made when not by hand: "Import 7 (kunden.csv)", a merge. Set through
    # django-simple-history's `_change_reason` / `history_change_reason` by whoever writes.
    reason: str = ""


def _tag_names(rows: list[dict]) -> str:
    ids = [row.get("tag") for row in rows]
    names = Tag.objects.filter(pk__in=ids).values_list("name", flat=True)
    return ", ".join(sorted(names, key=str.casefold)) or "—"


def _tag_change(label: str, old: list[dict], new: list[dict]) -> Change:
    old_ids = {row.get("tag") for row in old}
    new_ids = {row.get("tag") for row in new}
    names = dict(Tag.objects.filter(pk__in=old_ids ^ new_ids).values_list("pk", "name"))

    def named(ids):
        return sorted((names[pk] for pk in ids if pk in names), key=str.casefold)

    return Change(label, added=named(new_ids - old_ids), removed=named(old_ids - new_ids))


def _display(model, name: str, value) -> str:
    if value in (None, ""):
        return "—"
    model_field = model._meta.get_field(name)
    if getattr(model_field, "choices", None):
        return str(dict(model_field.flatchoices).get(value, value))
    if model_field.is_relation and hasattr(model_field, "related_model"):
        target = model_field.related_model
        if isinstance(value, list):  # many-to-many: a list of through rows as dicts
            return _tag_names(value)
        return str(target._default_manager.filter(pk=value).first() or value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def _with_previous(records):
    """Pair each record with the one before it of the same object, without a query per row."""
    last_seen = {}
    pairs = []
    for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
        pairs.append((record, last_seen.get(record.id)))
        last_seen[record.id] = record
    return pairs


def _entries(records, model, subject) -> list[Entry]:
    actions = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
    entries = []
    for record, previous in _with_previous(records):
        user = record.history_user
        entry = Entry(
            when=record.history_date,
            who=(user.get_full_name() or user.get_username()) if user else _("system"),
            subject=subject(record),
            action=actions.get(record.history_type, ""),
            reason=record.history_change_reason or "",
        )
        if record.history_type == "~":
            if previous is None:
                continue  # its predecessor is older than the page shows
            delta = record.diff_against(previous)
            for change in delta.changes:
                label = str(model._meta.get_field(change.field).verbose_name)
                if isinstance(change.new, list):  # many-to-many: the tags
                    entry.changes.append(_tag_change(label, change.old or [], change.new))
                    continue
                entry.changes.append(
                    Change(
                        label,
                        _display(model, change.field, change.old),
                        _display(model, change.field, change.new),
                    )
                )
            if not entry.changes:
                continue
        entries.append(entry)
    return entries


def customer_history(*, customer: Customer) -> list[Entry]:
    customer_records = customer.history.select_related("history_user")[:MAX_ENTRIES]
    person_records = Person.history.filter(customer_id=customer.pk).select_related("history_user")[
        :MAX_ENTRIES
    ]
    entries = _entries(customer_records, Customer, lambda r: _("Customer data"))
    entries += _entries(
        person_records, Person, lambda r: _("Person %(name)s") % {"name": r.instance.full_name}
    )
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries[:MAX_ENTRIES]
