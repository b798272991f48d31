"""The customer tallies and tag members become models; their triggers and the search index are
versioned here.

Until now post_migrate hooks created these objects outside the migrations. This migration
replaces whatever a database holds with the same objects a new database gets: it drops the old
triggers and tables, lets Django create the tables from the models, creates the triggers
(kundenakte.core.triggers) and fills the tables once, all in the migration's transaction.
"""

from django.db import migrations, models

from kundenakte.core.triggers import DropTriggers, Triggers, refill
from kundenakte.customers import search_index, tag_members, tally

# Spelled out here, so the migration keeps meaning what it meant. The search index is no model:
# it is an index, as PostgreSQL's GIN index is, and dumpdata would fail on PostgreSQL for a model
# whose table only SQLite has (dumpdata ignores Meta.required_db_vendor), or double the index on
# loaddata on SQLite.
OLD_TABLES = ("customers_customer_tally", "customers_customer_tag_tally", "customers_customer_tag_member")
SEARCH_INDEX = {
    "sqlite": (
        [
            "DROP TABLE IF EXISTS customers_customer_fts",
            "CREATE VIRTUAL TABLE customers_customer_fts USING fts5(search_text,"
            " content='customers_customer', content_rowid='id', tokenize='trigram')",
        ],
        ["DROP TABLE IF EXISTS customers_customer_fts"],
    ),
    "postgresql": (
        [
            "CREATE EXTENSION IF NOT EXISTS pg_trgm",
            "DROP INDEX IF EXISTS customer_search_trgm",
            "CREATE INDEX customer_search_trgm ON customers_customer"
            " USING gin (search_text gin_trgm_ops)",
        ],
        ["DROP INDEX IF EXISTS customer_search_trgm"],
    ),
}


def drop_old_tables(apps, schema_editor):
    for table in OLD_TABLES:
        schema_editor.execute(f"DROP TABLE IF EXISTS {table}")


def create_search_index(apps, schema_editor):
    for sql in SEARCH_INDEX[schema_editor.connection.vendor][0]:
        schema_editor.execute(sql)


def drop_search_index(apps, schema_editor):
    for sql in SEARCH_INDEX[schema_editor.connection.vendor][1]:
        schema_editor.execute(sql)


def fill(apps, schema_editor):
    refill(schema_editor, tally.REFILL, tag_members.REFILL, search_index.REFILL)


class Migration(migrations.Migration):
    dependencies = [("customers", "0010_customer_number_check")]

    operations = [
        DropTriggers(tally.triggers, restore=False),
        DropTriggers(tag_members.triggers, restore=False),
        DropTriggers(search_index.triggers, restore=False),
        migrations.RunPython(drop_old_tables, migrations.RunPython.noop),
        migrations.RunPython(create_search_index, drop_search_index),
        migrations.CreateModel(
            name="CustomerTagTally",
            fields=[
                (
                    "pk",
                    models.CompositePrimaryKey(
                        "tag_id",
                        "archived",
                        "status_id",
                        "initial",
                        blank=True,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                    ),
                ),
                ("tag_id", models.BigIntegerField()),
                ("archived", models.BooleanField()),
                ("status_id", models.BigIntegerField()),
                ("initial", models.CharField(max_length=1)),
                ("n", models.BigIntegerField()),
            ],
            options={"db_table": "customers_customer_tag_tally"},
        ),
        migrations.CreateModel(
            name="CustomerTally",
            fields=[
                (
                    "pk",
                    models.CompositePrimaryKey(
                        "archived",
                        "status_id",
                        "initial",
                        blank=True,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                    ),
                ),
                ("archived", models.BooleanField()),
                ("status_id", models.BigIntegerField()),
                ("initial", models.CharField(max_length=1)),
                ("n", models.BigIntegerField()),
            ],
            options={"db_table": "customers_customer_tally"},
        ),
        migrations.CreateModel(
            name="CustomerTagMember",
            fields=[
                (
                    "pk",
                    models.CompositePrimaryKey(
                        "tag_id",
                        "archived",
                        "status_id",
                        "initial",
                        "customer_id",
                        blank=True,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                    ),
                ),
                ("tag_id", models.BigIntegerField()),
                ("archived", models.BooleanField()),
                ("status_id", models.BigIntegerField()),
                ("initial", models.CharField(max_length=1)),
                ("customer_id", models.BigIntegerField()),
            ],
            options={
                "db_table": "customers_customer_tag_member",
                "indexes": [
                    models.Index(fields=["customer_id"], name="customer_tag_member_customer")
                ],
            },
        ),
        Triggers(tally.triggers, "bc99e47dd23b"),
        Triggers(tag_members.triggers, "e45457bd228c"),
        Triggers(search_index.triggers, "b8e45a6844af"),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
