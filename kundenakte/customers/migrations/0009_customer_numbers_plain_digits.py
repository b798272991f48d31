"""Make every stored customer number a plain debtor account before 0010 enforces the format.

What can be normalised safely is (surrounding spaces, leading zeros, when the result is free);
anything else ("K-4711", "1e4", a second spelling of a number in use) moves to `legacy_number`,
where it stays searchable, and the customer joins the default status without number, so number
and status class agree (Customer.clean). Numbers that are plain digits but outside the range
stay: the range is a setting, and the settings page lists them for "Kundennummer vergeben".

The rules are spelled out here rather than imported, so the migration keeps meaning what it
meant when later code changes.
"""

import re

from django.db import migrations

PLAIN = re.compile(r"[1-9][0-9]*")
DIGITS = re.compile(r"[0-9]+")
WITH_NUMBER, WITHOUT_NUMBER = "with_number", "without_number"
# The debtor accounts of the 4-digit ledger convention (DATEV): 10000-69999.
DEBTOR_END = 69999


def _default_status(Status, kind):
    return Status.objects.filter(kind=kind).order_by("-is_default", "position", "id").first()


def _normalised(raw: str, taken: set) -> str | None:
    """The plain form of `raw` if it has one that is still free."""
    value = raw.strip()
    if not DIGITS.fullmatch(value):
        return None
    value = value.lstrip("0")
    return value if value and value not in taken else None


def normalise_customer_numbers(apps, schema_editor):
    Customer = apps.get_model("customers", "Customer")
    Status = apps.get_model("customers", "Status")
    rows = list(Customer.objects.exclude(number=None).order_by("id").values_list("id", "number"))
    taken = {number for _pk, number in rows if PLAIN.fullmatch(number)}
    prospect = None
    for pk, raw in rows:
        if PLAIN.fullmatch(raw):
            continue
        number = _normalised(raw, taken)
        if number is not None:
            taken.add(number)
            Customer.objects.filter(pk=pk).update(number=number)
            continue
        prospect = prospect or _default_status(Status, WITHOUT_NUMBER)
        Customer.objects.filter(pk=pk).update(number=None, legacy_number=raw.strip())
        Customer.objects.filter(pk=pk, status__kind=WITH_NUMBER).update(status=prospect)


def restore_customer_numbers(apps, schema_editor):
    """Back to the old rules: a former number returns where no one else has it."""
    Customer = apps.get_model("customers", "Customer")
    Status = apps.get_model("customers", "Status")
    taken = set(Customer.objects.exclude(number=None).values_list("number", flat=True))
    customer_status = _default_status(Status, WITH_NUMBER)
    former = Customer.objects.filter(number=None).exclude(legacy_number="").order_by("id")
    for pk, legacy in former.values_list("id", "legacy_number"):
        if legacy not in taken:
            taken.add(legacy)
            Customer.objects.filter(pk=pk).update(
                number=legacy, legacy_number="", status=customer_status
            )


def bound_customer_range(apps, schema_editor):
    """End the customer range where creditor accounts begin and drop any prefix or pattern: a
    debtor account is the plain number. A range set up beyond the convention stays open."""
    NumberRange = apps.get_model("core", "NumberRange")
    number_range = NumberRange.objects.filter(key="customer").first()
    if number_range is None:
        return
    number_range.prefix, number_range.pattern = "", "{prefix}{seq}"
    if number_range.start <= DEBTOR_END and number_range.next_value <= DEBTOR_END + 1:
        number_range.end = DEBTOR_END
    number_range.save(update_fields=["prefix", "pattern", "end"])


def open_customer_range(apps, schema_editor):
    apps.get_model("core", "NumberRange").objects.filter(key="customer").update(end=None)


class Migration(migrations.Migration):
    dependencies = [
        ("customers", "0008_customer_legacy_number"),
        ("core", "0003_number_range_end"),
    ]

    operations = [
        migrations.RunPython(normalise_customer_numbers, restore_customer_numbers),
        migrations.RunPython(bound_customer_range, open_customer_range),
    ]
