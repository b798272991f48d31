"""Helpers shared by the document views."""

from django.urls import reverse

from kundenakte.accounts.modules import company_settings
from kundenakte.documents import kinds
from kundenakte.documents.models import Document


def detail_url(document: Document) -> str:
    return reverse("documents:detail", args=[document.pk])


def kind_context(request, kind: str) -> dict:
    """What every document page shows around its content: the kind's list and navigation
    entry, and the company settings base.html reads (so they are not read again)."""
    definition = kinds.kind(kind)
    return {
        "kind": kind,
        "kind_definition": definition,
        "list_label": definition.plural,
        "document_nav": definition.list_kind.slug,
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
