"""Checks of customer data that depend on the country."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum import get_cc_module
from stdnum.eu import vat as eu_vat
from stdnum.exceptions import ValidationError as StdnumError

_GERMAN_POSTAL_CODE = re.compile(r"^\d{5}$")


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
