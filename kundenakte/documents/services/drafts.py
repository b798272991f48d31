"""Creating and editing drafts: the document header, its line items, live totals, VAT rates.

Only drafts change. Every function locks the draft's row, so editing cannot interleave with
issuing it; the stored totals of a draft are refreshed after every item change, so lists show
current amounts without reading the items.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kundenakte.accounts.models import CompanySettings
from kundenakte.customers.models import Customer
from kundenakte.documents import kinds
from kundenakte.documents.models import Document, LineItem, VatRate
from kundenakte.documents.services.common import (
    TOTAL_FIELDS,
    lock,
    require_draft,
    store_totals,
    today_or,
)
from kundenakte.documents.totals import Totals, compute_totals

# What the editor may change on a draft's header; everything else is set by the services.
EDITABLE_FIELDS = frozenset(
    {
        "customer",
        "person",
        "subject",
        "intro",
        "closing",
        "service_date",
        "service_period_end",
        "valid_until",
    }
)
ITEM_FIELDS = frozenset(
    {"description", "quantity", "unit", "unit_price", "vat_rate", "discount_percent"}
)


def vat_rates_on(*, day: date) -> list[Decimal]:
    """The VAT rates in force on `day`, highest first: what the editor offers for the service
    date, since a rate change applies to supplies made from its first day (§ 27 Abs. 1 UStG)."""
    return sorted(set(VatRate.objects.valid_on(day).values_list("rate", flat=True)), reverse=True)


def standard_rate(*, document: Document) -> Decimal | None:
    """The highest rate in force on the document's service day (the Regelsteuersatz)."""
    rates = vat_rates_on(day=tax_day(document))
    return rates[0] if rates else None


def tax_day(document: Document) -> date:
    """The day whose VAT rates apply: the end of a service period, else the service date."""
    return document.service_period_end or document.service_date or document.date


def _apply(target, changes: dict, allowed: frozenset) -> None:
    unknown = set(changes) - allowed
    if unknown:
        raise TypeError(f"cannot be set here: {', '.join(sorted(unknown))}")
    for name, value in changes.items():
        setattr(target, name, value)


def _require_module(kind: str, company: CompanySettings) -> None:
    """The settings switch each module on or off; a switched-off kind gets no new drafts."""
    definition = kinds.kind(kind)
    if definition.new_label is None:
        raise ValidationError(_("A cancellation invoice is created by cancelling an invoice."))
    if not getattr(company, definition.module):
        raise ValidationError(str(definition.module_off_text))


def new_draft(*, user, customer: Customer, kind: str, today: date | None = None, **fields):
    """Save a new draft; the shared part of document_create_draft and quote_convert."""
    company = CompanySettings.load()
    if kind not in kinds.KINDS:
        raise ValueError(f"{kind!r} is not a document kind")
    _require_module(kind, company)
    day = today_or(today)
    source = fields.pop("source", None)
    document = Document(kind=kind, customer=customer, date=day, source=source, created_by=user)
    _apply(document, fields, EDITABLE_FIELDS - {"customer"})
    _set_defaults(document, company)
    document.small_business = company.small_business
    document.full_clean()
    document.save()
    return document


def _set_defaults(document: Document, company: CompanySettings) -> None:
    """Defaults the editor shows and the user may change before issuing."""
    definition = document.kind_definition
    if definition.receivable and document.service_date is None:
        document.service_date = document.date
    if definition.has_validity and document.valid_until is None:
        days = company.default_quote_validity_days
        document.valid_until = document.date + timedelta(days=days)


def document_create_draft(
    *, user, customer: Customer, kind: str, today: date | None = None, **fields
) -> Document:
    """A new draft quote, invoice or delivery note for `customer`.

    `fields` may set any of EDITABLE_FIELDS but `customer` (person, subject, intro, closing,
    service_date, service_period_end, valid_until). An invoice starts with the service date
    `today`, a quote valid for the settings' default number of days, and every kind addressed
    to the customer's primary contact unless `person` is given; the editor shows all three.
    Refused for a kind whose module is switched off and for cancellations (see invoice_cancel).
    """
    if "person" not in fields:
        fields["person"] = customer.persons.filter(is_primary=True).first()
    return new_draft(user=user, customer=customer, kind=kind, today=today, **fields)


@transaction.atomic
def document_update_draft(*, document: Document, **changes) -> Document:
    """Change the header of a draft. `changes` are names from EDITABLE_FIELDS; a view may also
    have set the fields through a ModelForm already and pass no changes. Only the header
    fields are written, so a stale instance cannot overwrite the totals."""
    require_draft(lock(document))
    _apply(document, changes, EDITABLE_FIELDS)
    document.full_clean()
    document.save(update_fields=sorted(EDITABLE_FIELDS))
    return document


@transaction.atomic
def document_delete_draft(*, document: Document) -> None:
    """Delete a draft with its items; issued documents are never deleted (GoBD)."""
    require_draft(lock(document)).delete()


def document_totals(*, document: Document) -> Totals:
    """The totals to show: a draft's computed now from its items and the current settings,
    an issued document's as stored when it was issued."""
    if not document.is_draft:
        return document.stored_totals
    small_business = CompanySettings.load().small_business
    return compute_totals(document.items.all(), small_business=small_business)


def _refresh_totals(draft: Document) -> None:
    store_totals(draft, small_business=CompanySettings.load().small_business)
    draft.save(update_fields=TOTAL_FIELDS)


def _save_item(item: LineItem, draft: Document) -> LineItem:
    item.document = draft
    item.full_clean()
    item.save()
    _refresh_totals(draft)
    return item


@transaction.atomic
def item_add(
    *,
    document: Document,
    description: str,
    quantity: Decimal = Decimal("1"),
    unit: str = "",
    unit_price: Decimal | None = None,
    vat_rate: Decimal | None = None,
    discount_percent: Decimal = Decimal("0"),
) -> LineItem:
    """Append an item to a draft (move it with items_reorder). On a quote or invoice without
    `vat_rate` the standard rate in force on the service date is used."""
    draft = require_draft(lock(document))
    if draft.has_prices and vat_rate is None:
        vat_rate = standard_rate(document=draft)
    item = LineItem(
        position=draft.items.count() + 1,
        description=description,
        quantity=quantity,
        unit=unit,
        unit_price=unit_price,
        vat_rate=vat_rate,
        discount_percent=discount_percent,
    )
    return _save_item(item, draft)


@transaction.atomic
def item_update(*, item: LineItem, **changes) -> LineItem:
    """Change an item of a draft; `changes` are names from ITEM_FIELDS."""
    draft = require_draft(lock(item.document))
    _apply(item, changes, ITEM_FIELDS)
    return _save_item(item, draft)


@transaction.atomic
def item_remove(*, item: LineItem) -> None:
    """Remove an item of a draft; the later items move up one position."""
    draft = require_draft(lock(item.document))
    item.delete()
    _renumber(draft, [i.pk for i in draft.items.all()])
    _refresh_totals(draft)


@transaction.atomic
def items_reorder(*, document: Document, item_ids: list[int]) -> None:
    """Put the items of a draft in the order of `item_ids`, which lists each exactly once."""
    draft = require_draft(lock(document))
    if sorted(item_ids) != sorted(draft.items.values_list("pk", flat=True)):
        raise ValidationError(_("The new order must list every item of the document once."))
    _renumber(draft, item_ids)


def _renumber(draft: Document, item_ids: list[int]) -> None:
    items = {item.pk: item for item in draft.items.all()}
    for position, pk in enumerate(item_ids, start=1):
        if items[pk].position != position:
            items[pk].position = position
            items[pk].save(update_fields=["position"])
