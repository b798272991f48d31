"""Administrators manage the customer statuses."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kundenakte.core.http import redirect_after_post
from kundenakte.customers import services
from kundenakte.customers.forms import StatusDeleteForm, StatusForm
from kundenakte.customers.models import Status

LIST_URL = "/settings/statuses/"


@permission_required("customers.change_status", raise_exception=True)
def status_list(request):
    statuses = Status.objects.annotate(customer_count=Count("customers"))
    groups = [
        (label, [s for s in statuses if s.kind == kind]) for kind, label in Status.Kind.choices
    ]
    return render(request, "customers/status_list.html", {"groups": groups})


def _status_form(request, status):
    form = StatusForm(request.POST or None, instance=status)
    if request.method == "POST" and form.is_valid():
        try:
            services.status_save(status=form.instance)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Status “%(name)s” saved.") % {"name": form.instance})
            return redirect_after_post(request, LIST_URL)
    return render(request, "customers/status_form.html", {"form": form, "status": status})


@permission_required("customers.add_status", raise_exception=True)
def status_create(request):
    return _status_form(request, Status(kind=request.GET.get("kind", Status.Kind.WITHOUT_NUMBER)))


@permission_required("customers.change_status", raise_exception=True)
def status_update(request, pk):
    return _status_form(request, get_object_or_404(Status, pk=pk))


@permission_required("customers.delete_status", raise_exception=True)
def status_delete(request, pk):
    status = get_object_or_404(Status.objects.annotate(customer_count=Count("customers")), pk=pk)
    form = StatusDeleteForm(request.POST or None, status=status)
    if request.method == "POST" and form.is_valid():
        try:
            services.status_delete(status=status, move_to=form.cleaned_data["move_to"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Status “%(name)s” deleted.") % {"name": status})
            return redirect_after_post(request, LIST_URL)
    return render(request, "customers/status_confirm_delete.html", {"status": status, "form": form})


@require_POST
@permission_required("customers.change_status", raise_exception=True)
def status_move(request, pk):
    status = get_object_or_404(Status, pk=pk)
    services.status_move(status=status, step=-1 if request.POST.get("direction") == "up" else 1)
    return redirect_after_post(request, LIST_URL)
