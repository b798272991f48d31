"""Creating a draft, editing its header, deleting it."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from kundenakte.core.http import redirect_after_post, safe_next
from kundenakte.customers.models import Customer
from kundenakte.documents import kinds, services
from kundenakte.documents.access import load_document, require_module
from kundenakte.documents.forms import DocumentHeaderForm, NewDocumentForm
from kundenakte.documents.models import Document
from kundenakte.documents.services.drafts import tax_day
from kundenakte.documents.views.common import detail_url, document_context, kind_context
from kundenakte.documents.views.editor import (
    TEMPLATE,
    add_service_errors,
    editor_context,
    editor_url,
    not_a_draft,
    render_editor,
)

CHOICES_TARGET = "customer-choices"
MAX_CHOICES = 12


def _posted(request):
    """The POST data, bound even when empty (`request.POST or None` would show a fresh form)."""
    return request.POST if request.method == "POST" else None


def _customer(value: str | None) -> Customer | None:
    if not (value and value.isascii() and value.isdigit() and len(value) <= 18):
        return None
    return Customer.objects.filter(archived=False, pk=int(value)).first()


def _choices(query: str) -> list[Customer]:
    """Active customers matching the search, for the radio list that picks one."""
    query = " ".join(query.replace("\x00", "")[:100].split())
    if not query:
        return []
    found = Customer.objects.filter(archived=False).search(query).order_by("sort_key", "pk")
    return list(found.only("pk", "short_name", "number", "city")[:MAX_CHOICES])


@permission_required("documents.add_document", raise_exception=True)
def document_create(request, kind):
    require_module(request, kind)
    if kinds.kind(kind).new_label is None:
        raise Http404("not created by hand (cancellations are created by cancelling an invoice)")
    form = NewDocumentForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document = services.document_create_draft(
                user=request.user, customer=data["customer"], kind=kind, subject=data["subject"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect_after_post(request, editor_url(document, safe_next(request, "")))
    return _create_page(request, kind, form)


def _create_page(request, kind: str, form):
    """The form for a new document: the customer given (?customer=<id>) or searched (?q=)."""
    chosen = _customer(request.POST.get("customer") or request.GET.get("customer"))
    query = request.GET.get("q", "")
    context = {
        **kind_context(request, kind),
        "form": form,
        "slug": kinds.kind(kind).slug,
        "heading": kinds.kind(kind).new_label,
        "chosen": chosen,
        "query": query,
        "choices": [] if chosen else _choices(query),
        "next": safe_next(request, ""),
    }
    fragment = request.htmx and request.htmx.target == CHOICES_TARGET
    template = "documents/document_create.html" + ("#choices" if fragment else "")
    return render(request, template, context)


def _header_saved(request, document: Document, form, day_before):
    """The answer to an htmx save of the header: its field messages, out of band; the items
    too when the VAT day moved, since the rates offered follow it."""
    context = editor_context(request, document, header_form=form)
    context["refresh_items"] = tax_day(document) != day_before
    return render(request, TEMPLATE + "#header_feedback", context)


def document_edit(request, pk):
    document = load_document(request, pk, "documents.change_document")
    if not document.is_draft:
        return not_a_draft(request, document)
    day_before = tax_day(document)
    form = DocumentHeaderForm(_posted(request), instance=document)
    if request.method != "POST":
        return render_editor(request, document, header_form=form)
    if form.is_valid():
        try:
            services.document_update_draft(document=form.instance)
        except ValidationError as exc:
            add_service_errors(form, exc)
    if request.htmx:
        return _header_saved(request, document, form, day_before)
    if form.errors:
        return render_editor(request, document, header_form=form)
    messages.success(request, _("Changes saved."))
    return redirect_after_post(request, editor_url(document, safe_next(request, "")))


def document_delete(request, pk):
    document = load_document(request, pk, "documents.delete_document")
    if not document.is_draft:
        return not_a_draft(request, document)
    fallback = reverse("documents:list", args=[document.kind])
    if request.method == "POST":
        try:
            services.document_delete_draft(document=document)
        except ValidationError:
            return not_a_draft(request, document)
        messages.success(request, _("The draft has been deleted."))
        return redirect_after_post(request, safe_next(request, fallback))
    context = {
        **document_context(request, document),
        "cancel_url": detail_url(document),
        "next": safe_next(request, ""),
    }
    return render(request, "documents/document_confirm_delete.html", context)
