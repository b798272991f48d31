import base64
import re
from typing import cast

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from stdnum import bic, iban
from stdnum.eu import vat as eu_vat
from stdnum.exceptions import ValidationError as StdnumError

from kundenakte.core.clean_text import CleanTextModel

_GERMAN_POSTAL_CODE = re.compile(r"^\d{5}$")


# The seller data every invoice states (§ 14 Abs. 4 Nr. 1, 2 UStG), frozen into issued documents.
SELLER_FIELDS = (
    "company_name",
    "street",
    "postal_code",
    "city",
    "country",
    "phone",
    "email",
    "website",
    "vat_id",
    "tax_number",
    "iban",
    "bic",
    "bank_name",
)


class CompanySettings(CleanTextModel):
    """The firm using Kundenakte: one row, created on first use.

    The seller data (address, tax IDs, bank account) is what § 14 Abs. 4 UStG requires on an
    invoice; documents copy it when they are issued, so a later change leaves them as they were.
    """

    company_name = models.CharField(_("company name"), max_length=200, blank=True)
    # In the database, not on disk: app processes stay stateless behind a load balancer.
    logo = models.BinaryField(_("logo"), blank=True, default=b"")
    logo_type = models.CharField(_("logo type"), max_length=20, blank=True)
    street = models.CharField(_("street and number"), max_length=120, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=80, blank=True)
    country = CountryField(_("country"), default="DE")
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), max_length=254, blank=True)
    website = models.URLField(_("website"), max_length=200, blank=True)
    vat_id = models.CharField(_("VAT ID"), max_length=20, blank=True)
    tax_number = models.CharField(_("tax number"), max_length=30, blank=True)
    iban = models.CharField(_("IBAN"), max_length=34, blank=True)
    bic = models.CharField(_("BIC"), max_length=11, blank=True)
    bank_name = models.CharField(_("bank"), max_length=100, blank=True)
    small_business = models.BooleanField(
        _("small business (§ 19 UStG)"),
        default=False,
        help_text=_("Kleinunternehmer: invoices show no VAT and name § 19 UStG instead."),
    )
    default_quote_validity_days = models.PositiveSmallIntegerField(
        _("quotes valid for (days)"), default=30, validators=[MinValueValidator(1)]
    )
    quotes_enabled = models.BooleanField(_("quotes"), default=True)
    invoices_enabled = models.BooleanField(_("invoices"), default=True)
    delivery_notes_enabled = models.BooleanField(_("delivery notes"), default=True)
    tasks_enabled = models.BooleanField(_("tasks"), default=True)

    class Meta:
        verbose_name = _("company settings")
        verbose_name_plural = _("company settings")
        permissions = [("manage_settings", _("Can manage the company settings"))]
        constraints = [
            models.CheckConstraint(condition=models.Q(id=1), name="companysettings_single_row")
        ]

    def __str__(self) -> str:
        return self.company_name or "Kundenakte"

    @property
    def logo_data_uri(self) -> str:
        """The logo for a PDF, inline: rendering never reads files or the network."""
        if not self.logo:
            return ""
        return f"data:{self.logo_type};base64,{base64.b64encode(bytes(self.logo)).decode()}"

    @classmethod
    def load(cls) -> "CompanySettings":
        settings, _created = cls.objects.get_or_create(id=1)
        return settings

    @property
    def missing_for_invoices(self) -> list[str]:
        """Names of the fields an invoice needs but the settings lack (§ 14 Abs. 4 Nr. 1, 2)."""
        missing = [
            str(cast(models.Field, self._meta.get_field(name)).verbose_name)
            for name in ("company_name", "street", "postal_code", "city")
            if not getattr(self, name)
        ]
        if not (self.vat_id or self.tax_number):
            missing.append(str(_("VAT ID or tax number")))
        return missing

    def clean(self) -> None:
        errors = {}
        for field, check in (
            ("iban", _clean_iban),
            ("bic", _clean_bic),
            ("vat_id", _clean_vat_id),
            ("postal_code", self._clean_postal_code),
        ):
            try:
                setattr(self, field, check(getattr(self, field)))
            except ValidationError as exc:
                errors[field] = exc
        if errors:
            raise ValidationError(errors)

    def _clean_postal_code(self, value: str) -> str:
        value = value.strip()
        if value and str(self.country) == "DE" and not _GERMAN_POSTAL_CODE.match(value):
            raise ValidationError(_("A German postal code has exactly five digits."))
        return value


def _checked(value: str, module, message) -> str:
    """The compact form of `value` as checked by a python-stdnum module ("" stays "")."""
    value = value.strip()
    if not value:
        return ""
    try:
        return module.validate(value)
    except StdnumError as exc:
        raise ValidationError(message, params={"reason": str(exc)}) from exc


def _clean_iban(value: str) -> str:
    return _checked(value, iban, _("This is not a valid IBAN (%(reason)s)."))


def _clean_bic(value: str) -> str:
    return _checked(value, bic, _("This is not a valid BIC (%(reason)s)."))


def _clean_vat_id(value: str) -> str:
    # The seller's own ID always carries its EU country prefix (DE123456789).
    message = _("Enter a valid VAT ID with its country prefix, e.g. DE123456789 (%(reason)s).")
    return _checked(value, eu_vat, message)
