from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from kundenakte.accounts.models import CompanySettings
from kundenakte.accounts.roles import Role
from kundenakte.core.models import NumberRange


class CompanySettingsForm(forms.ModelForm):
    class Meta:
        model = CompanySettings
        fields = [
            "company_name",
            "quotes_enabled",
            "invoices_enabled",
            "delivery_notes_enabled",
            "tasks_enabled",
        ]


class NumberRangeForm(forms.ModelForm):
    class Meta:
        model = NumberRange
        fields = ["prefix", "start", "next_value"]

    def clean(self):
        cleaned = super().clean()
        start, next_value = cleaned.get("start"), cleaned.get("next_value")
        if start is not None and next_value is not None and next_value < start:
            self.add_error("next_value", _("The next number cannot lie below the first number."))
        return cleaned


class UserCreateForm(UserCreationForm):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.STAFF)

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ["username", "first_name", "last_name", "email"]


class UserEditForm(forms.ModelForm):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)

    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "is_active"]
