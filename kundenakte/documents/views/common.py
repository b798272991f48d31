"""Helpers shared by the document views."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kundenakte.accounts.modules import company_settings
from kundenakte.documents.access import NAV_OF_KIND
from kundenakte.documents.models import Document

Kind = Document.Kind
# The plural names of the kinds: list headings, breadcrumbs.
HEADINGS = {
    Kind.QUOTE: _("Quotes"),
    Kind.INVOICE: _("Invoices"),
    Kind.DELIVERY_NOTE: _("Delivery notes"),
    Kind.CANCELLATION: _("Cancellation invoices"),
}


def detail_url(document: Document) -> str:
    return reverse("documents:detail", args=[document.pk])


def kind_context(request, kind: str) -> dict:
    """What every document page shows around its content: the kind's list and navigation
    entry, and the company settings base.html reads (so they are not read again)."""
    return {
        "kind": kind,
        "list_label": HEADINGS[kind],
        "document_nav": NAV_OF_KIND[kind],
        "company": company_settings(request),
    }


def document_context(request, document: Document) -> dict:
    """kind_context for one document, with the document and its customer (which presets
    the customer in the "New" menu)."""
    return {
        **kind_context(request, document.kind),
        "document": document,
        "customer": document.customer,
    }
