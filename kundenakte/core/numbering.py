"""The one place that draws numbers from a NumberRange.

Every function runs inside the caller's transaction and locks the range row, so two concurrent
callers queue instead of drawing the same number, and a rolled-back caller leaves no gap.
"""

from collections.abc import Callable
from datetime import date

from django.db import transaction

from kundenakte.core.models import NumberRange


def _locked(key: str) -> NumberRange:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("numbers must be drawn inside the caller's transaction")
    return NumberRange.objects.select_for_update().get(key=key)


def number_peek(*, key: str, is_taken: Callable[[str], bool]) -> str:
    """The number the next draw would give, without drawing it."""
    number_range = NumberRange.objects.get(key=key)
    value = number_range.next_value
    while is_taken(number_range.format(value)):
        value += 1
    return number_range.format(value)


def number_draw(
    *, key: str, is_taken: Callable[[str], bool] | None = None, today: date | None = None
) -> str:
    """Draw the next number of the range and advance it.

    `is_taken` lets the caller skip numbers that were assigned by hand, so a drawn number never
    collides with one already in use.
    """
    number_range = _locked(key)
    year = (today or date.today()).year
    # Only forward: a late booking dated last year must not restart this year's series. A range
    # without yearly restart keeps counting but still shows the current year.
    if number_range.year is None or year > number_range.year:
        if number_range.yearly_restart and number_range.year is not None:
            number_range.next_value = number_range.start
        number_range.year = year
    value = number_range.next_value
    while is_taken is not None and is_taken(number_range.format(value)):
        value += 1
    number_range.next_value = value + 1
    number_range.save(update_fields=["next_value", "year"])
    return number_range.format(value)
