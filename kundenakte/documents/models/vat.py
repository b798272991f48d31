"""VAT rates with the days they apply."""

from datetime import date
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kundenakte.core.clean_text import CleanTextModel

PERCENT = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]


class VatRateQuerySet(models.QuerySet):
    def valid_on(self, day: date):
        return self.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day), valid_from__lte=day)


class VatRate(CleanTextModel):
    """A VAT rate and the days it applies: rates change (16 %/5 % from July to December 2020)."""

    rate = models.DecimalField(_("rate (%)"), max_digits=5, decimal_places=2, validators=PERCENT)
    label = models.CharField(_("name"), max_length=80)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    objects = VatRateQuerySet.as_manager()

    class Meta:
        ordering = ["-valid_from", "-rate"]
        verbose_name = _("VAT rate")
        verbose_name_plural = _("VAT rates")
        constraints = [
            models.CheckConstraint(
                condition=Q(rate__gte=0, rate__lte=100), name="vatrate_rate_0_to_100"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="vatrate_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rate} % ({self.label})"
