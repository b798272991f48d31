from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from kundenakte.core import text
from kundenakte.core.clean_text import CleanTextModel
from kundenakte.core.models import NumberRange, user_reference
from kundenakte.customers import matching, search_text, validators
from kundenakte.customers.queries import CustomerQuerySet

CUSTOMER_NUMBER_RANGE = "customer"

phone_validator = RegexValidator(
    r"^\+?[0-9 ()/.\-]{3,40}$",
    _("Enter a phone number of digits, spaces and + ( ) / - only."),
)
color_validator = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour such as #1f6feb."))


class Salutation(models.TextChoices):
    NONE = "", _("(none)")
    MR = "mr", _("Mr")
    MS = "ms", _("Ms")
    DIVERSE = "diverse", _("diverse")


class Status(CleanTextModel):
    """A user-defined customer status; each belongs to the class with or without number."""

    class Kind(models.TextChoices):
        WITH_NUMBER = "with_number", _("with customer number")
        WITHOUT_NUMBER = "without_number", _("without customer number")

    name = models.CharField(_("name"), max_length=60)
    kind = models.CharField(_("class"), max_length=20, choices=Kind.choices)
    color = models.CharField(
        _("colour"), max_length=7, default="#64748b", validators=[color_validator]
    )
    position = models.PositiveIntegerField(_("order"), default=0)
    is_default = models.BooleanField(_("default of its class"), default=False)

    class Meta:
        ordering = ["kind", "position", "name"]
        verbose_name = _("status")
        verbose_name_plural = _("statuses")
        constraints = [
            models.UniqueConstraint(Lower("name"), name="status_name_unique_ci"),
            models.UniqueConstraint(
                fields=["kind"],
                condition=models.Q(is_default=True),
                name="status_one_default_per_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Tag(CleanTextModel):
    name = models.CharField(_("name"), max_length=50)
    # casefold() of the name: SQLite's LOWER() folds ASCII only, so "Ärzte" and "ärzte" need a
    # Python-made key for the case-insensitive uniqueness to hold on both databases.
    key = models.CharField(max_length=50, unique=True, editable=False)

    class Meta:
        ordering = ["key"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.key = self.name.casefold()
        super().save(*args, **kwargs)


class Customer(CleanTextModel):
    """A company or private person we do business with.

    Kurzname (`short_name`) is the short name shown in lists and used by the A–Z bar; the full
    legal name with legal form goes into `company_name`.
    """

    class Kind(models.TextChoices):
        COMPANY = "company", _("Company")
        PERSON = "person", _("Private person")

    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices, default=Kind.COMPANY)
    # The debtor account in accounting; the range it must lie in is the "customer" NumberRange.
    number = models.CharField(
        _("customer number"),
        max_length=20,
        null=True,
        blank=True,
        unique=True,
        validators=[validators.customer_number_format],
    )
    # A number given before numbers had to be debtor accounts ("K-4711", or a duplicate once
    # leading zeros are dropped): kept for search and reference, never given again.
    legacy_number = models.CharField(_("former customer number"), max_length=20, blank=True)
    short_name = models.CharField(_("short name"), max_length=60)
    company_name = models.CharField(_("company name"), max_length=120, blank=True)
    company_name_2 = models.CharField(_("company name (line 2)"), max_length=120, blank=True)
    salutation = models.CharField(
        _("salutation"), max_length=10, choices=Salutation.choices, blank=True, default=""
    )
    title = models.CharField(_("title"), max_length=40, blank=True)
    first_name = models.CharField(_("first name"), max_length=60, blank=True)
    last_name = models.CharField(_("last name"), max_length=60, blank=True)
    letter_salutation = models.CharField(
        _("letter salutation"),
        max_length=120,
        blank=True,
        help_text=_("Leave empty to derive it from salutation, title and name."),
    )
    street = models.CharField(_("street and number"), max_length=120, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=80, blank=True)
    country = CountryField(_("country"), default="DE")
    phone = models.CharField(_("phone"), max_length=40, blank=True, validators=[phone_validator])
    mobile = models.CharField(_("mobile"), max_length=40, blank=True, validators=[phone_validator])
    fax = models.CharField(_("fax"), max_length=40, blank=True, validators=[phone_validator])
    email = models.EmailField(_("email"), max_length=254, blank=True)
    website = models.URLField(_("website"), max_length=200, blank=True)
    vat_id = models.CharField(_("VAT ID"), max_length=20, blank=True)
    tax_number = models.CharField(_("tax number"), max_length=30, blank=True)
    payment_terms_days = models.PositiveSmallIntegerField(_("payment terms (days)"), default=14)
    notes = models.TextField(_("notes"), max_length=5000, blank=True)
    status = models.ForeignKey(
        Status, models.PROTECT, related_name="customers", verbose_name=_("status")
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="customers", verbose_name=_("tags"))
    archived = models.BooleanField(_("archived"), default=False)

    # Derived columns kept current on every save, so the list filters and searches by index.
    sort_key = models.CharField(max_length=60, editable=False, default="")
    initial = models.CharField(max_length=1, editable=False, default="#")
    search_text = models.TextField(editable=False, default="")
    # The name as the duplicate check and the import compare it (customers/matching.py).
    name_key = models.CharField(max_length=120, editable=False, default="", db_index=True)

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = user_reference(_("created by"))
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    updated_by = user_reference(_("changed by"))

    history = HistoricalRecords(
        excluded_fields=["sort_key", "initial", "search_text", "name_key", "updated_at"],
        m2m_fields=[tags],
    )
    objects = CustomerQuerySet.as_manager()

    class Meta:
        ordering = ["sort_key", "id"]
        verbose_name = _("customer")
        verbose_name_plural = _("customers")
        permissions = [("choose_customer_number", _("Can choose any free customer number"))]
        constraints = [
            # The format only: the range is a setting and may change under existing numbers.
            models.CheckConstraint(
                condition=models.Q(number__isnull=True)
                | models.Q(number__regex=validators.CUSTOMER_NUMBER_PATTERN),
                name="customer_number_plain_digits",
                violation_error_message=_(
                    "A customer number consists of digits only and does not start with 0."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["archived", "sort_key", "id"], name="customer_list_idx"),
            models.Index(
                fields=["archived", "initial", "sort_key", "id"], name="customer_letter_idx"
            ),
            models.Index(fields=["status", "sort_key", "id"], name="customer_status_idx"),
            # One status (and letter) in name order; each part of a sort by status.
            models.Index(
                fields=["archived", "status", "initial", "sort_key", "id"],
                name="customer_status_letter_idx",
            ),
            # The name order with the status at hand: a class filter ("with number") walks
            # it without reading table rows.
            models.Index(
                fields=["archived", "initial", "sort_key", "id", "status"],
                name="customer_name_status_idx",
            ),
            models.Index(fields=["archived", "number"], name="customer_number_idx"),
            models.Index(
                fields=["archived", "city", "initial", "sort_key", "id"], name="customer_city_idx"
            ),
            models.Index(fields=["archived", "created_at", "id"], name="customer_created_idx"),
        ]

    def __str__(self) -> str:
        return self.short_name

    def get_absolute_url(self) -> str:
        return reverse("customers:detail", args=[self.pk])

    @property
    def is_company(self) -> bool:
        return self.kind == self.Kind.COMPANY

    @property
    def display_name(self) -> str:
        if self.is_company:
            return self.company_name or self.short_name
        return (
            " ".join(p for p in (self.title, self.first_name, self.last_name) if p)
            or self.short_name
        )

    @property
    def matching_name(self) -> str:
        """The name two records of the same firm or person share, titles and line 2 aside."""
        if self.is_company:
            return self.company_name or self.short_name
        return " ".join(p for p in (self.first_name, self.last_name) if p) or self.short_name

    def clean(self) -> None:
        errors = {}
        country = str(self.country or "")
        for field, check in (
            ("vat_id", validators.clean_vat_id),
            ("tax_number", validators.clean_tax_number),
            ("postal_code", validators.clean_postal_code),
        ):
            try:
                setattr(self, field, check(getattr(self, field), country))
            except ValidationError as exc:
                errors[field] = exc
        if self._number_is_new():
            try:
                number_range = NumberRange.objects.get(key=CUSTOMER_NUMBER_RANGE)
                validators.check_customer_number_range(
                    self.number or "", number_range.start, number_range.end
                )
            except ValidationError as exc:
                errors["number"] = exc
        if self.status_id is not None:
            wanted = Status.Kind.WITH_NUMBER if self.number else Status.Kind.WITHOUT_NUMBER
            if self.status.kind != wanted:
                errors["status"] = ValidationError(
                    _("A customer with a number needs a status of the class with number.")
                    if self.number
                    else _(
                        "A customer without a number needs a status of the class without number."
                    )
                )
        if not self.is_company and not self.last_name:
            errors["last_name"] = ValidationError(_("A private person needs a last name."))
        if errors:
            raise ValidationError(errors)

    def _number_is_new(self) -> bool:
        """Whether a well-formed number is given now. One given earlier stays valid when the
        range moves (the settings list it instead), so the rest of the record stays editable."""
        if not validators.is_customer_number(self.number):
            return False  # no number, or the field's own validator has said what is wrong
        if self._state.adding:
            return True
        return not Customer.objects.filter(pk=self.pk, number=self.number).exists()

    def refresh_derived(self, persons=(), tags=()) -> None:
        """Recompute the sort key, first letter and search text from this row and its relations."""
        self.sort_key = text.sort_key(self.short_name)[:60]
        self.initial = text.initial_letter(self.short_name)
        self.name_key = matching.name_key(self.matching_name)
        tag_names = (tag.name for tag in tags)
        self.search_text = search_text.document(self, persons, tag_names)


class Person(CleanTextModel):
    """A contact person at a customer (an employee of the customer firm)."""

    customer = models.ForeignKey(
        Customer, models.CASCADE, related_name="persons", verbose_name=_("customer")
    )
    salutation = models.CharField(
        _("salutation"), max_length=10, choices=Salutation.choices, blank=True, default=""
    )
    title = models.CharField(_("title"), max_length=40, blank=True)
    first_name = models.CharField(_("first name"), max_length=60, blank=True)
    last_name = models.CharField(_("last name"), max_length=60)
    position = models.CharField(_("position"), max_length=80, blank=True)
    department = models.CharField(_("department"), max_length=80, blank=True)
    email = models.EmailField(_("email"), max_length=254, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True, validators=[phone_validator])
    mobile = models.CharField(_("mobile"), max_length=40, blank=True, validators=[phone_validator])
    notes = models.TextField(_("notes"), max_length=5000, blank=True)
    letter_salutation = models.CharField(
        _("letter salutation"),
        max_length=120,
        blank=True,
        help_text=_("Leave empty to derive it from salutation, title and name."),
    )
    is_primary = models.BooleanField(_("primary contact"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-is_primary", "last_name", "first_name", "id"]
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        constraints = [
            models.UniqueConstraint(
                fields=["customer"],
                condition=models.Q(is_primary=True),
                name="person_one_primary_per_customer",
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("customers:person_edit", args=[self.customer_id, self.pk])

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.title, self.first_name, self.last_name) if p)


# The tables the database keeps for the list live in their own module; imported here so that
# Django registers them with this app and `customers.models` names every model of it.
from kundenakte.customers.tallies import (  # noqa: E402, F401
    CustomerTagMember,
    CustomerTagTally,
    CustomerTally,
)
