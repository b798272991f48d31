"""The data migration that makes every stored customer number a plain debtor account.

Rows with bad numbers cannot be written any more, so each test lifts the check constraint inside
its own transaction first (rolled back with the test), writes the rows as an old version or an
import would have, and calls the migration's function with the real app registry.
"""

import importlib

import pytest
from django.apps import apps
from django.db import connection

from kundenakte.core.models import NumberRange
from kundenakte.customers.models import Customer
from kundenakte.customers.tests.factories import make_customer, status

pytestmark = pytest.mark.django_db

migration = importlib.import_module(
    "kundenakte.customers.migrations.0009_customer_numbers_plain_digits"
)


@pytest.fixture
def unchecked_numbers():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA ignore_check_constraints = 1")
        else:
            cursor.execute(
                "ALTER TABLE customers_customer DROP CONSTRAINT customer_number_plain_digits"
            )
    yield
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA ignore_check_constraints = 0")


def _numbered(number: str) -> Customer:
    customer = make_customer(number=True)
    Customer.objects.filter(pk=customer.pk).update(number=number)
    return customer


def _after(customer: Customer) -> tuple:
    customer.refresh_from_db()
    return customer.number, customer.legacy_number, customer.status.name


def test_numbers_that_can_be_normalised_safely_are_normalised(unchecked_numbers):
    spaced, zeros = _numbered(" 10500 "), _numbered("0010600")
    migration.normalise_customer_numbers(apps, None)
    assert _after(spaced) == ("10500", "", "Kunde")
    assert _after(zeros) == ("10600", "", "Kunde")


def test_numbers_that_cannot_be_normalised_move_to_the_former_number(unchecked_numbers):
    kept = _numbered("10500")
    rows = [_numbered(bad) for bad in ("010500", "abc", "1e4", "2026-02-30", "0", "K-4711")]
    migration.normalise_customer_numbers(apps, None)
    assert _after(kept) == ("10500", "", "Kunde")
    assert [_after(c) for c in rows] == [
        (None, "010500", "Interessent"),
        (None, "abc", "Interessent"),
        (None, "1e4", "Interessent"),
        (None, "2026-02-30", "Interessent"),
        (None, "0", "Interessent"),
        (None, "K-4711", "Interessent"),
    ]


def test_plain_numbers_outside_the_range_stay_and_an_empty_number_becomes_none(
    unchecked_numbers,
):
    creditor, empty = _numbered("70000"), _numbered("  ")
    migration.normalise_customer_numbers(apps, None)
    assert _after(creditor) == ("70000", "", "Kunde")
    assert _after(empty) == (None, "", "Interessent")


def test_two_spellings_of_one_number_keep_the_first_customer(unchecked_numbers):
    first, second = _numbered("010700"), _numbered(" 10700")
    migration.normalise_customer_numbers(apps, None)
    assert _after(first) == ("10700", "", "Kunde")
    assert _after(second) == (None, "10700", "Interessent")


def test_a_former_numbered_status_of_a_moved_customer_is_left_for_a_prospect_status(
    unchecked_numbers,
):
    customer = _numbered("abc")
    Customer.objects.filter(pk=customer.pk).update(status=status("Ehemaliger Kunde"))
    migration.normalise_customer_numbers(apps, None)
    customer.refresh_from_db()
    customer.full_clean()  # number class and status class agree again


def test_the_reverse_puts_former_numbers_back_where_they_are_free(unchecked_numbers):
    customer = _numbered("K-4711")
    migration.normalise_customer_numbers(apps, None)
    migration.restore_customer_numbers(apps, None)
    assert _after(customer) == ("K-4711", "", "Kunde")


def test_the_customer_range_gets_the_debtor_end_and_loses_its_prefix():
    NumberRange.objects.filter(key="customer").update(prefix="K", end=None)
    migration.bound_customer_range(apps, None)
    number_range = NumberRange.objects.get(key="customer")
    assert (number_range.prefix, number_range.end) == ("", 69999)


def test_a_range_already_beyond_the_debtor_convention_stays_open():
    NumberRange.objects.filter(key="customer").update(start=100000, next_value=100500, end=None)
    migration.bound_customer_range(apps, None)
    assert NumberRange.objects.get(key="customer").end is None
