"""A substring index on the customer search text: FTS5 trigram on SQLite, pg_trgm on PostgreSQL."""

from django.db import migrations

from kundenakte.customers.search_index import search_index_drop, search_index_ensure


def create_search_index(apps, schema_editor):
    search_index_ensure(schema_editor.connection)


def drop_search_index(apps, schema_editor):
    search_index_drop(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("customers", "0003_customer_list_indexes")]

    operations = [migrations.RunPython(create_search_index, drop_search_index)]
