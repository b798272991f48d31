"""The one place that draws numbers from a NumberRange.

Every function runs inside the caller's transaction and locks the range row, so two concurrent
callers queue instead of drawing the same number, and a rolled-back caller leaves no gap.
"""

from collections.abc import Callable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kundenakte.core.models import NumberRange


def _locked(key: str) -> NumberRange:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("numbers must be drawn inside the caller's transaction")
    return NumberRange.objects.select_for_update().get(key=key)


def _exhausted(number_range: NumberRange, value: int) -> bool:
    return number_range.end is not None and value > number_range.end


def _first_free(number_range: NumberRange, value: int, is_taken) -> int:
    """`value` or the first number after it that is not taken; past the end when none is left."""
    while (
        not _exhausted(number_range, value)
        and is_taken is not None
        and is_taken(number_range.format(value))
    ):
        value += 1
    return value


def number_peek(*, key: str, is_taken: Callable[[str], bool]) -> str | None:
    """The number the next draw would give, without drawing it; None when the range is used up."""
    number_range = NumberRange.objects.get(key=key)
    value = _first_free(number_range, number_range.next_value, is_taken)
    return None if _exhausted(number_range, value) else number_range.format(value)


def number_draw(
    *, key: str, is_taken: Callable[[str], bool] | None = None, today: date | None = None
) -> str:
    """Draw the next number of the range and advance it.

    `is_taken` lets the caller skip numbers that were assigned by hand, so a drawn number never
    collides with one already in use. A range with an end refuses to draw beyond it.
    """
    number_range = _locked(key)
    year = (today or date.today()).year
    # Only forward: a late booking dated last year must not restart this year's series. A range
    # without yearly restart keeps counting but still shows the current year.
    if number_range.year is None or year > number_range.year:
        if number_range.yearly_restart and number_range.year is not None:
            number_range.next_value = number_range.start
        number_range.year = year
    value = _first_free(number_range, number_range.next_value, is_taken)
    if _exhausted(number_range, value):
        raise ValidationError(
            _(
                "The number range “%(label)s” is used up: %(end)s was its last number. "
                "Extend it in the settings."
            ),
            params={"label": number_range.label, "end": number_range.end},
        )
    number_range.next_value = value + 1
    number_range.save(update_fields=["next_value", "year"])
    return number_range.format(value)


def number_reserve(*, key: str, value: int) -> None:
    """Move the range past `value`, a number given outside the range's draws (an imported
    customer number), so that no later draw gives it again. Never moves the range back."""
    number_range = _locked(key)
    if value < number_range.next_value:
        return
    last = number_range.end + 1 if number_range.end is not None else value + 1
    number_range.next_value = min(value + 1, last)
    number_range.save(update_fields=["next_value"])
