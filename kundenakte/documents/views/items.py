"""The line items of a draft: add, change, remove, move up or down.

Each view answers htmx with a fragment of the editor and a plain POST with a redirect back to
the editor (or, when the input is refused, the editor with the messages on the fields).
"""

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.views.decorators.http import require_POST

from kundenakte.documents import services
from kundenakte.documents.access import load_document, load_item
from kundenakte.documents.views.editor import (
    TEMPLATE,
    add_service_errors,
    back_to_editor,
    item_form,
    not_a_draft,
    rates_for,
    refused,
    render_editor,
    render_items,
)


@require_POST
def item_add(request, pk):
    document = load_document(request, pk, "documents.change_document")
    if not document.is_draft:
        return not_a_draft(request, document)
    form = item_form(document, rates_for(document), data=request.POST)
    if form.is_valid():
        try:
            services.item_add(document=document, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
    if form.errors:
        return (render_items if request.htmx else render_editor)(request, document, add_form=form)
    if request.htmx:
        return render_items(request, document, focus_new=True)
    return back_to_editor(request, document, "new-item")


@require_POST
def item_update(request, pk):
    item = load_item(request, pk)
    document = item.document
    if not document.is_draft:
        return not_a_draft(request, document)
    form = item_form(document, rates_for(document), data=request.POST, item=item)
    if form.is_valid():
        try:
            services.item_update(item=item, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
    if request.htmx:
        context = {
            "document": document,
            "item": item,
            "form": form,
            "totals": services.document_totals(document=document),
            "oob": True,
        }
        return render(request, TEMPLATE + "#item_feedback", context)
    if form.errors:
        return render_editor(request, document, bound=form)
    return back_to_editor(request, document, f"item-{item.pk}")


@require_POST
def item_remove(request, pk):
    item = load_item(request, pk)
    document = item.document
    if not document.is_draft:
        return not_a_draft(request, document)
    try:
        services.item_remove(item=item)
    except ValidationError as exc:
        return refused(request, document, exc)
    if request.htmx:
        return render_items(request, document)
    return back_to_editor(request, document, "items")


def _moved(ids: list[int], pk: int, step: int) -> list[int]:
    """The ids with `pk` swapped with its neighbour above (-1) or below (+1), if it has one."""
    here = ids.index(pk)
    there = here + step
    if 0 <= there < len(ids):
        ids[here], ids[there] = ids[there], ids[here]
    return ids


@require_POST
def item_move(request, pk):
    item = load_item(request, pk)
    document = item.document
    if not document.is_draft:
        return not_a_draft(request, document)
    step = -1 if request.POST.get("direction") == "up" else 1
    ids = _moved(list(document.items.values_list("pk", flat=True)), item.pk, step)
    try:
        services.items_reorder(document=document, item_ids=ids)
    except ValidationError as exc:
        return refused(request, document, exc)
    if request.htmx:
        return render_items(request, document)
    return back_to_editor(request, document, f"item-{item.pk}")
