"""Tags on a customer (htmx add/remove with suggestions) and the administrators' tag list."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kundenakte.core.http import redirect_after_post
from kundenakte.customers import services
from kundenakte.customers.access import load_customer
from kundenakte.customers.forms import TagForm, TagMergeForm
from kundenakte.customers.models import Tag

SUGGESTIONS = 10


def _tags_fragment(request, customer, error=""):
    context = {"customer": customer, "tags": customer.tags.all(), "tag_error": error}
    return render(request, "customers/customer_detail.html#tags", context)


@permission_required("customers.view_tag", raise_exception=True)
def tag_suggest(request):
    query = request.GET.get("tag", request.GET.get("q", ""))[:50].strip().casefold()
    tags = Tag.objects.filter(key__startswith=query)[:SUGGESTIONS] if query else []
    return render(request, "customers/tag_suggestions.html", {"tags": tags})


@require_POST
def customer_tag_add(request, pk):
    customer = load_customer(request, pk, "customers.change_customer")
    error = ""
    try:
        services.customer_add_tag(customer=customer, name=request.POST.get("tag", "")[:200])
    except ValidationError as exc:
        error = " ".join(exc.messages)
    if request.htmx:
        return _tags_fragment(request, customer, error)
    if error:
        messages.error(request, error)
    return redirect(customer)


@require_POST
def customer_tag_remove(request, pk, tag_pk):
    customer = load_customer(request, pk, "customers.change_customer")
    tag = get_object_or_404(Tag, pk=tag_pk)
    services.customer_remove_tag(customer=customer, tag=tag)
    if request.htmx:
        return _tags_fragment(request, customer)
    return redirect(customer)


@permission_required("customers.change_tag", raise_exception=True)
def tag_list(request):
    tags = Tag.objects.annotate(customer_count=Count("customers"))
    return render(request, "customers/tag_list.html", {"tags": tags})


def _tag_action(request, pk, form_class, action, template, form_kwargs):
    tag = get_object_or_404(Tag, pk=pk)
    form = form_class(request.POST or None, **form_kwargs(tag))
    if request.method == "POST" and form.is_valid():
        try:
            action(tag, form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Tags updated."))
            return redirect_after_post(request, "/settings/tags/")
    return render(request, template, {"tag": tag, "form": form})


@permission_required("customers.change_tag", raise_exception=True)
def tag_rename(request, pk):
    return _tag_action(
        request,
        pk,
        TagForm,
        lambda tag, data: services.tag_rename(tag=tag, name=data["name"]),
        "customers/tag_form.html",
        form_kwargs=lambda tag: {"initial": {"name": tag.name}},
    )


@permission_required("customers.change_tag", raise_exception=True)
def tag_merge(request, pk):
    return _tag_action(
        request,
        pk,
        TagMergeForm,
        lambda tag, data: services.tag_merge(source=tag, target=data["target"]),
        "customers/tag_merge.html",
        form_kwargs=lambda tag: {"source": tag},
    )


@permission_required("customers.delete_tag", raise_exception=True)
def tag_delete(request, pk):
    tag = get_object_or_404(Tag.objects.annotate(customer_count=Count("customers")), pk=pk)
    if request.method == "POST":
        services.tag_delete(tag=tag)
        messages.success(request, _("Tag “%(name)s” deleted.") % {"name": tag.name})
        return redirect_after_post(request, "/settings/tags/")
    return render(request, "customers/tag_confirm_delete.html", {"tag": tag})
