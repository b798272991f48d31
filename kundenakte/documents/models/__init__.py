"""Quotes, invoices, delivery notes and cancellation invoices, their items and payments."""

from kundenakte.documents.models.document import (
    Document,
    DocumentKind,
    DocumentQuerySet,
    DocumentStatus,
    IssuedDocumentError,
)
from kundenakte.documents.models.items import LineItem, LineItemQuerySet, Payment
from kundenakte.documents.models.tallies import CustomerDocumentCount, RevenueMonth
from kundenakte.documents.models.vat import VatRate, VatRateQuerySet

__all__ = [
    "CustomerDocumentCount",
    "RevenueMonth",
    "Document",
    "DocumentKind",
    "DocumentQuerySet",
    "DocumentStatus",
    "IssuedDocumentError",
    "LineItem",
    "LineItemQuerySet",
    "Payment",
    "VatRate",
    "VatRateQuerySet",
]
