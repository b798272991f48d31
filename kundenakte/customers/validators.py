"""Checks of customer data: the customer number, and what depends on the country."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from stdnum import get_cc_module
from stdnum.de import stnr
from stdnum.eu import vat as eu_vat
from stdnum.exceptions import ValidationError as StdnumError

_GERMAN_POSTAL_CODE = re.compile(r"^\d{5}$")
# Letters, digits and the usual separators, with at least one digit: the tax numbers of other
# countries follow no rule we could check, but "<b>??</b>" is no tax number anywhere.
_PLAUSIBLE_TAX_NUMBER = re.compile(r"^(?=.*[0-9])[A-Za-z0-9][A-Za-z0-9 .,/\-]*$")

# A customer number is a debtor account: digits without a leading zero, so that "010500" and
# "10500" cannot both exist. \A and \Z rather than ^ and $: Python's $ also matches before a
# trailing newline, and the same pattern runs in PostgreSQL, whose regexes know \A and \Z too.
CUSTOMER_NUMBER_PATTERN = r"\A[1-9][0-9]*\Z"
# Eight digits: DATEV's longest ledger accounts; the range settings stay within it.
CUSTOMER_NUMBER_MAX = 99_999_999

_CUSTOMER_NUMBER = re.compile(CUSTOMER_NUMBER_PATTERN)
customer_number_format = RegexValidator(
    CUSTOMER_NUMBER_PATTERN,
    gettext_lazy("A customer number consists of digits only and does not start with 0."),
)


def is_customer_number(value: str | None) -> bool:
    return value is not None and _CUSTOMER_NUMBER.search(value) is not None


def normalise_customer_number(value: str) -> str:
    """ " 010500 " → "10500", or a ValidationError saying what is wrong with the input."""
    value = value.strip()
    if not value:
        raise ValidationError(_("Enter a customer number."))
    if not (value.isascii() and value.isdigit()):
        raise ValidationError(
            _("A customer number consists of digits only, e.g. 10500 (no letters, signs or dots).")
        )
    return value.lstrip("0") or "0"


def check_customer_number_range(number: str, start: int, end: int | None) -> None:
    """Refuse a number outside the configured range (both ends included)."""
    last = min(end or CUSTOMER_NUMBER_MAX, CUSTOMER_NUMBER_MAX)
    if not start <= int(number) <= last:
        raise ValidationError(
            _(
                "Customer numbers are debtor accounts from %(start)s to %(end)s; "
                "%(number)s lies outside this range."
            ),
            params={"start": start, "end": last, "number": number},
        )


def clean_vat_id(value: str, country: str) -> str:
    """The VAT ID in its compact form, or a ValidationError naming what is wrong.

    An EU VAT ID carries its country prefix (DE123456789); for other countries the customer's
    country selects the check.
    """
    value = value.strip()
    if not value:
        return ""
    compact = re.sub(r"[\s.\-/]", "", value).upper()
    prefix = compact[:2]
    try:
        if prefix.lower() in eu_vat.MEMBER_STATES or prefix == "EL":
            return eu_vat.validate(compact)
        module = get_cc_module(country.lower(), "vat") if country else None
        if module is None:
            raise ValidationError(_("Enter the VAT ID with its country prefix, e.g. DE123456789."))
        return module.validate(compact)
    except StdnumError as exc:
        raise ValidationError(
            _("This is not a valid VAT ID (%(reason)s)."), params={"reason": exc.message}
        ) from exc


def clean_postal_code(value: str, country: str) -> str:
    value = value.strip()
    if value and country == "DE" and not _GERMAN_POSTAL_CODE.match(value):
        raise ValidationError(_("A German postal code has exactly five digits."))
    return value


def clean_tax_number(value: str, country: str) -> str:
    """The tax number (Steuernummer) as written, trimmed, or a ValidationError.

    Kept in the form the firm knows from its tax office's letters (21/815/08150) rather than
    python-stdnum's bare digits: that is how it is printed on invoices. For Germany, stdnum.de.stnr
    checks the length and the layouts of the Länder, in the regional form and in the 13-digit
    federal form; other countries' numbers only have to look like one.
    """
    value = " ".join(value.split())
    if not value:
        return ""
    if country == "DE":
        if not stnr.is_valid(value):
            raise ValidationError(
                _(
                    "This is no valid German tax number: enter it as the tax office writes it, "
                    "e.g. 21/815/08150, or as the 13-digit number."
                )
            )
    elif not _PLAUSIBLE_TAX_NUMBER.match(value):
        raise ValidationError(
            _("Enter the tax number with letters, digits, spaces and . , / - only.")
        )
    return value
