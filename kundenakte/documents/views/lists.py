"""The list of one kind of document: filters by status, customer, date range and (invoices)
overdue, 50 to a page. The same URL answers htmx with only the results."""

from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.db.models import F, Q, Sum
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from kundenakte.customers.models import Customer
from kundenakte.documents import kinds
from kundenakte.documents.access import require_module
from kundenakte.documents.forms import DocumentFilterForm
from kundenakte.documents.models import Document
from kundenakte.documents.views.common import kind_context

PAGE_SIZE = 50
FRAGMENT_TARGET = "document-list"


def _customer_condition(value: str) -> Q:
    """Digits name a customer by id (links from the customer file) or by customer number;
    anything else searches the customers like the customer list does."""
    if value.isascii() and value.isdigit() and len(value) <= 18:
        return Q(customer_id=int(value)) | Q(customer__number=value)
    return Q(customer__in=Customer.objects.search(value).values("pk"))


# Newest first, and within a day by number, not by creation: a draft created early and issued
# late comes after the day's earlier numbers. Numbers compare as text, which is their order
# since the sequence is zero-padded ({seq:05}). A day's drafts come first, since they will get
# the next numbers.
LIST_ORDER = ["-date", F("number").desc(nulls_first=True), "-pk"]


def filtered(kind: str, form: DocumentFilterForm):
    documents = Document.objects.of_kind(kind).select_related("customer").order_by(*LIST_ORDER)
    if status := form.valid("status"):
        documents = documents.filter(status=status)
    if customer := form.valid("customer"):
        documents = documents.filter(_customer_condition(customer))
    if date_from := form.valid("date_from"):
        documents = documents.filter(date__gte=date_from)
    if date_to := form.valid("date_to"):
        documents = documents.filter(date__lte=date_to)
    if "overdue" in form.fields and form.valid("overdue"):
        documents = documents.overdue(today=timezone.localdate())
    return documents


def _sums(documents) -> dict:
    """The gross of the documents listed and, of the issued invoices among them, what is open."""
    receivable = Q(kind__in=kinds.receivable_kinds(), status=Document.Status.ISSUED)
    return documents.aggregate(
        gross=Sum("gross_total"),
        open=Sum(F("gross_total") - F("paid_total"), filter=receivable),
    )


def _named_customer(form: DocumentFilterForm) -> Customer | None:
    value = form.valid("customer") or ""
    if not (value.isascii() and value.isdigit() and len(value) <= 18):
        return None
    return Customer.objects.filter(Q(pk=int(value)) | Q(number=value)).first()


def _pager(request, page) -> dict:
    """Links to the first, previous, next and last page with the filters kept."""
    query = request.GET.copy()

    def url(number: int) -> str:
        query["page"] = number
        return f"{request.path}?{query.urlencode()}"

    last = page.paginator.num_pages
    previous = page.has_previous()
    following = page.has_next()
    return {
        "first": url(1) if previous else None,
        "previous": url(page.number - 1) if previous else None,
        "next": url(page.number + 1) if following else None,
        "last": url(last) if following else None,
    }


def _related_kinds(definition: kinds.DocumentKind) -> list[kinds.DocumentKind]:
    """The lists linked from this one: the kinds listed with it (invoices → cancellations),
    or the kind it is listed with."""
    if definition.listed_with:
        return [definition.list_kind]
    return [k for k in kinds.all_kinds() if k.listed_with == definition.key]


def _wants_fragment(request) -> bool:
    htmx = request.htmx
    return bool(htmx) and not htmx.history_restore_request and htmx.target == FRAGMENT_TARGET


@permission_required("documents.view_document", raise_exception=True)
def document_list(request, kind):
    require_module(request, kind)
    form = DocumentFilterForm(request.GET, kind=kind)
    form.is_valid()
    documents = filtered(kind, form)
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("page"))
    definition = kinds.kind(kind)
    context = {
        **kind_context(request, kind),
        "heading": definition.plural,
        "new_label": definition.new_label,
        "slug": definition.slug,
        "related_kinds": _related_kinds(definition),
        "form": form,
        "page": page,
        "sums": _sums(documents) if page.paginator.count else {},
        "named_customer": _named_customer(form),
        "pager": _pager(request, page),
        "today": timezone.localdate(),
    }
    template = "documents/document_list.html" + ("#results" if _wants_fragment(request) else "")
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response
