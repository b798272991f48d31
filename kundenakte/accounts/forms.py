from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import User
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from kundenakte.accounts.models import SELLER_FIELDS, CompanySettings
from kundenakte.accounts.roles import Role
from kundenakte.core.clean_text import CleanTextFormMixin
from kundenakte.core.models import NumberRange
from kundenakte.customers import validators

LOGO_MAX_BYTES = 500_000
LOGO_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg"}


class CompanySettingsForm(CleanTextFormMixin, forms.ModelForm):
    logo_upload = forms.ImageField(
        label=_("Logo"),
        required=False,
        help_text=_("PNG or JPEG, at most 500 KB; printed at the top right of every document."),
    )
    logo_remove = forms.BooleanField(label=_("Remove the logo"), required=False)
    website = forms.URLField(
        label=_("Website"), required=False, max_length=200, assume_scheme="https"
    )

    class Meta:
        model = CompanySettings
        fields = [
            *SELLER_FIELDS,
            "small_business",
            "default_quote_validity_days",
            "quotes_enabled",
            "invoices_enabled",
            "delivery_notes_enabled",
            "tasks_enabled",
        ]

    def clean(self):
        cleaned = super().clean()
        # The firm's own Steuernummer, checked like a customer's (python-stdnum for Germany).
        try:
            cleaned["tax_number"] = validators.clean_tax_number(
                cleaned.get("tax_number", ""), str(cleaned.get("country") or "")
            )
        except forms.ValidationError as exc:
            self.add_error("tax_number", exc)
        return cleaned

    def clean_logo_upload(self):
        upload = self.cleaned_data.get("logo_upload")
        if upload is None:
            return None
        if upload.size > LOGO_MAX_BYTES:
            raise forms.ValidationError(_("The logo may have at most 500 KB."))
        if getattr(upload, "image", None) is None or upload.image.format not in LOGO_TYPES:
            raise forms.ValidationError(_("Upload the logo as a PNG or JPEG file."))
        return upload

    def save(self, commit: bool = True) -> CompanySettings:
        upload = self.cleaned_data.get("logo_upload")
        if upload is not None:
            upload.seek(0)
            self.instance.logo = upload.read()
            self.instance.logo_type = LOGO_TYPES[upload.image.format]
        elif self.cleaned_data.get("logo_remove"):
            self.instance.logo, self.instance.logo_type = b"", ""
        return super().save(commit)


def _range_number(label, required: bool = True, help_text="") -> forms.IntegerField:
    return forms.IntegerField(
        label=capfirst(label),
        min_value=1,
        max_value=validators.CUSTOMER_NUMBER_MAX,
        required=required,
        help_text=help_text,
    )


class NumberRangeForm(CleanTextFormMixin, forms.ModelForm):
    """The range of customer numbers. They are debtor accounts, plain numbers: no prefix, and
    every value within 1–99999999, the longest account numbers DATEV knows."""

    start = _range_number(_("first number"))
    end = _range_number(
        _("last number"), required=False, help_text=_("Left empty, numbers go up to 99999999.")
    )
    next_value = _range_number(_("next number"))

    class Meta:
        model = NumberRange
        fields = ["start", "end", "next_value"]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        next_value = cleaned.get("next_value")
        if start is not None and end is not None and end < start:
            self.add_error("end", _("The last number cannot lie below the first number."))
        if start is not None and next_value is not None and next_value < start:
            self.add_error("next_value", _("The next number cannot lie below the first number."))
        # One past the end is how a used-up range stands; it may stay so, but not be set so.
        beyond = end is not None and next_value is not None and next_value > end
        if beyond and (next_value > end + 1 or "next_value" in self.changed_data):
            self.add_error("next_value", _("The next number cannot lie beyond the last number."))
        return cleaned


class DocumentRangeForm(CleanTextFormMixin, forms.ModelForm):
    """The number range of a document kind. Its next number is not offered: moving it would
    leave a gap in (or repeat) a series that must be gap-free (§ 14 Abs. 4 Nr. 4 UStG)."""

    class Meta:
        model = NumberRange
        fields = ["prefix", "yearly_restart"]

    def save(self, commit=True):
        # Only these two columns: a number drawn meanwhile keeps its advanced next_value.
        if commit:
            self.instance.save(update_fields=self.Meta.fields)
        return self.instance


class UserCreateForm(CleanTextFormMixin, UserCreationForm):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.STAFF)

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ["username", "first_name", "last_name", "email"]


class UserEditForm(CleanTextFormMixin, forms.ModelForm):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)

    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "is_active"]


class UnlockForm(CleanTextFormMixin, forms.Form):
    """The user name and client address of a login lock (kundenakte.accounts.lockout)."""

    username = forms.CharField(max_length=255)
    ip_address = forms.GenericIPAddressField()
