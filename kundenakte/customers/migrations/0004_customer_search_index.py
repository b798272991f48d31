"""A substring index on the customer search text: FTS5 trigram on SQLite, pg_trgm on PostgreSQL.

Its objects are created by 0011_derived_tables_as_models now, which also replaces them in
databases that ran this migration before.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("customers", "0003_customer_list_indexes")]

    operations = []
