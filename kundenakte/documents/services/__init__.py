"""The business rules of documents; views, commands and tests call these functions.

Every function takes keyword arguments only and raises django.core.exceptions.ValidationError
with a translatable message when a rule refuses the action. Functions that take `today` use it
as the document or issue date (default: today in the configured time zone).
"""

from kundenakte.documents.services.drafts import (
    EDITABLE_FIELDS,
    ITEM_FIELDS,
    document_create_draft,
    document_delete_draft,
    document_totals,
    document_update_draft,
    item_add,
    item_remove,
    item_update,
    items_reorder,
    standard_rate,
    vat_rates_on,
)
from kundenakte.documents.services.issuing import (
    AlreadyConverted,
    delivery_note_issue,
    invoice_cancel,
    invoice_issue,
    invoice_require_cancellable,
    quote_accept,
    quote_convert,
    quote_is_expired,
    quote_reject,
    quote_send,
)
from kundenakte.documents.services.payments import payment_delete, payment_record

__all__ = [
    "AlreadyConverted",
    "EDITABLE_FIELDS",
    "ITEM_FIELDS",
    "delivery_note_issue",
    "document_create_draft",
    "document_delete_draft",
    "document_totals",
    "document_update_draft",
    "invoice_cancel",
    "invoice_issue",
    "invoice_require_cancellable",
    "item_add",
    "item_remove",
    "item_update",
    "items_reorder",
    "payment_delete",
    "payment_record",
    "quote_accept",
    "quote_convert",
    "quote_is_expired",
    "quote_reject",
    "quote_send",
    "standard_rate",
    "vat_rates_on",
]
