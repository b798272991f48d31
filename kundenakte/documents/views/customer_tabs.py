"""The customer file's document tabs: one per kind with a list of its own (documents.kinds),
with the kinds listed with it (the invoices tab holds the cancellations), newest first, 50 to
a page."""

from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from kundenakte.customers.access import load_customer
from kundenakte.customers.file import file_context
from kundenakte.documents import kinds
from kundenakte.documents.access import require_module
from kundenakte.documents.customer_file import customer_new_url
from kundenakte.documents.models import Document

PAGE_SIZE = 50


@require_safe
@permission_required("documents.view_document", raise_exception=True)
def customer_documents(request, pk, kind):
    definition = kinds.kind(kind)
    if definition.listed_with:
        raise Http404("listed in another kind's tab")
    require_module(request, kind)
    customer = load_customer(request, pk)
    documents = Document.objects.for_customer(customer).filter(kind__in=definition.tab_kinds)
    page = Paginator(documents.select_related("cancels"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        **file_context(request, customer, definition.tab),
        "kind": kind,
        "kind_definition": definition,
        "page": page,
        "today": timezone.localdate(),
        "empty_text": definition.empty_text,
        "new_label": definition.create_text,
        "new_url": customer_new_url(customer, definition.slug),
    }
    return render(request, "documents/customer_file/documents_tab.html", context)
