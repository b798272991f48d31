"""Loading documents for a view: the object, or 404 / 403 — one helper per model.

A module switched off in the settings (quotes, invoices, delivery notes) disappears: its lists,
its documents and their URLs answer 404, as if they were not there. Cancellation invoices belong
to the invoices module.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import register_converter

from kundenakte.accounts.models import CompanySettings
from kundenakte.accounts.modules import company_settings
from kundenakte.documents import kinds
from kundenakte.documents.models import Document, LineItem, Payment


class KindConverter:
    """The `<kind:kind>` URL converter: a kind's slug in the URL (/documents/invoices/), its
    Document.kind value in the view. The slugs come from the registry (documents.kinds), read
    when a URL is resolved; a kind listed with another one (cancellations) has a list too."""

    regex = "[a-z-]+"

    def to_python(self, value: str) -> str:
        try:
            return kinds.by_slug(value).key
        except KeyError:
            raise ValueError(value) from None

    def to_url(self, value: str) -> str:
        """Takes a kind (Document.Kind.INVOICE) or its slug ("invoices")."""
        found = kinds.KINDS.get(value)
        return found.slug if found else kinds.by_slug(value).slug


# Registered here, where both URL modules that use it (urls, customer_urls) import it from.
register_converter(KindConverter, "kind")


def _require(user, perm: str) -> None:
    if not user.has_perm(perm):
        raise PermissionDenied


def module_enabled(company: CompanySettings, kind: str) -> bool:
    return getattr(company, kinds.kind(kind).module)


def require_module(request, kind: str) -> CompanySettings:
    """The company settings, or 404 when the kind's module is switched off."""
    company = company_settings(request)
    if not module_enabled(company, kind):
        raise Http404("module switched off")
    return company


def load_document(request, pk: int, perm: str = "documents.view_document") -> Document:
    _require(request.user, perm)
    queryset = Document.objects.select_related(
        "customer__status",
        "person",
        "source",
        "cancels",
        "cancellation",
        "created_by",
        "issued_by",
        "answered_by",
    )
    document = get_object_or_404(queryset, pk=pk)
    require_module(request, document.kind)
    return document


def load_item(request, pk: int, perm: str = "documents.change_document") -> LineItem:
    _require(request.user, perm)
    item = get_object_or_404(LineItem.objects.select_related("document__customer"), pk=pk)
    require_module(request, item.document.kind)
    return item


def load_payment(request, pk: int, perm: str = "documents.delete_payment") -> Payment:
    _require(request.user, perm)
    payment = get_object_or_404(Payment.objects.select_related("document"), pk=pk)
    require_module(request, payment.document.kind)
    return payment
