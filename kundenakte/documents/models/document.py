"""The Document: one table for quotes, invoices, delivery notes and cancellation invoices.

One table, so the lists and the customer file read one table. The rules that move a document
from one status to the next live in `documents.services`; this module holds the data, the
database constraints and the immutability guard (GoBD: an issued document never changes in a
way that hides its original content).
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kundenakte.core.clean_text import CleanTextModel
from kundenakte.core.models import user_reference
from kundenakte.customers.models import Customer, Person
from kundenakte.documents import kinds, totals


class IssuedDocumentError(ValidationError):
    """Raised by the model guard when something would change or delete an issued document."""


def _money(verbose_name, **options) -> models.DecimalField:
    return models.DecimalField(
        verbose_name, max_digits=14, decimal_places=2, default=Decimal("0.00"), **options
    )


# Document.Kind.INVOICE etc. for the code that names a kind: built from the registry
# (documents.kinds), which holds everything else about each kind.
DocumentKind = models.TextChoices(  # type: ignore[call-overload]  # the stubs know no list form
    "DocumentKind", [(k.key.upper(), (k.key, k.label)) for k in kinds.KINDS.values()]
)


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    ISSUED = "issued", _("Issued")
    PAID = "paid", _("Paid")
    CANCELLED = "cancelled", _("Cancelled")


_K, _S = DocumentKind, DocumentStatus


def status_fits_kind() -> models.CheckConstraint:
    """Each kind has only its own statuses (documents.kinds). Generated from the registry, so a
    new kind changes it and makemigrations writes the migration that lets the database accept
    the new kind."""
    return models.CheckConstraint(
        condition=Q(
            *(Q(kind=k.key, status__in=k.statuses) for k in kinds.KINDS.values()),
            _connector=Q.OR,
        ),
        name="document_status_fits_kind",
    )


class DocumentQuerySet(models.QuerySet):
    """Chainable reads for the document lists and the customer file."""

    def of_kind(self, kind: str):
        return self.filter(kind=kind)

    def for_customer(self, customer: Customer):
        return self.filter(customer=customer)

    def drafts(self):
        return self.filter(status=Document.Status.DRAFT)

    def issued(self):
        """Everything that carries a number: sent quotes, issued invoices, ..."""
        return self.exclude(status=Document.Status.DRAFT)

    def open_items(self):
        """Issued invoices not fully paid (Offene Posten)."""
        return self.filter(
            kind__in=kinds.receivable_kinds(),
            status=Document.Status.ISSUED,
            paid_total__lt=F("gross_total"),
        )

    def overdue(self, *, today: datetime.date):
        return self.open_items().filter(due_date__lt=today)

    def unanswered_quotes(self):
        """Sent quotes, neither accepted nor rejected (expired ones included)."""
        return self.filter(kind=Document.Kind.QUOTE, status=Document.Status.SENT)

    def expired_quotes(self, *, today: datetime.date):
        return self.unanswered_quotes().filter(valid_until__lt=today)

    def with_open_amount(self):
        """Annotate `open` (gross less paid) for sorting and summing in the database."""
        return self.annotate(open=F("gross_total") - F("paid_total"))

    # The guards below keep bulk writes from bypassing Document.save()/delete().

    def delete(self):
        if self.issued().exists():
            raise IssuedDocumentError(_("Issued documents are never deleted."))
        return super().delete()

    def update(self, **kwargs):
        if set(kwargs) - Document.MUTABLE_AFTER_ISSUE and self.issued().exists():
            raise IssuedDocumentError(_("An issued document cannot be changed."))
        return super().update(**kwargs)


class Document(CleanTextModel):
    """A quote (Angebot), invoice (Rechnung), delivery note (Lieferschein) or cancellation
    invoice (Stornorechnung) of one customer.

    A draft has no number and may change or be deleted. Sending a quote or issuing any other
    kind draws its number, freezes the recipient and seller data (`recipient`, `seller`,
    `small_business`) and stores the totals; from then on only `status` and `paid_total` change.
    The totals of a draft are a cache of its items, refreshed by every item service.
    """

    Kind = DocumentKind
    Status = DocumentStatus
    # The customer's answer to a sent quote is recorded after it was sent; it adds to the
    # record and hides nothing of what the quote said.
    MUTABLE_AFTER_ISSUE = frozenset({"status", "paid_total", "answered_at", "answered_by"})

    kind = models.CharField(_("kind"), max_length=20, choices=kinds.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    # NULL, not "", while a draft: many drafts must pass the unique constraint on the number.
    number = models.CharField(  # noqa: DJ001
        _("number"), max_length=40, null=True, blank=True, editable=False
    )
    customer = models.ForeignKey(
        Customer, models.PROTECT, related_name="documents", verbose_name=_("customer")
    )
    person = models.ForeignKey(
        Person,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("contact person"),
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    # § 14 Abs. 4 Nr. 6 UStG: an invoice states the delivery date or the service period.
    service_date = models.DateField(_("delivery / service date"), null=True, blank=True)
    service_period_end = models.DateField(_("service period until"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    intro = models.TextField(_("introduction"), max_length=5000, blank=True)
    closing = models.TextField(_("closing text"), max_length=5000, blank=True)
    source = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="derived",
        verbose_name=_("created from"),
    )
    cancels = models.OneToOneField(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="cancellation",
        verbose_name=_("cancels"),
    )

    # Frozen when issued: what the document said, whatever changes later (GoBD).
    recipient = models.JSONField(_("recipient"), default=dict, blank=True, editable=False)
    seller = models.JSONField(_("seller"), default=dict, blank=True, editable=False)
    small_business = models.BooleanField(_("small business (§ 19 UStG)"), default=False)
    net_total = _money(_("net"), editable=False)
    vat_total = _money(_("VAT"), editable=False)
    gross_total = _money(_("gross"), editable=False)
    vat_breakdown = models.JSONField(_("VAT per rate"), default=list, blank=True, editable=False)
    # Kept by the payment services, so lists get open amounts without a query per document.
    paid_total = _money(_("paid"), editable=False)

    issued_at = models.DateTimeField(_("issued"), null=True, blank=True, editable=False)
    issued_by = user_reference(_("issued by"))
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True, editable=False)
    answered_by = user_reference(_("answer recorded by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = user_reference(_("created by"))

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.UniqueConstraint(fields=["number"], name="document_number_unique"),
            models.CheckConstraint(
                condition=Q(status=_S.DRAFT, number__isnull=True)
                | (~Q(status=_S.DRAFT) & Q(number__isnull=False)),
                name="document_number_iff_not_draft",
            ),
            status_fits_kind(),
            models.CheckConstraint(
                condition=Q(kind=_K.CANCELLATION, cancels__isnull=False)
                | (~Q(kind=_K.CANCELLATION) & Q(cancels__isnull=True)),
                name="document_cancellation_names_original",
            ),
            models.CheckConstraint(
                condition=Q(service_period_end__isnull=True)
                | Q(service_date__isnull=False, service_period_end__gte=F("service_date")),
                name="document_service_period_ordered",
            ),
            models.CheckConstraint(
                condition=Q(paid_total=0)
                | Q(kind=_K.INVOICE, paid_total__gt=0, paid_total__lte=F("gross_total")),
                name="document_paid_within_gross",
            ),
        ]
        indexes = [
            models.Index(
                fields=["customer", "kind", "status", "date"], name="document_customer_idx"
            ),
            models.Index(fields=["kind", "status", "due_date"], name="document_due_idx"),
            models.Index(fields=["kind", "date", "id"], name="document_kind_date_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number or _('(draft)')}"

    def save(self, *args, **kwargs) -> None:
        self._refuse_changes_after_issue()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if Document.objects.filter(pk=self.pk).issued().exists():
            raise IssuedDocumentError(_("Issued documents are never deleted."))
        return super().delete(*args, **kwargs)

    def clean(self) -> None:
        errors = {}
        if self.person is not None and self.person.customer_id != self.customer_id:
            errors["person"] = _("The contact person must belong to the document's customer.")
        if self.valid_until is not None and self.kind != self.Kind.QUOTE:
            errors["valid_until"] = _("Only a quote has a valid-until date.")
        if self.service_period_end is not None and self.service_date is None:
            errors["service_date"] = _("A service period needs its first day.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def kind_definition(self) -> kinds.DocumentKind:
        """Everything about the document's kind: label, slug, wording (documents.kinds)."""
        return kinds.kind(self.kind)

    @property
    def has_prices(self) -> bool:
        """Delivery notes list goods without prices."""
        return self.kind_definition.has_prices

    @property
    def number_range_key(self) -> str:
        return self.kind_definition.number_range

    @property
    def open_amount(self) -> Decimal:
        """What the customer still owes on an issued invoice; 0 for everything else."""
        owed = self.status in (self.Status.ISSUED, self.Status.PAID)
        if owed and self.kind_definition.receivable:
            return self.gross_total - self.paid_total
        return Decimal("0.00")

    def is_overdue_on(self, today: datetime.date) -> bool:
        return (
            self.status == self.Status.ISSUED
            and self.open_amount > 0
            and self.due_date is not None
            and self.due_date < today
        )

    @property
    def is_overdue(self) -> bool:
        return self.is_overdue_on(timezone.localdate())

    def is_expired_on(self, today: datetime.date) -> bool:
        """A sent quote past its valid-until date that nobody answered."""
        return (
            self.status == self.Status.SENT
            and self.valid_until is not None
            and self.valid_until < today
        )

    @property
    def is_expired(self) -> bool:
        return self.is_expired_on(timezone.localdate())

    @property
    def stored_totals(self) -> totals.Totals:
        return totals.totals_from_stored(
            net=self.net_total,
            vat=self.vat_total,
            gross=self.gross_total,
            breakdown=self.vat_breakdown,
        )

    def _refuse_changes_after_issue(self) -> None:
        """The model-level guard: whatever code saves a document, an issued one keeps its
        content. It compares with the stored row, not with what this instance once loaded, so
        a stale copy of a draft that was issued meanwhile cannot overwrite it either."""
        if self.pk is None:
            return
        frozen = [
            f.attname for f in self._meta.concrete_fields if f.name not in self.MUTABLE_AFTER_ISSUE
        ]
        stored = Document.objects.filter(pk=self.pk).values("status", *frozen).first()
        if stored is None or stored["status"] == self.Status.DRAFT:
            return
        changed = [name for name in frozen if getattr(self, name) != stored[name]]
        if changed or self.status == self.Status.DRAFT:
            raise IssuedDocumentError(_("An issued document cannot be changed."))
