from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from kundenakte.accounts import services
from kundenakte.accounts.forms import (
    CompanySettingsForm,
    NumberRangeForm,
    UserCreateForm,
    UserEditForm,
)
from kundenakte.accounts.models import CompanySettings
from kundenakte.accounts.roles import Role, user_role
from kundenakte.core.http import redirect_after_post
from kundenakte.core.models import NumberRange
from kundenakte.customers.models import CUSTOMER_NUMBER_RANGE

SETTINGS_URL = "/settings/"
USERS_URL = "/settings/users/"


@permission_required("accounts.manage_settings", raise_exception=True)
def settings_overview(request):
    company_form = CompanySettingsForm(
        request.POST or None, instance=CompanySettings.load(), prefix="company"
    )
    range_form = NumberRangeForm(
        request.POST or None,
        instance=NumberRange.objects.get(key=CUSTOMER_NUMBER_RANGE),
        prefix="range",
    )
    if request.method == "POST" and company_form.is_valid() and range_form.is_valid():
        company_form.save()
        range_form.save()
        messages.success(request, _("Settings saved."))
        return redirect_after_post(request, SETTINGS_URL)
    context = {"company_form": company_form, "range_form": range_form}
    return render(request, "accounts/settings.html", context)


@permission_required("auth.view_user", raise_exception=True)
def user_list(request):
    users = User.objects.prefetch_related("groups").order_by("username")
    rows = [(user, user_role(user)) for user in users]
    return render(request, "accounts/user_list.html", {"rows": rows})


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
