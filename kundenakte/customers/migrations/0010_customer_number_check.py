from django.db import migrations, models

from kundenakte.customers.search_index import search_index_ensure
from kundenakte.customers.tally import tally_drop, tally_ensure


def drop_tallies_on_sqlite(apps, schema_editor):
    """SQLite rebuilds the customer table for this change (copy, drop, rename). The tally
    triggers on the tag links read that table and would fail the rename: they go first and come
    back, recounted, afterwards."""
    if schema_editor.connection.vendor == "sqlite":
        tally_drop(schema_editor.connection)


def restore_database_objects(apps, schema_editor):
    search_index_ensure(schema_editor.connection)
    tally_ensure(schema_editor.connection)


class Migration(migrations.Migration):
    # Its own migration, after the data migration 0009: PostgreSQL refuses to alter a table
    # with pending trigger events from rows changed in the same transaction.
    dependencies = [
        ("customers", "0009_customer_numbers_plain_digits"),
    ]

    operations = [
        migrations.RunPython(drop_tallies_on_sqlite, restore_database_objects),
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
        migrations.RunPython(restore_database_objects, drop_tallies_on_sqlite),
    ]
