"""Plausible dates: the one check every form with a date of business uses (payment, delivery
and service dates, a quote's validity, a task's due date).

A typo such as 1900 or 2099 would otherwise be stored and then sort documents, dunning and the
revenue by year wrongly. No record this product keeps is older than 2000, and no delivery,
quote or task is planned more than ten years ahead.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

EARLIEST = datetime.date(2000, 1, 1)
YEARS_AHEAD = 10


def latest_plausible(today: datetime.date | None = None) -> datetime.date:
    """The last day a date of business may lie on: the end of the year ten years ahead."""
    today = today or timezone.localdate()
    return datetime.date(today.year + YEARS_AHEAD, 12, 31)


def short_date(value: datetime.date) -> str:
    """A date as the active language writes it: "02.03.2026" in German."""
    return date_format(value, "SHORT_DATE_FORMAT")


def validate_plausible_date(value: datetime.date | None) -> None:
    """A form field validator: refuse a date before 2000 or more than ten years ahead."""
    if value is None:
        return
    latest = latest_plausible()
    if not EARLIEST <= value <= latest:
        raise ValidationError(
            _("Enter a date between %(earliest)s and %(latest)s."),
            code="implausible_date",
            params={"earliest": short_date(EARLIEST), "latest": short_date(latest)},
        )


def validate_payment_date(value: datetime.date | None) -> None:
    """A payment is recorded when the money has arrived, so its date is today at the latest
    (a later one is a typo); beyond that the date must be plausible."""
    validate_plausible_date(value)
    if value is not None and value > timezone.localdate():
        raise ValidationError(_("A payment date cannot lie in the future."), code="date_in_future")
