"""Forms of the document pages. They read and check what the user typed; the services decide.

Numbers are typed the German way ("1.234,56", "19", "2,5"); dates as TT.MM.JJJJ or from the
browser's date picker (ISO).
"""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from kundenakte.core.clean_text import CleanTextFormMixin
from kundenakte.core.dates import short_date, validate_payment_date, validate_plausible_date
from kundenakte.core.formats import number
from kundenakte.customers.models import Customer
from kundenakte.documents import kinds
from kundenakte.documents.models import Document

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y"]
_PLAIN_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")
_GROUPED = {sep: re.compile(rf"^[+-]?\d{{1,3}}(\{sep}\d{{3}})+$") for sep in ".,"}


def parse_decimal(text: str) -> Decimal:
    """A number as people type it: "1.234,56", "1234,56", "19", "-2,5", "12.50", "1.500".

    A comma is the decimal separator and dots before it group thousands; when both appear, the
    later one separates the decimals. Dots alone group thousands when they stand in groups of
    three in a German interface ("1.500"), else they are a decimal point ("12.50").
    Raises ValueError for anything else.
    """
    value = re.sub(r"[\s\u00a0€%]", "", text).replace("\u2212", "-")
    if "," in value and "." in value:
        decimal = "," if value.rfind(",") > value.rfind(".") else "."
        whole, fraction = value.rsplit(decimal, 1)
        group = "." if decimal == "," else ","
        if not _GROUPED[group].match(whole):
            raise ValueError(text)
        value = f"{whole.replace(group, '')}.{fraction}"
    elif "," in value:
        value = value.replace(",", ".")
    elif value.count(".") > 1 or (_german() and _GROUPED["."].match(value)):
        if not _GROUPED["."].match(value):
            raise ValueError(text)
        value = value.replace(".", "")
    if not _PLAIN_NUMBER.match(value):
        raise ValueError(text)
    return Decimal(value)


def _german() -> bool:
    return (translation.get_language() or "de").startswith("de")


def format_decimal(value: Decimal, places: int | None = None) -> str:
    """A Decimal for an input field in the current locale: "12,50"; without `places` as short
    as exact ("1", "1,5"); no thousands separators, which some users take for decimals."""
    if places is None:
        value = Decimal(format(value.normalize(), "f"))
    return number_format(value, decimal_pos=places, use_l10n=True, force_grouping=False)


class DecimalInput(forms.TextInput):
    def __init__(self, attrs=None, places: int | None = None):
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})
        self.places = places

    def format_value(self, value):
        if isinstance(value, Decimal):
            return format_decimal(value, self.places)
        return super().format_value(value)


class GermanDecimalField(forms.DecimalField):
    """A DecimalField that reads German input; bad numbers get a message on the field."""

    default_error_messages = {"invalid": _("Enter a number, e.g. 1.234,56.")}

    def __init__(self, *, places: int | None = None, **kwargs):
        kwargs.setdefault("widget", DecimalInput(places=places))
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        try:
            return parse_decimal(str(value)[:40])
        except (ValueError, InvalidOperation):
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None

    def run_validators(self, value):
        """Django's limit messages ("greater than or equal to %(limit_value)s") would show the
        limit as Python writes it ("0.01"); they get it in the page's language ("0,01")."""
        try:
            super().run_validators(value)
        except ValidationError as exc:
            raise ValidationError([_localized(error) for error in exc.error_list]) from None

    def widget_attrs(self, widget):
        # The browser must not apply English number rules ("1,5" is not a valid <input
        # type=number>), so no step/min/max attributes on this text input.
        return {}


def _localized(error: ValidationError) -> ValidationError:
    params = {
        name: number(value) if isinstance(value, Decimal) else value
        for name, value in (error.params or {}).items()
    }
    return ValidationError(error.message, code=error.code, params=params)


class GermanDateField(forms.DateField):
    input_formats = DATE_INPUT_FORMATS

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}))
        super().__init__(**kwargs)


class PlausibleDateField(GermanDateField):
    """A date of business: not before 2000, not more than ten years ahead (core.dates)."""

    default_validators = [validate_plausible_date]


def describe_errors(form: forms.BaseForm) -> None:
    """Point each field at the element its messages appear in (`<html_name>-error`), so a
    screen reader reads the message with the field; the editor fills it in place."""
    for name, field in form.fields.items():
        field.widget.attrs["aria-describedby"] = f"{form.add_prefix(name)}-error"


def percent_label(rate: Decimal) -> str:
    return f"{format_decimal(rate)} %"


class VatRateField(GermanDecimalField):
    """One of the VAT rates offered (those in force on the service date, plus the item's own)."""

    def __init__(self, *, rates: list[Decimal], **kwargs):
        # Locale-independent values ("19.00"), so the select finds the stored rate.
        choices = [(f"{r:.2f}", percent_label(r)) for r in rates]
        super().__init__(widget=forms.Select(choices=choices), **kwargs)
        self.rates = rates

    def validate(self, value):
        super().validate(value)
        if value is not None and value not in self.rates:
            raise ValidationError(_("Choose one of the VAT rates offered."), code="invalid_choice")


class ItemForm(CleanTextFormMixin, forms.Form):
    """One line item; without price, VAT and discount on a delivery note."""

    description = forms.CharField(
        label=_("Description"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 1, "class": "grow"}),
    )
    quantity = GermanDecimalField(
        label=_("Quantity"), max_digits=12, decimal_places=3, initial=Decimal("1")
    )
    unit = forms.CharField(label=_("Unit"), max_length=20, required=False)
    unit_price = GermanDecimalField(
        label=_("Unit price (net)"), max_digits=12, decimal_places=2, places=2
    )
    discount_percent = GermanDecimalField(
        label=_("Discount %"),
        max_digits=5,
        decimal_places=2,
        min_value=Decimal(0),
        max_value=Decimal(100),
        required=False,
    )

    def __init__(self, *args, document: Document, rates: list[Decimal], **kwargs):
        super().__init__(*args, **kwargs)
        self.rate_not_in_force = False
        if document.has_prices:
            self._offer_rates(rates)
        else:
            for name in ("unit_price", "discount_percent"):
                del self.fields[name]
        describe_errors(self)

    def _offer_rates(self, rates: list[Decimal]) -> None:
        current = self.initial.get("vat_rate")
        offered = sorted({*rates, *([current] if current is not None else [])}, reverse=True)
        self.fields["vat_rate"] = VatRateField(label=_("VAT"), rates=offered)
        self.fields["vat_rate"].initial = rates[0] if rates else None
        # The order the fields appear in the row.
        self.order_fields(["description", "quantity", "unit", "unit_price", "vat_rate"])
        self.rate_not_in_force = current is not None and current not in rates

    @classmethod
    def for_item(cls, item, **kwargs) -> "ItemForm":
        fields = ["description", "quantity", "unit", "unit_price", "vat_rate", "discount_percent"]
        initial = {name: getattr(item, name) for name in fields}
        return cls(initial=initial, prefix=f"item-{item.pk}", **kwargs)

    def clean_discount_percent(self):
        return self.cleaned_data["discount_percent"] or Decimal("0")


class DocumentHeaderForm(CleanTextFormMixin, forms.ModelForm):
    """The header of a draft; which dates it has depends on the kind."""

    class Meta:
        model = Document
        fields = [
            "person",
            "service_date",
            "service_period_end",
            "valid_until",
            "subject",
            "intro",
            "closing",
        ]
        field_classes = {
            "service_date": PlausibleDateField,
            "service_period_end": PlausibleDateField,
            "valid_until": PlausibleDateField,
        }
        widgets = {
            "intro": forms.Textarea(attrs={"rows": 2}),
            "closing": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {"service_date": _("Delivery / service date")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        document = self.instance
        dates = document.kind_definition.dates
        for name in {"service_date", "service_period_end", "valid_until"} - set(dates):
            del self.fields[name]
        self.fields["person"].queryset = document.customer.persons.order_by("last_name")
        self.fields["person"].empty_label = _("— nobody in particular —")
        if not document.has_prices:  # a delivery note: the goods are delivered that day
            self.fields["service_date"].label = _("Delivery date")
        describe_errors(self)

    def clean(self):
        # Said here in words: the model's check constraint would only name itself.
        cleaned = super().clean()
        start, end = cleaned.get("service_date"), cleaned.get("service_period_end")
        if start and end and end < start:
            self.add_error(
                "service_period_end", _("The service period cannot end before it begins.")
            )
        self._check_validity(cleaned.get("valid_until"))
        return cleaned

    def _check_validity(self, valid_until) -> None:
        """A quote's validity cannot end before the quote's own date."""
        day = self.instance.date
        if valid_until and day and valid_until < day:
            self.add_error(
                "valid_until",
                ValidationError(
                    _("A quote cannot expire before its date (%(date)s)."),
                    params={"date": short_date(day)},
                ),
            )


class NewDocumentForm(CleanTextFormMixin, forms.Form):
    customer = forms.ModelChoiceField(
        label=_("Customer"),
        queryset=Customer.objects.filter(archived=False),
        error_messages={"required": _("Choose a customer.")},
    )
    subject = forms.CharField(label=_("Subject"), max_length=200, required=False)


class DocumentFilterForm(CleanTextFormMixin, forms.Form):
    """The filters of a document list; every field is optional and a bad one is ignored."""

    status = forms.ChoiceField(label=_("Status"), required=False)
    customer = forms.CharField(label=_("Customer"), max_length=100, required=False)
    date_from = GermanDateField(label=_("From"), required=False)
    date_to = GermanDateField(label=_("To"), required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        statuses = kinds.kind(kind).statuses
        self.fields["status"].choices = [("", _("All statuses"))] + [
            (status, Document.Status(status).label) for status in statuses
        ]
        if not kinds.kind(kind).receivable:
            del self.fields["overdue"]

    def clean_customer(self) -> str:
        return " ".join(self.cleaned_data["customer"].replace("\x00", "").split())

    def valid(self, name: str):
        """The cleaned value of a field, or None when it is empty or was refused."""
        if name in self.errors:
            return None
        return self.cleaned_data.get(name) or None


class PaymentForm(CleanTextFormMixin, forms.Form):
    date = GermanDateField(
        label=_("Date"), initial=timezone.localdate, validators=[validate_payment_date]
    )
    amount = GermanDecimalField(
        label=_("Amount (€)"),
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0.01"),
        places=2,
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class CancelForm(CleanTextFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Printed on the cancellation invoice as its introduction."),
    )
