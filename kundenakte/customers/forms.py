from django import forms
from django.utils.translation import gettext_lazy as _

from kundenakte.core.clean_text import CleanTextFormMixin
from kundenakte.customers.models import Customer, Person, Status, Tag
from kundenakte.customers.naming import suggest_short_name
from kundenakte.customers.services import tag_clean_name


class CustomerForm(CleanTextFormMixin, forms.ModelForm):
    website = forms.URLField(
        label=_("website"), required=False, max_length=200, assume_scheme="https"
    )
    tag_names = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=1000,
        help_text=_("Separate several tags with commas; new ones are created."),
        widget=forms.TextInput(attrs={"list": "tag-suggestions", "autocomplete": "off"}),
    )

    class Meta:
        model = Customer
        fields = [
            "kind",
            "short_name",
            "company_name",
            "company_name_2",
            "salutation",
            "title",
            "first_name",
            "last_name",
            "letter_salutation",
            "street",
            "postal_code",
            "city",
            "country",
            "phone",
            "mobile",
            "fax",
            "email",
            "website",
            "vat_id",
            "tax_number",
            "payment_terms_days",
            "status",
            "notes",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["short_name"].required = False
        self.fields["short_name"].help_text = _(
            "Shown in lists; left empty, it is taken from the name."
        )
        kind = Status.Kind.WITH_NUMBER if self.instance.number else Status.Kind.WITHOUT_NUMBER
        self.fields["status"].queryset = Status.objects.filter(kind=kind)
        self.fields["status"].empty_label = None
        if self.instance.pk is None:
            self.fields["status"].initial = Status.objects.filter(
                kind=kind, is_default=True
            ).first()
        else:
            self.fields["tag_names"].initial = ", ".join(t.name for t in self.instance.tags.all())

    def clean_tag_names(self) -> list[str]:
        raw = self.cleaned_data.get("tag_names", "")
        names = {}
        for part in raw.split(","):
            if part.strip():
                try:
                    name = tag_clean_name(part)
                except forms.ValidationError as exc:
                    raise forms.ValidationError(exc.messages) from exc
                names.setdefault(name.casefold(), name)
        return list(names.values())

    def clean(self):
        cleaned = super().clean()
        names = ("company_name", "first_name", "last_name", "short_name")
        if any(self.has_error(name) for name in names):
            return cleaned  # a name the user must correct first: no second message about it
        if not cleaned.get("short_name"):
            suggestion = suggest_short_name(
                company_name=cleaned.get("company_name", "")
                if cleaned.get("kind") == Customer.Kind.COMPANY
                else "",
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            if not suggestion:
                self.add_error("short_name", _("Enter a short name or a name to derive it from."))
            cleaned["short_name"] = suggestion
            self.instance.short_name = suggestion
        if cleaned.get("kind") == Customer.Kind.COMPANY and not cleaned.get("company_name"):
            self.add_error("company_name", _("A company needs a company name."))
        return cleaned


class AssignNumberForm(CleanTextFormMixin, forms.Form):
    # Not required here: staff post no choice of their own (the next number is drawn), and the
    # service checks an administrator's input (empty, format, range, use) with clear messages.
    number = forms.CharField(label=_("Customer number"), max_length=20, required=False)


class PersonForm(CleanTextFormMixin, forms.ModelForm):
    class Meta:
        model = Person
        fields = [
            "salutation",
            "title",
            "first_name",
            "last_name",
            "position",
            "department",
            "email",
            "phone",
            "mobile",
            "letter_salutation",
            "is_primary",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class StatusForm(CleanTextFormMixin, forms.ModelForm):
    class Meta:
        model = Status
        fields = ["name", "kind", "color", "is_default"]
        widgets = {"color": forms.TextInput(attrs={"type": "color"})}


class StatusDeleteForm(CleanTextFormMixin, forms.Form):
    move_to = forms.ModelChoiceField(
        label=_("Move its customers to"), queryset=Status.objects.none(), required=False
    )

    def __init__(self, *args, status: Status, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["move_to"].queryset = Status.objects.filter(kind=status.kind).exclude(
            pk=status.pk
        )


class TagForm(CleanTextFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=50)


class TagMergeForm(CleanTextFormMixin, forms.Form):
    target = forms.ModelChoiceField(label=_("Merge into"), queryset=Tag.objects.all())

    def __init__(self, *args, source: Tag, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = Tag.objects.exclude(pk=source.pk)
