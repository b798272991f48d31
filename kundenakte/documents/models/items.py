"""Line items and payments of a document."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kundenakte.core.clean_text import CleanTextModel
from kundenakte.core.models import user_reference
from kundenakte.documents import totals
from kundenakte.documents.models.document import Document, IssuedDocumentError
from kundenakte.documents.models.vat import PERCENT


def _require_drafts(only_drafts: bool) -> None:
    if not only_drafts:
        raise IssuedDocumentError(_("The items of an issued document cannot be changed."))


class LineItemQuerySet(models.QuerySet):
    def _all_of_drafts(self) -> bool:
        return not self.exclude(document__status=Document.Status.DRAFT).exists()

    def delete(self):
        _require_drafts(self._all_of_drafts())
        return super().delete()

    def update(self, **kwargs):
        _require_drafts(self._all_of_drafts())
        return super().update(**kwargs)

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        ids = {obj.document_id for obj in objs}
        _require_drafts(not Document.objects.filter(pk__in=ids).issued().exists())
        return super().bulk_create(objs, *args, **kwargs)


class LineItem(CleanTextModel):
    """One position of a document: quantity × net unit price less a discount, at a VAT rate.

    Delivery-note items carry neither price nor VAT rate.
    """

    document = models.ForeignKey(
        Document, models.CASCADE, related_name="items", verbose_name=_("document")
    )
    position = models.PositiveIntegerField(_("position"), default=1)
    description = models.TextField(_("description"), max_length=5000)
    quantity = models.DecimalField(
        _("quantity"), max_digits=12, decimal_places=3, default=Decimal("1.000")
    )
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    unit_price = models.DecimalField(
        _("unit price (net)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    vat_rate = models.DecimalField(
        _("VAT rate (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT,
    )
    discount_percent = models.DecimalField(
        _("discount (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0.00"),
        validators=PERCENT,
    )

    objects = LineItemQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("line item")
        verbose_name_plural = _("line items")
        constraints = [
            models.CheckConstraint(
                condition=Q(discount_percent__gte=0, discount_percent__lte=100),
                name="lineitem_discount_0_to_100",
            ),
            models.CheckConstraint(
                condition=Q(vat_rate__isnull=True) | Q(vat_rate__gte=0, vat_rate__lte=100),
                name="lineitem_vat_rate_0_to_100",
            ),
            models.CheckConstraint(
                condition=Q(unit_price__isnull=True, vat_rate__isnull=True)
                | Q(unit_price__isnull=False, vat_rate__isnull=False),
                name="lineitem_price_and_rate_together",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.description[:60]}"

    def save(self, *args, **kwargs) -> None:
        _require_drafts(self._of_a_draft())
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        _require_drafts(self._of_a_draft())
        return super().delete(*args, **kwargs)

    def clean(self) -> None:
        if self.document_id is None:
            return  # a form validating a new item before it is given its document
        if not self.document.has_prices:
            if self.unit_price is not None or self.vat_rate is not None:
                raise ValidationError(_("A delivery note lists its items without prices."))
            return
        errors = {}
        if self.unit_price is None:
            errors["unit_price"] = _("Enter a unit price.")
        if self.vat_rate is None:
            errors["vat_rate"] = _("Choose a VAT rate.")
        if errors:
            raise ValidationError(errors)

    @property
    def net(self) -> Decimal:
        return totals.line_net(
            quantity=self.quantity,
            unit_price=self.unit_price,
            discount_percent=self.discount_percent,
        )

    def _of_a_draft(self) -> bool:
        """True when both the document it belongs to and (if saved) the one it belonged to
        are drafts, read from the database."""
        drafts = Document.objects.drafts()
        if not drafts.filter(pk=self.document_id).exists():
            return False
        if self.pk is None:
            return True
        stored = LineItem.objects.filter(pk=self.pk)
        return not stored.exclude(document__status=Document.Status.DRAFT).exists()


class Payment(CleanTextModel):
    """A payment received on an issued invoice; several partial payments may settle it."""

    document = models.ForeignKey(
        Document, models.PROTECT, related_name="payments", verbose_name=_("invoice")
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    amount = models.DecimalField(
        _("amount"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = user_reference(_("created by"))

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_amount_positive")
        ]

    def __str__(self) -> str:
        return f"{self.amount} ({self.date:%d.%m.%Y})"
