from django.db import migrations, models

# The derived objects' triggers as 0007 left them. Those on the tag links read the customer
# table, and SQLite's rebuild of it (copy, drop, rename) fails while they exist; 0011 creates
# them all again. Spelled out so the migration keeps meaning what it meant.
SQLITE_TRIGGERS = (
    "customers_tally_ai",
    "customers_tally_ad",
    "customers_tally_au",
    "customers_tag_tally_ai",
    "customers_tag_tally_ad",
    "customers_tag_tally_au",
    "customers_tag_member_ai",
    "customers_tag_member_ad",
    "customers_tag_member_au",
    "customers_tag_member_cd",
    "customers_customer_fts_ai",
    "customers_customer_fts_ad",
    "customers_customer_fts_au",
)


def drop_triggers_on_sqlite(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for name in SQLITE_TRIGGERS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")


class Migration(migrations.Migration):
    # Its own migration, after the data migration 0009: PostgreSQL refuses to alter a table
    # with pending trigger events from rows changed in the same transaction.
    dependencies = [
        ("customers", "0009_customer_numbers_plain_digits"),
    ]

    operations = [
        migrations.RunPython(drop_triggers_on_sqlite, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="customer",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("number__isnull", True),
                    ("number__regex", "\\A[1-9][0-9]*\\Z"),
                    _connector="OR",
                ),
                name="customer_number_plain_digits",
                violation_error_message=(
                    "A customer number consists of digits only and does not start with 0."
                ),
            ),
        ),
    ]
