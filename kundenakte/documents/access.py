"""Loading documents for a view: the object, or 404 / 403 — one helper per model.

A module switched off in the settings (quotes, invoices, delivery notes) disappears: its lists,
its documents and their URLs answer 404, as if they were not there. Cancellation invoices belong
to the invoices module.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from kundenakte.accounts.models import CompanySettings
from kundenakte.accounts.modules import company_settings
from kundenakte.documents.models import Document, LineItem, Payment

Kind = Document.Kind

# The URL words of the kinds: /documents/invoices/, /documents/new/quotes/ …
KIND_SLUGS = {
    "quotes": Kind.QUOTE,
    "invoices": Kind.INVOICE,
    "delivery-notes": Kind.DELIVERY_NOTE,
    "cancellations": Kind.CANCELLATION,
}
SLUG_OF_KIND = {kind: slug for slug, kind in KIND_SLUGS.items()}
MODULE_OF_KIND = {
    Kind.QUOTE: "quotes_enabled",
    Kind.INVOICE: "invoices_enabled",
    Kind.DELIVERY_NOTE: "delivery_notes_enabled",
    Kind.CANCELLATION: "invoices_enabled",
}
# The main navigation entry a kind belongs to; cancellations are found under invoices.
NAV_OF_KIND = {**SLUG_OF_KIND, Kind.CANCELLATION: "invoices"}


class KindConverter:
    """The `<kind:kind>` URL converter: a kind's slug in the URL, the Document.Kind in the view."""

    regex = "|".join(KIND_SLUGS)

    def to_python(self, value: str) -> str:
        return KIND_SLUGS[value]

    def to_url(self, value: str) -> str:
        return value if value in KIND_SLUGS else SLUG_OF_KIND[Kind(value)]


def _require(user, perm: str) -> None:
    if not user.has_perm(perm):
        raise PermissionDenied


def module_enabled(company: CompanySettings, kind: str) -> bool:
    return getattr(company, MODULE_OF_KIND[kind])


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
