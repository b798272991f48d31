"""Turning one cell into the value a field stores, or a ValidationError with the message the
customer form would show.

`full_clean()` per row would cost ~1 ms, 100 s for a large file; the checks here are the same
validators (the model fields' own, customers.validators, core.clean_text) applied to just the
cells the file has. What depends on the customer's country (VAT ID, postal code, tax number) is
checked once the row's customer is known (see changes.py).
"""

import re
from collections.abc import Callable

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, MaxLengthValidator, RegexValidator
from django.utils import translation
from django.utils.translation import gettext as _
from django_countries import countries

from kundenakte.core import clean_text
from kundenakte.customers import validators
from kundenakte.customers.models import Customer, Person, Salutation, Status
from kundenakte.customers.services import tag_clean_name
from kundenakte.imports import fields
from kundenakte.imports.fields import CUSTOMER, PERSON

_SALUTATIONS = {
    Salutation.MR.value: ("herr", "herrn", "hr", "mr", "mister", "sir", "m"),
    Salutation.MS.value: ("frau", "fr", "ms", "mrs", "miss", "madam", "w", "f"),
    Salutation.DIVERSE.value: ("divers", "diverse", "d", "mx"),
    Salutation.NONE.value: ("keine", "none", "firma", "-"),
}
# The spellings nearly every file uses, looked up before normalising.
_COMMON_COUNTRIES = {"Deutschland": "DE", "DE": "DE", "Österreich": "AT", "Schweiz": "CH"}
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_PLAIN_URL = re.compile(rf"https?://(?:{_LABEL}\.)+[a-z]{{2,63}}/?\Z")
_DAYS = re.compile(r"^\s*(\d{1,5})(?:\s*(?:tage|tag|days|day|d)\b.*)?$", re.IGNORECASE)
_TAG_SEPARATORS = re.compile(r"[,;|\n]")
# A subset of what Django's EmailValidator accepts (dot-atom local part, LDH labels, a letters-only
# top-level domain), checked in one match; anything else goes to the validator itself.
_PLAIN_EMAIL = re.compile(
    r"[a-z0-9_%+-]+(?:\.[a-z0-9_%+-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}\Z",
    re.IGNORECASE,
)
# Cells repeat (countries, statuses, tags, cities, salutations): a field's checked values are
# remembered, up to this many per field, so a repeated cell costs one dict lookup.
MEMO_SIZE = 4096
# Person fields as the Person model names them.
PERSON_ATTRS = {
    "person_salutation": "salutation",
    "person_title": "title",
    "person_first_name": "first_name",
    "person_last_name": "last_name",
    "person_position": "position",
    "person_phone": "phone",
    "person_mobile": "mobile",
    "person_email": "email",
}
# A private person has no contact person: the person columns fill the customer itself.
PRIVATE_PERSON_ATTRS = {
    "person_salutation": "salutation",
    "person_title": "title",
    "person_first_name": "first_name",
    "person_last_name": "last_name",
    "person_phone": "phone",
    "person_mobile": "mobile",
    "person_email": "email",
}
# Checked per customer (changes.py) because the rule depends on its country.
COUNTRY_DEPENDENT = {
    "vat_id": validators.clean_vat_id,
    "postal_code": validators.clean_postal_code,
    "tax_number": validators.clean_tax_number,
}


def _messages(exc: ValidationError) -> str:
    return " ".join(str(message) for message in exc.messages)


def _fast(validator) -> Callable[[str], bool] | None:
    """A quicker test that a value passes `validator`, or None: True means it passes; False
    means the validator itself must say (and word) what is wrong. RegexValidator's compiled
    pattern is read once (its attribute is a lazy object, slow to call through per cell)."""
    if isinstance(validator, EmailValidator):
        return lambda value: len(value) <= 320 and _PLAIN_EMAIL.match(value) is not None
    if type(validator) is RegexValidator:
        regex = re.compile(validator.regex.pattern, validator.regex.flags)
        inverse = validator.inverse_match
        return lambda value: (regex.search(value) is None) is inverse
    return None


def _text_check(model, attr: str) -> Callable[[str], str]:
    """A model field's own validators (length, e-mail, phone) and the clean-text rule.

    The length, the clean-text rule and the common validators are tested inline first
    (`_fast`) and the validators called only when that fails, to word the message: at 100,000
    rows the calls alone would cost seconds.
    """
    field = model._meta.get_field(attr)
    multiline = field.get_internal_type() == "TextField"
    check_clean = clean_text.validate_multi_line if multiline else clean_text.validate_single_line
    limit = field.max_length
    checks = [
        (validator, _fast(validator))
        for validator in field.validators
        if not isinstance(validator, MaxLengthValidator)
    ]
    length_checks = [v for v in field.validators if isinstance(v, MaxLengthValidator)]

    def check(value: str) -> str:
        if not clean_text.is_clean(value, multiline=multiline):
            check_clean(value)
        if limit is not None and len(value) > limit:
            for validator in length_checks:
                validator(value)
        for validator, fast in checks:
            if fast is None or not fast(value):
                validator(value)
        return value

    return check


class CellParser:
    """Built once per run: the statuses, country names and checks it looks up per cell."""

    def __init__(self) -> None:
        self.statuses = {status.name.casefold(): status for status in Status.objects.all()}
        self.countries = {**_country_table(), **_COMMON_COUNTRIES}
        self.salutations = {word: code for code, words in _SALUTATIONS.items() for word in words}
        self.website = forms.URLField(max_length=200, assume_scheme="https", required=False)
        self.checks: dict[str, Callable[[str], object]] = {}
        for field in fields.FIELDS:
            if field.target == CUSTOMER and field.key not in COUNTRY_DEPENDENT:
                self.checks[field.key] = _text_check(Customer, field.field_name)
            elif field.target == PERSON:
                self.checks[field.key] = _text_check(Person, PERSON_ATTRS[field.key])
        for key in COUNTRY_DEPENDENT:
            self.checks[key] = _text_check(Customer, key)  # the clean-text rule; see changes.py
        self.checks.update(
            number=self._number,
            status=self._status,
            tags=self._tags,
            country=self._country,
            payment_terms_days=self._days,
            website=self._website,
            person_salutation=self._salutation,
        )
        self.memo: dict[str, dict[str, tuple[object, str]]] = {key: {} for key in self.checks}

    def parse(self, key: str, value: str):
        """The stored value for a non-empty cell of the field `key`."""
        return self.checks[key](value)

    def error(self, key: str, value: str) -> tuple[object, str]:
        """(value, "") or (None, message). Every check is a function of the cell alone, so
        its outcome is remembered (see MEMO_SIZE): values are shared, so none is mutable (the
        tags are a tuple)."""
        memo = self.memo[key]
        found = memo.get(value)
        if found is None:
            try:
                found = self.checks[key](value), ""
            except ValidationError as exc:
                found = None, _messages(exc)
            if len(memo) < MEMO_SIZE:
                memo[value] = found
        return found

    def _number(self, value: str) -> str:
        return validators.normalise_customer_number(value)

    def _status(self, value: str) -> Status:
        found = self.statuses.get(" ".join(value.split()).casefold())
        if found is None:
            names = ", ".join(status.name for status in self.statuses.values())
            raise ValidationError(
                _("Unknown status “%(name)s”; the statuses are: %(names)s."),
                params={"name": value[:60], "names": names},
            )
        return found

    def _tags(self, value: str) -> tuple[str, ...]:
        names: dict[str, str] = {}
        for part in _TAG_SEPARATORS.split(value):
            if part.strip():
                name = tag_clean_name(part)
                names.setdefault(name.casefold(), name)
        return tuple(names.values())

    def _country(self, value: str) -> str:
        found = self.countries.get(value) or self.countries.get(fields.normalise(value))
        if found is None:
            raise ValidationError(
                _("Unknown country “%(name)s”: write e.g. Deutschland, Österreich or AT."),
                params={"name": value[:60]},
            )
        return found

    def _days(self, value: str) -> int:
        found = _DAYS.match(value)
        if found is None or int(found.group(1)) > 32767:
            raise ValidationError(_("Enter the payment terms as a number of days, e.g. 30."))
        return int(found.group(1))

    def _website(self, value: str) -> str:
        if len(value) <= 200 and _PLAIN_URL.match(value):
            return value  # a subset of what URLValidator accepts, checked much faster
        clean_text.validate_single_line(value)
        return self.website.clean(value)

    def _salutation(self, value: str) -> str:
        code = self.salutations.get(value.casefold())
        if code is None:
            code = self.salutations.get(fields.normalise(value))
        if code is not None:
            return code
        raise ValidationError(_("Unknown salutation: write Herr, Frau or divers."))


def _country_table() -> dict[str, str]:
    """Normalised German and English country names and the ISO codes → ISO code."""
    table: dict[str, str] = {}
    for language in ("en", "de"):
        with translation.override(language):
            for code, name in countries:
                table[fields.normalise(str(name))] = code
    for code, _name in countries:
        table[code.lower()] = code
    alpha3 = {"deu": "DE", "aut": "AT", "che": "CH", "d": "DE", "brd": "DE", "ch": "CH"}
    table.update(alpha3)
    table.update({"deutschland": "DE", "germany": "DE", "schweiz": "CH", "oesterreich": "AT"})
    return table
