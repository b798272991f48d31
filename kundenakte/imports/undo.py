"""Undoing an applied import from what it recorded (ImportedCustomer), in one transaction.

Created customers are deleted, unless something protects them (an issued document, which
GoBD keeps): then nothing is undone and the message names them. The imports app does not know
the documents app; it asks Django which relations protect a customer from deletion.
Updated customers and persons get their previous values back, added tags are removed; every
change is recorded in the history as "Rückgängig: Import N".
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from kundenakte.customers.models import Customer, Person, Tag
from kundenakte.imports.applying import BATCH_SIZE, history_create, refresh_search_texts
from kundenakte.imports.models import ImportedCustomer, ImportRun

MAX_NAMED = 10


def _protecting_relations():
    """The relations to Customer whose rows forbid deleting their customer."""
    for relation in Customer._meta.related_objects:
        on_delete = getattr(relation, "on_delete", None)
        if on_delete in (models.PROTECT, models.RESTRICT):
            yield relation.related_model, relation.field.name


def _blocked(pks: list[int]) -> list[int]:
    found: set[int] = set()
    for model, name in _protecting_relations():
        for start in range(0, len(pks), BATCH_SIZE):
            batch = pks[start : start + BATCH_SIZE]
            rows = model._default_manager.filter(**{f"{name}__in": batch})
            found.update(rows.values_list(name, flat=True).distinct())
    return sorted(found)


def _refuse(blocking: list[int]) -> None:
    names = list(
        Customer.objects.filter(pk__in=blocking[:MAX_NAMED]).values_list("short_name", flat=True)
    )
    more = len(blocking) - len(names)
    text = ", ".join(names) + (_(" and %(count)s more") % {"count": more} if more > 0 else "")
    raise ValidationError(
        _(
            "This import cannot be undone: documents have been issued since for customers it "
            "created (%(customers)s)."
        ),
        params={"customers": text},
    )


def _delete_created(pks: list[int], user, reason: str) -> None:
    started = timezone.now()
    try:
        for start in range(0, len(pks), BATCH_SIZE):
            Customer.objects.filter(pk__in=pks[start : start + BATCH_SIZE]).delete()
    except (ProtectedError, RestrictedError) as exc:  # a document issued meanwhile
        objects = getattr(exc, "protected_objects", None) or getattr(exc, "restricted_objects", ())
        _refuse(sorted({getattr(obj, "customer_id", 0) for obj in objects} - {0}) or pks)
    # The deletion's history records come from signals, which know neither user nor reason.
    Customer.history.filter(id__in=pks, history_type="-", history_date__gte=started).update(
        history_user=user, history_change_reason=reason
    )
    Person.history.filter(customer_id__in=pks, history_type="-", history_date__gte=started).update(
        history_user=user, history_change_reason=reason
    )


def _restore(records: list[ImportedCustomer], user, reason: str) -> None:
    """Put the previous values back, newest record first, so the oldest value wins."""
    customers = Customer.objects.in_bulk([r.customer_id for r in records])
    persons_created = [pk for r in records for pk in r.persons_created]
    person_ids = [int(pk) for r in records for pk in r.persons_previous]
    persons = Person.objects.in_bulk(person_ids)
    changed_customers: dict[int, set[str]] = {}
    changed_persons: dict[int, set[str]] = {}
    tags: dict[int, list[int]] = {}
    for record in sorted(records, key=lambda r: r.pk, reverse=True):
        customer = customers.get(record.customer_id)
        if customer is None:
            continue
        for name, value in record.previous.items():
            if name == "tags":
                tags[customer.pk] = value
                continue
            setattr(customer, name, value)
            changed_customers.setdefault(customer.pk, set()).add(name)
        for pk, previous in record.persons_previous.items():
            person = persons.get(int(pk))
            if person is not None:
                for name, value in previous.items():
                    setattr(person, name, value)
                changed_persons.setdefault(person.pk, set()).update(previous)
    for pk in persons_created:
        person = Person.objects.filter(pk=pk).first()
        if person is not None:
            person._change_reason = reason
            person.delete()
    existing_tags = set(
        Tag.objects.filter(pk__in=[t for ids in tags.values() for t in ids]).values_list(
            "pk", flat=True
        )
    )
    for customer_pk, tag_ids in tags.items():
        customers[customer_pk].tags.set([pk for pk in tag_ids if pk in existing_tags])
    if changed_persons:
        names = sorted(set().union(*changed_persons.values()))
        bulk_update_with_history(
            [persons[pk] for pk in changed_persons],
            Person,
            names,
            batch_size=BATCH_SIZE,
            default_user=user,
            default_change_reason=reason,
        )
    touched = [customers[pk] for pk in set(changed_customers) | set(tags)]
    if touched:
        now = timezone.now()
        for customer in touched:
            customer.updated_at, customer.updated_by = now, user
        names = sorted(set().union(*changed_customers.values(), {"updated_at", "updated_by"}))
        Customer.objects.bulk_update(touched, names, batch_size=BATCH_SIZE)
        history_create(touched, update=True, user=user, reason=reason)
    refresh_search_texts(sorted({r.customer_id for r in records if r.customer_id in customers}))


def undo(run: ImportRun, *, user) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        reason = _("Undone: %(run)s") % {"run": f"Import {run.pk}"}
    with transaction.atomic():
        run = ImportRun.objects.select_for_update().get(pk=run.pk)
        if run.state != ImportRun.State.APPLIED:
            raise ValidationError(_("Only an applied import can be undone."))
        records = list(run.records.all())
        created = [r.customer_id for r in records if r.created]
        blocking = _blocked(created)
        if blocking:
            _refuse(blocking)
        _restore([r for r in records if not r.created], user, reason)
        _delete_created(created, user, reason)
        run.state = ImportRun.State.UNDONE
        run.undone_at, run.undone_by = timezone.now(), user
        run.save(update_fields=["state", "undone_at", "undone_by"])
