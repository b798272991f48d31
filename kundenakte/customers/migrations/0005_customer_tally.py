"""Exact customer counts per (archived, status, first letter), kept by triggers (see tally.py)."""

from django.db import migrations

from kundenakte.customers.tally import tally_drop, tally_ensure


def create_tally(apps, schema_editor):
    tally_ensure(schema_editor.connection)


def drop_tally(apps, schema_editor):
    tally_drop(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("customers", "0004_customer_search_index")]

    operations = [migrations.RunPython(create_tally, drop_tally)]
