"""Helpers shared by the document services; each runs inside the caller's transaction."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from kundenakte.documents.models import Document, LineItem
from kundenakte.documents.totals import Totals, compute_totals

Kind, Status = Document.Kind, Document.Status

TOTAL_FIELDS = ["net_total", "vat_total", "gross_total", "vat_breakdown", "small_business"]


def today_or(today: date | None) -> date:
    return today or timezone.localdate()


def lock(document: Document, *, kind: str | None = None) -> Document:
    """The document freshly read and locked until the caller's transaction ends, so two
    requests acting on one document queue instead of both acting on what they read."""
    locked = Document.objects.select_for_update().get(pk=document.pk)
    if kind is not None and locked.kind != kind:
        raise ValidationError(
            _("This needs a document of the kind “%(expected)s”; this one is “%(kind)s”."),
            params={"expected": Kind(kind).label, "kind": locked.get_kind_display()},
        )
    return locked


def require_draft(document: Document) -> Document:
    if not document.is_draft:
        raise ValidationError(
            _("%(document)s has been issued and can no longer be changed."),
            params={"document": str(document)},
        )
    return document


def store_totals(document: Document, *, small_business: bool) -> Totals:
    """Compute the totals from the saved items and put them on the document (not saved)."""
    result = compute_totals(document.items.all(), small_business=small_business)
    document.net_total, document.vat_total = result.net, result.vat
    document.gross_total = result.gross
    document.vat_breakdown = result.breakdown_json()
    document.small_business = small_business
    return result


def copy_items(source: Document, target: Document, *, sign: int = 1) -> None:
    """Copy the items of `source` to the draft `target`: without prices when the target has
    none (delivery note), with negated quantities for sign=-1 (cancellation)."""
    priced = target.has_prices and source.has_prices
    LineItem.objects.bulk_create(
        LineItem(
            document=target,
            position=item.position,
            description=item.description,
            quantity=item.quantity * sign,
            unit=item.unit,
            unit_price=item.unit_price if priced else None,
            vat_rate=item.vat_rate if priced else None,
            discount_percent=item.discount_percent if priced else Decimal("0.00"),
        )
        for item in source.items.all()
    )
