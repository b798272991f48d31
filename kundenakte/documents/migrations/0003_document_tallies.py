"""Document counts and net revenue per customer, kept by triggers (see documents/revenue.py)."""

from django.db import migrations

from kundenakte.documents.revenue import revenue_drop, revenue_ensure


def create_document_tallies(apps, schema_editor):
    revenue_ensure(schema_editor.connection)


def drop_document_tallies(apps, schema_editor):
    revenue_drop(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("documents", "0002_seed_vat_rates_and_number_ranges")]

    operations = [migrations.RunPython(create_document_tallies, drop_document_tallies)]
