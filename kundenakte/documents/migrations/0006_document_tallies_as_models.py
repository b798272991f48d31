"""The document tallies become models, their triggers versioned (documents/revenue.py).

Until now a post_migrate hook created them outside the migrations. This migration replaces
whatever a database holds with the objects a new database gets: it drops the old triggers and
tables, lets Django create the tables, creates the triggers and fills the tables once, in the
migration's transaction.
"""

from django.db import migrations, models

from kundenakte.core.triggers import DropTriggers, Triggers, refill
from kundenakte.documents import revenue


def drop_old_tables(apps, schema_editor):
    for table in ("documents_revenue_month", "documents_customer_count"):
        schema_editor.execute(f"DROP TABLE IF EXISTS {table}")


def fill(apps, schema_editor):
    refill(schema_editor, revenue.REFILL)


class Migration(migrations.Migration):
    dependencies = [("documents", "0005_kind_choices_from_registry")]

    operations = [
        DropTriggers(revenue.triggers, restore=False),
        migrations.RunPython(drop_old_tables, migrations.RunPython.noop),
        migrations.CreateModel(
            name="CustomerDocumentCount",
            fields=[
                (
                    "pk",
                    models.CompositePrimaryKey(
                        "customer_id",
                        "kind",
                        "status",
                        blank=True,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                    ),
                ),
                ("customer_id", models.BigIntegerField()),
                ("kind", models.CharField(max_length=20)),
                ("status", models.CharField(max_length=20)),
                ("n", models.BigIntegerField()),
            ],
            options={"db_table": "documents_customer_count"},
        ),
        migrations.CreateModel(
            name="RevenueMonth",
            fields=[
                (
                    "pk",
                    models.CompositePrimaryKey(
                        "customer_id",
                        "month",
                        blank=True,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                    ),
                ),
                ("customer_id", models.BigIntegerField()),
                ("month", models.CharField(max_length=7)),
                ("cents", models.BigIntegerField()),
            ],
            options={"db_table": "documents_revenue_month"},
        ),
        Triggers(revenue.triggers, "55e78dc8c3eb"),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
