"""What text may be stored: the one rule every form, model and in-place endpoint applies.

Text typed or pasted by users ends up in lists, PDFs, spreadsheets and accounting exports. Some
characters that arrive with copied text are invisible on screen yet break those places:

- C0 and C1 control characters (a vertical tab pasted from Word, a NUL byte). Spreadsheet
  libraries refuse them, PostgreSQL refuses NUL, and a CSV passes them on raw. A multi-line
  field keeps tab and line breaks; a single-line field keeps none.
- Bidirectional controls (U+202E RIGHT-TO-LEFT OVERRIDE and its kin) that make "rechnung.exe"
  read as "exe.gnunhcer" — a spoofing trick (CVE-2021-42574, "Trojan Source").
- Lone surrogates and the noncharacters U+FFFE/U+FFFF, which no encoding carries.

Such text is refused with a message on the field (`validate_single_line`,
`validate_multi_line`); forms show the field again with the characters removed, so saving once
more is enough (`CleanTextFormMixin`). `without_unclean()` removes them from what was stored
before this rule existed, on the way into exports.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

CODE = "unclean_text"
# C0 and C1 controls (Unicode category Cc), the bidirectional controls, lone surrogates (Cs) and
# the two noncharacters; a multi-line field keeps tab, line feed and carriage return. As regular
# expressions, because exports check every value of 100,000 rows.
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_ELSEWHERE = f"\x7f-\x9f{_BIDI}\ud800-\udfff\ufffe\uffff"
_UNCLEAN = {
    False: re.compile(f"[\x00-\x1f{_ELSEWHERE}]"),
    True: re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f{_ELSEWHERE}]"),
}
# The controls among them that separate words, as runs.
_SPACING = {
    False: re.compile("[\x09-\x0d\x1c-\x1f\x85]+"),
    True: re.compile("[\x0b\x0c\x1c-\x1f\x85]+"),
}


def unclean_characters(value: str, *, multiline: bool = False) -> list[str]:
    """The characters of `value` that may not be stored, each once, in order of appearance."""
    return list(dict.fromkeys(_UNCLEAN[multiline].findall(value)))


def is_clean(value: str, *, multiline: bool = False) -> bool:
    return not _UNCLEAN[multiline].search(value)


def without_unclean(value: str, *, multiline: bool = False) -> str:
    """`value` with those characters removed; a run that separates words becomes a space."""
    pattern = _UNCLEAN[multiline]
    if not pattern.search(value):
        return value
    return pattern.sub("", _SPACING[multiline].sub(" ", value))


REFUSED = _(
    "This contains invisible control characters (%(chars)s), usually from copied text, "
    "which cannot be saved."
)
REMOVED = _(
    "This contained invisible control characters (%(chars)s), usually from copied text. "
    "They have been removed: please check the field and save again."
)


def _validate(value, multiline: bool, message=REFUSED) -> None:
    found = unclean_characters(str(value), multiline=multiline)
    if found:
        chars = ", ".join(f"U+{ord(ch):04X}" for ch in found)
        raise ValidationError(message, code=CODE, params={"chars": chars})


def validate_single_line(value) -> None:
    _validate(value, multiline=False)


def validate_multi_line(value) -> None:
    _validate(value, multiline=True)


def _form_validator(multiline: bool):
    def validate(value) -> None:
        _validate(value, multiline=multiline, message=REMOVED)

    return validate


def _is_multi_line(widget: forms.Widget) -> bool:
    return isinstance(widget, forms.Textarea)


class CleanTextFormMixin:
    """Put first in the bases of every form: each text field refuses unclean characters.

    A field that fails shows up again with the characters removed, because the user cannot see
    them and could not delete them by hand.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and not isinstance(
                field.widget, forms.PasswordInput
            ):
                # Our check names NUL too; Django's own would add a second message for it.
                field.validators = [
                    v
                    for v in field.validators
                    if not isinstance(v, ProhibitNullCharactersValidator)
                ]
                field.validators.append(_form_validator(_is_multi_line(field.widget)))

    def full_clean(self):
        super().full_clean()
        unclean = [
            name
            for name, errors in self.errors.as_data().items()
            if name in self.fields and _has_code(errors)
        ]
        if unclean and self.is_bound:
            self.data = self.data.copy()
            for name in unclean:
                field = self.fields[name]
                key = self.add_prefix(name)
                self.data[key] = without_unclean(
                    self.data.get(key, ""), multiline=_is_multi_line(field.widget)
                )


def _has_code(errors: list[ValidationError]) -> bool:
    return any(error.code == CODE for error in errors)


class CleanTextModel(models.Model):
    """Base of every model of ours: `full_clean()` refuses unclean text in any text field.

    TextFields are multi-line, every other CharField single-line. This is the backstop behind the
    forms, for services and in-place endpoints that save without one.
    """

    class Meta:
        abstract = True

    def clean_fields(self, exclude=None):
        errors = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        for field in self._meta.concrete_fields:
            if exclude and field.name in exclude or field.name in errors:
                continue
            value = getattr(self, field.attname)
            if isinstance(field, models.CharField | models.TextField) and value:
                try:
                    _validate(value, multiline=isinstance(field, models.TextField))
                except ValidationError as exc:
                    errors[field.name] = exc.error_list
        if errors:
            raise ValidationError(errors)
