"""The task form. It reads and checks what the user typed; the services decide.

The customer is typed by its short name (Kurzname), with suggestions while typing. A name that
fits no customer, or several, comes back with the candidates to pick from, so the form works
without JavaScript as well.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from kundenakte.core import text
from kundenakte.core.clean_text import CleanTextFormMixin
from kundenakte.core.dates import validate_plausible_date
from kundenakte.customers.models import Customer
from kundenakte.tasks.models import Task

# The browser's date picker sends ISO; typed by hand, dates are German (TT.MM.JJJJ).
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y"]
MAX_CHOICES = 12


def customer_suggestions(query: str, limit: int = 10) -> list[Customer]:
    """Active customers whose short name starts with `query` (umlauts folded, by index); the
    search's matches when no short name does."""
    query = " ".join(query.replace("\x00", "")[:100].split())
    if not query:
        return []
    active = Customer.objects.active().only("pk", "short_name", "number", "city")
    found = list(active.filter(sort_key__startswith=text.sort_key(query))[:limit])
    return found or list(active.search(query).order_by("sort_key", "pk")[:limit])


# The short names matching what is typed arrive as the <datalist> the field points to.
_SUGGEST_ATTRS = {
    "hx-get": reverse_lazy("tasks:customer_suggest"),
    "hx-trigger": "input changed delay:200ms",
    "hx-target": "#customer-suggestions",
    "hx-swap": "outerHTML",
    "hx-sync": "this:replace",
}


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.get_username()


class TaskForm(CleanTextFormMixin, forms.ModelForm):
    customer_name = forms.CharField(
        label=_("Customer"),
        required=False,
        max_length=100,
        help_text=_("Short name; leave empty for a task without customer."),
        widget=forms.TextInput(attrs={"list": "customer-suggestions", "autocomplete": "off"}),
    )
    # The customer the form was opened with (?customer= or the task's own), kept while its
    # short name stays in the text field.
    customer = forms.CharField(required=False, widget=forms.HiddenInput)
    # Picked from the candidates shown after an ambiguous or unknown name.
    customer_choice = forms.ModelChoiceField(
        queryset=Customer.objects.active(), required=False, widget=forms.RadioSelect
    )

    class Meta:
        model = Task
        fields = ["title", "due_date", "assignee", "notes"]
        field_classes = {"assignee": UserChoiceField}
        widgets = {
            "due_date": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, customer: Customer | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.customer_choices: list[Customer] = []
        self.order_fields(["title", "customer_name", "due_date", "assignee", "notes"])
        self.fields["due_date"].input_formats = DATE_INPUT_FORMATS
        self.fields["due_date"].validators.append(validate_plausible_date)
        self.fields["customer_name"].widget.attrs.update(_SUGGEST_ATTRS)
        customer = customer or self.instance.customer
        if customer is not None:
            self.initial.update(customer=customer.pk, customer_name=customer.short_name)
        assignee = self.fields["assignee"]
        users = get_user_model().objects.order_by("first_name", "last_name", "username")
        assignee.queryset = users.filter(Q(is_active=True) | Q(pk=self.instance.assignee_id))
        assignee.empty_label = _("— nobody —")

    def clean(self):
        cleaned = super().clean()
        if "customer_name" in cleaned:
            self.instance.customer = self._resolve_customer(cleaned)
        return cleaned

    def _resolve_customer(self, cleaned) -> Customer | None:
        if cleaned.get("customer_choice"):
            return cleaned["customer_choice"]
        name = cleaned["customer_name"]
        if not name:
            return None
        key = text.sort_key(name)[:60]
        if kept := self._kept_customer(cleaned.get("customer", ""), key):
            return kept
        named = list(Customer.objects.active().filter(sort_key=key)[:MAX_CHOICES])
        if len(named) == 1:
            return named[0]
        self._refuse_customer(name, named)
        return None

    @staticmethod
    def _kept_customer(pk: str, key: str) -> Customer | None:
        if not (pk.isascii() and pk.isdigit() and len(pk) <= 18):
            return None
        return Customer.objects.filter(pk=int(pk), sort_key=key).first()

    def _refuse_customer(self, name: str, named: list[Customer]) -> None:
        if named:
            self.customer_choices = named
            message = _("Several customers are called “%(name)s”. Choose one.")
        else:
            self.customer_choices = customer_suggestions(name, MAX_CHOICES)
            message = (
                _("No customer is called “%(name)s”. Choose one of these or correct the name.")
                if self.customer_choices
                else _("No customer is called “%(name)s”.")
            )
        self.add_error("customer_name", forms.ValidationError(message, params={"name": name}))
