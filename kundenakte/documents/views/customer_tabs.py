"""The customer file's document tabs: the customer's quotes, invoices (with their
cancellations) and delivery notes, newest first, 50 to a page."""

from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from kundenakte.customers.access import load_customer
from kundenakte.customers.file import file_context
from kundenakte.documents.access import SLUG_OF_KIND, require_module
from kundenakte.documents.customer_file import customer_new_url
from kundenakte.documents.models import Document

PAGE_SIZE = 50
Kind = Document.Kind
EMPTY_TEXTS = {
    Kind.QUOTE: (_("No quotes yet."), _("Create a quote")),
    Kind.INVOICE: (_("No invoices yet."), _("Create an invoice")),
    Kind.DELIVERY_NOTE: (_("No delivery notes yet."), _("Create a delivery note")),
}


def _tab(request, pk: int, tab: str, kinds: tuple[str, ...]):
    require_module(request, kinds[0])
    customer = load_customer(request, pk)
    documents = Document.objects.for_customer(customer).filter(kind__in=kinds)
    page = Paginator(documents.select_related("cancels"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    empty_text, new_label = EMPTY_TEXTS[kinds[0]]
    context = {
        **file_context(request, customer, tab),
        "kind": kinds[0],
        "page": page,
        "today": timezone.localdate(),
        "empty_text": empty_text,
        "new_label": new_label,
        "new_url": customer_new_url(customer, SLUG_OF_KIND[kinds[0]]),
    }
    return render(request, "documents/customer_file/documents_tab.html", context)


@require_safe
@permission_required("documents.view_document", raise_exception=True)
def customer_quotes(request, pk):
    return _tab(request, pk, "quotes", (Kind.QUOTE,))


@require_safe
@permission_required("documents.view_document", raise_exception=True)
def customer_invoices(request, pk):
    return _tab(request, pk, "invoices", (Kind.INVOICE, Kind.CANCELLATION))


@require_safe
@permission_required("documents.view_document", raise_exception=True)
def customer_delivery_notes(request, pk):
    return _tab(request, pk, "delivery_notes", (Kind.DELIVERY_NOTE,))
