"""Exact customer counts per (archived, status, first letter), kept by triggers (see tally.py).

The tables and triggers are created by 0011_derived_tables_as_models now, which also replaces
them in databases that ran this migration before.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("customers", "0004_customer_search_index")]

    operations = []
