"""Business rules for customers, statuses, tags and persons.

Views and management commands call these functions; they validate with full_clean() before
saving and keep the derived search columns current.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from kundenakte.core import clean_text
from kundenakte.core.models import NumberRange
from kundenakte.core.numbering import number_draw, number_peek
from kundenakte.customers import validators
from kundenakte.customers.models import CUSTOMER_NUMBER_RANGE, Customer, Person, Status, Tag


def status_default(*, kind: str) -> Status:
    return Status.objects.get(kind=kind, is_default=True)


def customer_refresh_derived(*, customer: Customer) -> None:
    """Recompute the search text after the customer's persons or tags changed."""
    customer.refresh_derived(persons=customer.persons.all(), tags=customer.tags.all())
    Customer.objects.filter(pk=customer.pk).update(
        sort_key=customer.sort_key,
        initial=customer.initial,
        search_text=customer.search_text,
        name_key=customer.name_key,
    )


def _save(customer: Customer, user, tag_names: list[str] | None) -> Customer:
    customer.updated_by = user
    if customer.status_id is None:
        kind = Status.Kind.WITH_NUMBER if customer.number else Status.Kind.WITHOUT_NUMBER
        customer.status = status_default(kind=kind)
    customer.full_clean()
    customer.save()
    if tag_names is not None:
        customer.tags.set([tag_get_or_create(name=name) for name in tag_names])
    customer_refresh_derived(customer=customer)
    return customer


@transaction.atomic
def customer_create(*, user, customer: Customer, tag_names: list[str] | None = None) -> Customer:
    """Save a new customer; without a status it gets the default of its class."""
    customer.created_by = user
    return _save(customer, user, tag_names or [])


@transaction.atomic
def customer_update(*, user, customer: Customer, tag_names: list[str] | None = None) -> Customer:
    return _save(customer, user, tag_names)


def _number_taken(number: str) -> bool:
    return Customer.objects.filter(number=number).exists()


def customer_number_range() -> NumberRange:
    return NumberRange.objects.get(key=CUSTOMER_NUMBER_RANGE)


def customer_next_number() -> str | None:
    """The number "Kundennummer vergeben" proposes: the next free one of the range, or None
    when the range is used up."""
    return number_peek(key=CUSTOMER_NUMBER_RANGE, is_taken=_number_taken)


def customer_needs_number(*, customer: Customer) -> bool:
    """Whether "Kundennummer vergeben" applies: no number yet, or one outside the range (given
    before the range moved, or before numbers were checked), which the settings list."""
    if not customer.number:
        return True
    number_range = customer_number_range()
    return not number_range.contains(int(customer.number))


def _chosen_number(typed: str) -> str:
    """The number an administrator typed, normalised and checked against range and use."""
    number = validators.normalise_customer_number(typed)
    number_range = customer_number_range()
    validators.check_customer_number_range(number, number_range.start, number_range.end)
    if _number_taken(number):
        if number != typed.strip():
            raise ValidationError(
                _("The number %(number)s is already taken (leading zeros do not count)."),
                params={"number": number},
            )
        raise ValidationError(
            _("The number %(number)s is already taken."), params={"number": number}
        )
    return number


@transaction.atomic
def customer_assign_number(*, user, customer: Customer, number: str | None = None) -> Customer:
    """Give a customer without number the next number (or a chosen free one) and move it to the
    default status of the class with number, in one transaction.

    A customer whose number lies outside the range gets a new one the same way; the old number
    is kept as its former number (`legacy_number`) and its status stays.
    """
    locked = Customer.objects.select_for_update().get(pk=customer.pk)
    if not customer_needs_number(customer=locked):
        raise ValidationError(
            _("This customer already has the number %(number)s."), params={"number": locked.number}
        )
    if number is None:
        number = number_draw(key=CUSTOMER_NUMBER_RANGE, is_taken=_number_taken)
    else:
        number = _chosen_number(number)
    if locked.number:
        locked.legacy_number = locked.number
    else:
        locked.status = status_default(kind=Status.Kind.WITH_NUMBER)
    locked.number = number
    _save(locked, user, None)
    customer.refresh_from_db()
    return locked


@transaction.atomic
def customer_ensure_number(*, user, customer: Customer) -> str:
    """The customer's number, drawn now if it has none (issuing the first invoice)."""
    locked = Customer.objects.select_for_update().get(pk=customer.pk)
    if not locked.number:
        locked = customer_assign_number(user=user, customer=locked)
    customer.refresh_from_db()
    return locked.number


def customer_set_archived(*, user, customer: Customer, archived: bool) -> Customer:
    customer.archived = archived
    customer.updated_by = user
    customer.save(update_fields=["archived", "updated_by", "updated_at"])
    return customer


def customer_can_delete(*, customer: Customer) -> bool:
    """Only a prospect can be deleted: a number once given must never be given again (nor a
    former number lost, which documents may still carry)."""
    return not customer.number and not customer.legacy_number


@transaction.atomic
def customer_delete(*, customer: Customer) -> None:
    """Delete a prospect with nothing attached; anything else can only be archived."""
    if not customer_can_delete(customer=customer):
        raise ValidationError(_("A customer with a number cannot be deleted; archive it instead."))
    try:
        customer.delete()
    except ProtectedError as exc:
        raise ValidationError(
            _("Documents refer to this customer, so it can only be archived.")
        ) from exc


# --- Statuses ---------------------------------------------------------------------------------


@transaction.atomic
def status_save(*, status: Status) -> Status:
    """Create or change a status; the first of its class, or one marked default, becomes the
    default and the former default of the class loses the mark."""
    if status.pk is not None:
        before = Status.objects.select_for_update().get(pk=status.pk)
        if before.kind != status.kind and before.customers.exists():
            raise ValidationError({"kind": _("The class of a status in use cannot be changed.")})
        if before.is_default and not status.is_default:
            status.is_default = True  # a class always keeps a default; pick another one instead
    if not Status.objects.filter(kind=status.kind).exclude(pk=status.pk).exists():
        status.is_default = True
    if status.is_default:
        Status.objects.filter(kind=status.kind, is_default=True).exclude(pk=status.pk).update(
            is_default=False
        )
    if status.pk is None and not status.position:
        status.position = Status.objects.filter(kind=status.kind).count() + 1
    status.full_clean()
    status.save()
    return status


@transaction.atomic
def status_delete(*, status: Status, move_to: Status | None = None) -> None:
    """Delete a status, first moving its customers to `move_to` of the same class."""
    siblings = Status.objects.filter(kind=status.kind).exclude(pk=status.pk)
    if not siblings.exists():
        raise ValidationError(_("The last status of a class cannot be deleted."))
    if status.customers.exists():
        if move_to is None or move_to.kind != status.kind or move_to.pk == status.pk:
            raise ValidationError(
                _("This status is in use: choose another status of its class for its customers.")
            )
        for customer in status.customers.all():
            customer.status = move_to
            customer.save(update_fields=["status", "updated_at"])
    successor = move_to or siblings.first()
    was_default = status.is_default
    status.delete()
    if was_default and successor is not None:
        Status.objects.filter(pk=successor.pk).update(is_default=True)


@transaction.atomic
def status_move(*, status: Status, step: int) -> None:
    """Move a status one place up (-1) or down (+1) within its class."""
    ordered = list(Status.objects.select_for_update().filter(kind=status.kind))
    index = next(i for i, s in enumerate(ordered) if s.pk == status.pk)
    target = index + step
    if 0 <= target < len(ordered):
        ordered[index], ordered[target] = ordered[target], ordered[index]
    for position, item in enumerate(ordered, start=1):
        if item.position != position:
            Status.objects.filter(pk=item.pk).update(position=position)


# --- Tags -------------------------------------------------------------------------------------


def tag_clean_name(name: str) -> str:
    name = " ".join(name.split())
    clean_text.validate_single_line(name)  # the in-place endpoints have no form to do it
    if not name:
        raise ValidationError(_("A tag needs a name."))
    if len(name) > 50:
        raise ValidationError(_("A tag name has at most 50 characters."))
    return name


def tag_get_or_create(*, name: str) -> Tag:
    name = tag_clean_name(name)
    tag = Tag.objects.filter(key=name.casefold()).first()
    return tag or Tag.objects.create(name=name)


def _refresh_tagged(tag: Tag) -> None:
    for customer in Customer.objects.filter(tags=tag).prefetch_related("persons", "tags"):
        customer_refresh_derived(customer=customer)


@transaction.atomic
def customer_add_tag(*, customer: Customer, name: str) -> Tag:
    tag = tag_get_or_create(name=name)
    customer.tags.add(tag)
    customer_refresh_derived(customer=customer)
    return tag


@transaction.atomic
def customer_remove_tag(*, customer: Customer, tag: Tag) -> None:
    customer.tags.remove(tag)
    customer_refresh_derived(customer=customer)


@transaction.atomic
def tag_rename(*, tag: Tag, name: str) -> Tag:
    name = tag_clean_name(name)
    if Tag.objects.filter(key=name.casefold()).exclude(pk=tag.pk).exists():
        raise ValidationError(_("A tag with this name exists already; merge the two instead."))
    tag.name = name
    tag.save()
    _refresh_tagged(tag)
    return tag


@transaction.atomic
def tag_merge(*, source: Tag, target: Tag) -> Tag:
    """Move every customer of `source` to `target` and delete `source`."""
    if source.pk == target.pk:
        raise ValidationError(_("A tag cannot be merged into itself."))
    for customer in Customer.objects.filter(tags=source):
        customer.tags.add(target)
    source.delete()
    _refresh_tagged(target)
    return target


@transaction.atomic
def tag_delete(*, tag: Tag) -> None:
    customer_ids = list(Customer.objects.filter(tags=tag).values_list("pk", flat=True))
    tag.delete()
    for customer in Customer.objects.filter(pk__in=customer_ids):
        customer_refresh_derived(customer=customer)


# --- Persons ----------------------------------------------------------------------------------


@transaction.atomic
def person_save(*, person: Person) -> Person:
    """Create or change a person; the first person, or one marked primary, becomes the primary
    contact of the customer."""
    others = Person.objects.filter(customer=person.customer).exclude(pk=person.pk)
    if not others.exists():
        person.is_primary = True
    if person.is_primary:
        for other in others.filter(is_primary=True):
            other.is_primary = False
            other.save(update_fields=["is_primary"])
    person.full_clean()
    person.save()
    customer_refresh_derived(customer=person.customer)
    return person


@transaction.atomic
def person_delete(*, person: Person) -> None:
    customer = person.customer
    was_primary = person.is_primary
    person.delete()
    successor = customer.persons.first()
    if was_primary and successor is not None:
        successor.is_primary = True
        successor.save(update_fields=["is_primary"])
    customer_refresh_derived(customer=customer)
