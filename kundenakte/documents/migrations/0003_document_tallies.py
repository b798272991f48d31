"""Document counts and net revenue per customer, kept by triggers (see documents/revenue.py).

The tables and triggers are created by 0006_document_tallies_as_models now, which also replaces
them in databases that ran this migration before.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("documents", "0002_seed_vat_rates_and_number_ranges")]

    operations = []
