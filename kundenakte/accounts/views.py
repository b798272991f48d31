from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.models import User
from django.core.exceptions import BadRequest, ValidationError
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kundenakte.accounts import lockout, services
from kundenakte.accounts.forms import (
    CompanySettingsForm,
    DocumentRangeForm,
    NumberRangeForm,
    UnlockForm,
    UserCreateForm,
    UserEditForm,
)
from kundenakte.accounts.models import CompanySettings
from kundenakte.accounts.roles import Role, user_role
from kundenakte.core.http import redirect_after_post
from kundenakte.core.models import NumberRange
from kundenakte.customers.models import CUSTOMER_NUMBER_RANGE, Customer
from kundenakte.documents import kinds

SETTINGS_URL = "/settings/"
USERS_URL = "/settings/users/"


def _next_number(number_range: NumberRange) -> str:
    """The number the range gives next (unless a new year restarts it first)."""
    year = number_range.year or timezone.localdate().year
    return number_range.format(number_range.next_value, year=year)


def _document_range_forms(data) -> list[dict]:
    """The number ranges of the document kinds (seeded by the documents app's migrations)."""
    labels = {kind.number_range: kind.plural for kind in kinds.KINDS.values()}
    ranges = NumberRange.objects.in_bulk(list(labels), field_name="key")
    return [
        {
            "label": label,
            "form": DocumentRangeForm(data, instance=ranges[key], prefix=f"range_{key}"),
            "next_number": _next_number(ranges[key]),
        }
        for key, label in labels.items()
        if key in ranges
    ]


# Enough to work through; the count says how many more there are.
NUMBERS_TO_FIX_SHOWN = 50


def _numbers_to_fix() -> dict:
    """Customers whose number is outside the (saved) range or was set aside as a former number
    (customers migration 0009), for "Assign customer number"."""
    number_range = NumberRange.objects.get(key=CUSTOMER_NUMBER_RANGE)
    customers = Customer.objects.needing_number(number_range)
    shown = list(customers.only("short_name", "number", "legacy_number")[:NUMBERS_TO_FIX_SHOWN])
    total = len(shown) if len(shown) < NUMBERS_TO_FIX_SHOWN else customers.count()
    return {"customers": shown, "total": total, "range": number_range}


@permission_required("accounts.manage_settings", raise_exception=True)
def settings_overview(request):
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    company_form = CompanySettingsForm(
        data, files, instance=CompanySettings.load(), prefix="company"
    )
    range_form = NumberRangeForm(
        data, instance=NumberRange.objects.get(key=CUSTOMER_NUMBER_RANGE), prefix="range"
    )
    document_ranges = _document_range_forms(data)
    forms = [company_form, range_form, *(entry["form"] for entry in document_ranges)]
    valid = [form.is_valid() for form in forms]  # every form, so each shows its errors
    if data is not None and all(valid):
        for form in forms:
            form.save()
        messages.success(request, _("Settings saved."))
        return redirect_after_post(request, SETTINGS_URL)
    context = {
        "company_form": company_form,
        "range_form": range_form,
        "document_ranges": document_ranges,
        "numbers_to_fix": _numbers_to_fix(),
    }
    return render(request, "accounts/settings.html", context)


@permission_required("auth.view_user", raise_exception=True)
def user_list(request):
    users = User.objects.prefetch_related("groups").order_by("username")
    rows = [(user, user_role(user)) for user in users]
    context = {"rows": rows, "locks": lockout.locked_out()}
    return render(request, "accounts/user_list.html", context)


@permission_required("auth.change_user", raise_exception=True)
@require_POST
def user_unlock(request):
    form = UnlockForm(request.POST)
    if not form.is_valid():
        raise BadRequest("A lock needs a user name and an address.")
    lock = form.cleaned_data
    services.lockout_reset(username=lock["username"], ip_address=lock["ip_address"])
    message = _("Login of “%(name)s” from %(address)s unlocked.")
    messages.success(request, message % {"name": lock["username"], "address": lock["ip_address"]})
    return redirect_after_post(request, USERS_URL)


@permission_required("auth.add_user", raise_exception=True)
def user_create(request):
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.user_create(form=form)
        messages.success(request, _("User “%(name)s” created.") % {"name": user.username})
        return redirect_after_post(request, USERS_URL)
    return render(request, "accounts/user_form.html", {"form": form})


@permission_required("auth.change_user", raise_exception=True)
def user_update(request, pk):
    user = get_object_or_404(User, pk=pk)
    form = UserEditForm(request.POST or None, instance=user, initial={"role": user_role(user)})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.user_update(
                acting_user=request.user,
                user=user,
                role=Role(data.pop("role")),
                is_active=data.pop("is_active"),
                **data,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("User “%(name)s” saved.") % {"name": user.username})
            return redirect_after_post(request, USERS_URL)
    return render(request, "accounts/user_form.html", {"form": form, "edited": user})


@permission_required("auth.change_user", raise_exception=True)
def user_set_password(request, pk):
    user = get_object_or_404(User, pk=pk)
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Password of “%(name)s” changed.") % {"name": user.username})
        return redirect_after_post(request, USERS_URL)
    return render(request, "accounts/user_password.html", {"form": form, "edited": user})
