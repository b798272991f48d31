from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kundenakte.core.clean_text import CleanTextModel


class NumberRange(CleanTextModel):
    """A series of numbers (customer numbers, invoice numbers, ...), changed only by numbering.py.

    `pattern` is a str.format template with `{prefix}`, `{year}` and `{seq}` (e.g. `{seq:05}`).
    `end` is the last number the range may give; empty means open-ended. The customer range has
    one: customer numbers are debtor accounts, which end where the creditor accounts begin.
    """

    key = models.SlugField(_("key"), max_length=40, unique=True)
    label = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=10, blank=True)
    pattern = models.CharField(_("pattern"), max_length=60, default="{prefix}{seq}")
    start = models.PositiveIntegerField(_("first number"), default=1)
    end = models.PositiveIntegerField(_("last number"), null=True, blank=True)
    next_value = models.PositiveIntegerField(
        _("next number"), default=1, validators=[MinValueValidator(1)]
    )
    yearly_restart = models.BooleanField(_("restart every year"), default=False)
    year = models.PositiveIntegerField(_("current year"), null=True, blank=True)

    class Meta:
        verbose_name = _("number range")
        verbose_name_plural = _("number ranges")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(next_value__gte=models.F("start")),
                name="numberrange_next_not_below_start",
            ),
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="numberrange_end_not_below_start",
            ),
            # One past the end is where a used-up range stands after its last draw.
            models.CheckConstraint(
                condition=models.Q(end__isnull=True)
                | models.Q(next_value__lte=models.F("end") + 1),
                name="numberrange_next_at_most_one_past_end",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    def contains(self, value: int) -> bool:
        return self.start <= value and (self.end is None or value <= self.end)

    def format(self, value: int, year: int | None = None) -> str:
        return self.pattern.format(prefix=self.prefix, year=year or self.year or "", seq=value)


def user_reference(verbose_name) -> models.ForeignKey:
    """Who did something (created, changed, issued …); kept as empty when the user is deleted."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=verbose_name,
    )


class Generation(CleanTextModel):
    """The one row (id 1) of the reference data's change counter, raised by triggers on every
    change of a watched table (kundenakte.core.generation). Written only by those triggers.

    Unmanaged, and created by its migration: `flush` must not empty it, or the cache would stop
    working after every TransactionTestCase; a flush raises it instead (its TRUNCATE triggers).
    """

    id = models.IntegerField(primary_key=True)
    value = models.BigIntegerField()

    class Meta:
        managed = False
        db_table = "core_generation"

    def __str__(self) -> str:
        return str(self.value)
