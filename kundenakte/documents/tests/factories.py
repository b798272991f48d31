"""Building documents through the real services, so totals, numbers and frozen data hold."""

from datetime import date
from decimal import Decimal

from kundenakte.customers.tests.factories import make_customer
from kundenakte.documents import services
from kundenakte.documents.models import Document

TODAY = date(2026, 3, 2)
Kind, Status = Document.Kind, Document.Status

# (quantity, unit price, VAT rate): 100.00 net, 19.00 VAT, 119.00 gross.
ONE_ITEM = [("1", "100.00", "19.00")]


def make_draft(
    *, kind=Kind.INVOICE, customer=None, user=None, items=ONE_ITEM, today=TODAY, **fields
) -> Document:
    customer = customer or make_customer()
    document = services.document_create_draft(
        user=user, customer=customer, kind=kind, today=today, **fields
    )
    for quantity, price, rate in items:
        services.item_add(
            document=document,
            description=f"Leistung {quantity} × {price}",
            quantity=Decimal(quantity),
            unit="Stk",
            unit_price=None if price is None else Decimal(price),
            vat_rate=None if rate is None else Decimal(rate),
        )
    document.refresh_from_db()
    return document


def make_invoice(*, user=None, today=TODAY, **fields) -> Document:
    """An issued invoice."""
    draft = make_draft(kind=Kind.INVOICE, user=user, today=today, **fields)
    return services.invoice_issue(invoice=draft, user=user, today=today)


def make_quote(*, user=None, today=TODAY, **fields) -> Document:
    """A sent quote."""
    draft = make_draft(kind=Kind.QUOTE, user=user, today=today, **fields)
    return services.quote_send(quote=draft, user=user, today=today)


def make_delivery_note_draft(**fields) -> Document:
    return make_draft(kind=Kind.DELIVERY_NOTE, items=[("2", None, None)], **fields)
