from django.db import models
from django.utils.translation import gettext_lazy as _


class CompanySettings(models.Model):
    """The firm using Kundenakte: one row, created on first use."""

    company_name = models.CharField(_("company name"), max_length=200, blank=True)
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

    @classmethod
    def load(cls) -> "CompanySettings":
        settings, _created = cls.objects.get_or_create(id=1)
        return settings
