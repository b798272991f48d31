"""The change counter becomes a model, its triggers versioned (kundenakte/core/generation.py).

Until now a post_migrate hook created them outside the migrations. This migration replaces
whatever a database holds with what a new database gets. The counter starts at a random value,
so a counter created again never repeats an old one.
"""

import secrets

from django.db import migrations, models

from kundenakte.core import generation
from kundenakte.core.triggers import DropTriggers, Triggers


def start_counter(apps, schema_editor):
    apps.get_model("core", "Generation").objects.create(id=1, value=secrets.randbits(62))


class Migration(migrations.Migration):
    # Every table the counter watches must exist before its triggers can be made.
    dependencies = [
        ("core", "0003_number_range_end"),
        ("customers", "0011_derived_tables_as_models"),
    ]

    operations = [
        DropTriggers(generation.triggers, restore=False),
        migrations.RunSQL(
            [
                "DROP TABLE IF EXISTS core_generation",
                "CREATE TABLE core_generation (id integer NOT NULL PRIMARY KEY,"
                " value bigint NOT NULL)",
            ],
            "DROP TABLE core_generation",
        ),
        migrations.CreateModel(
            name="Generation",
            fields=[
                ("id", models.IntegerField(primary_key=True, serialize=False)),
                ("value", models.BigIntegerField()),
            ],
            options={"db_table": "core_generation", "managed": False},
        ),
        migrations.RunPython(start_counter, migrations.RunPython.noop),
        Triggers(generation.triggers, "886abbc18fad"),
    ]
