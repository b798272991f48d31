"""What the draft editor shows; shared by the views that change a draft's header and items.

The editor is one page (documents/document_form.html) with fragments for htmx: the items card
after adding, removing or moving an item, and out-of-band updates of one row's messages and
of the totals after a row was typed in, so the row being typed in is never replaced.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from kundenakte.core.http import redirect_after_post, safe_next
from kundenakte.documents import services
from kundenakte.documents.forms import DocumentHeaderForm, ItemForm
from kundenakte.documents.models import Document
from kundenakte.documents.services.drafts import tax_day
from kundenakte.documents.views.common import detail_url, document_context

TEMPLATE = "documents/document_form.html"


def editor_url(document: Document, next_url: str = "", anchor: str = "") -> str:
    url = reverse("documents:edit", args=[document.pk])
    if next_url:
        url += "?" + urlencode({"next": next_url})
    return url + (f"#{anchor}" if anchor else "")


def back_to_editor(request, document: Document, anchor: str = ""):
    """After a plain (non-htmx) POST: back to the editor, keeping where "back" leads."""
    return redirect_after_post(request, editor_url(document, safe_next(request, ""), anchor))


def not_a_draft(request, document: Document):
    """Issued documents are immutable (GoBD): show them instead of the editor."""
    messages.info(
        request,
        _("%(document)s has been issued and can no longer be changed.") % {"document": document},
    )
    return redirect_after_post(request, detail_url(document))


def refused(request, document: Document, exc: ValidationError):
    """A service refused the change (e.g. the draft was issued meanwhile in another tab)."""
    for message in exc.messages:
        messages.error(request, message)
    return back_to_editor(request, document)


def add_service_errors(form, exc: ValidationError) -> None:
    """A service's refusal as form errors: on the field it names, if the form has it."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def rates_for(document: Document) -> list:
    return services.vat_rates_on(day=tax_day(document))


def item_form(document: Document, rates: list, data=None, item=None) -> ItemForm:
    if item is None:
        return ItemForm(data, prefix="new", document=document, rates=rates)
    if data is None:
        return ItemForm.for_item(item, document=document, rates=rates)
    initial = {"vat_rate": item.vat_rate}
    return ItemForm(data, initial=initial, prefix=f"item-{item.pk}", document=document, rates=rates)


def editor_context(request, document: Document, *, header_form=None, add_form=None, bound=None):
    """`bound` is an item form with the user's (refused) input to show in place of its row."""
    rates = rates_for(document)
    rows = []
    for item in document.items.all():
        form = bound if bound is not None and bound.prefix == f"item-{item.pk}" else None
        rows.append((item, form or item_form(document, rates, item=item)))
    return {
        **document_context(request, document),
        "header_form": header_form or DocumentHeaderForm(instance=document),
        "rows": rows,
        "add_form": add_form or item_form(document, rates),
        "totals": services.document_totals(document=document),
        "next": safe_next(request, ""),
        "back_url": safe_next(request, detail_url(document)),
    }


def render_editor(request, document: Document, **forms):
    return render(request, TEMPLATE, editor_context(request, document, **forms))


def render_items(request, document: Document, *, focus_new: bool = False, **forms):
    """The items card (rows, the form for a new item, totals) for htmx to swap; after an item
    was added, the cursor waits in the next one's description (htmx focuses `autofocus`)."""
    context = editor_context(request, document, **forms)
    if focus_new:
        context["add_form"].fields["description"].widget.attrs["autofocus"] = True
    return render(request, TEMPLATE + "#items", context)
