from datetime import date

import pytest
from django.db import transaction

from kundenakte.core.models import NumberRange
from kundenakte.core.numbering import number_draw, number_peek

pytestmark = pytest.mark.django_db


@pytest.fixture
def invoice_range():
    return NumberRange.objects.create(
        key="test-invoice",
        label="Test",
        pattern="RE-{year}-{seq:05}",
        start=1,
        next_value=1,
        yearly_restart=True,
    )


def test_drawing_advances_the_range(invoice_range):
    with transaction.atomic():
        first = number_draw(key="test-invoice", today=date(2026, 3, 1))
        second = number_draw(key="test-invoice", today=date(2026, 3, 2))
    assert (first, second) == ("RE-2026-00001", "RE-2026-00002")


def test_a_new_year_restarts_a_yearly_range(invoice_range):
    with transaction.atomic():
        number_draw(key="test-invoice", today=date(2026, 12, 31))
        assert number_draw(key="test-invoice", today=date(2027, 1, 2)) == "RE-2027-00001"


def test_numbers_taken_by_hand_are_skipped():
    taken = {"10000", "10001"}
    assert number_peek(key="customer", is_taken=taken.__contains__) == "10002"
    with transaction.atomic():
        assert number_draw(key="customer", is_taken=taken.__contains__) == "10002"
    assert NumberRange.objects.get(key="customer").next_value == 10003


def test_a_rolled_back_draw_leaves_no_gap():
    with pytest.raises(RuntimeError), transaction.atomic():
        number_draw(key="customer")
        raise RuntimeError("the invoice could not be issued")
    assert NumberRange.objects.get(key="customer").next_value == 10000


@pytest.mark.django_db(transaction=True)
def test_drawing_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError):
        number_draw(key="customer")


def test_a_date_in_the_previous_year_does_not_restart_the_series(invoice_range):
    with transaction.atomic():
        number_draw(key="test-invoice", today=date(2027, 1, 2))
        assert number_draw(key="test-invoice", today=date(2026, 12, 31)) == "RE-2027-00002"


def test_a_range_without_yearly_restart_keeps_counting_into_the_new_year(invoice_range):
    invoice_range.yearly_restart = False
    invoice_range.save()
    with transaction.atomic():
        assert number_draw(key="test-invoice", today=date(2026, 12, 31)) == "RE-2026-00001"
        assert number_draw(key="test-invoice", today=date(2027, 1, 2)) == "RE-2027-00002"
