"""The reference data's change counter and its triggers (see kundenakte/core/generation.py)."""

from django.db import migrations

from kundenakte.core import generation


def create_counter(apps, schema_editor):
    generation.ensure(schema_editor.connection)


def drop_counter(apps, schema_editor):
    generation.drop(schema_editor.connection)


class Migration(migrations.Migration):
    # Every table the counter watches must exist before its triggers can be made.
    dependencies = [
        ("core", "0001_number_range"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("sessions", "0001_initial"),
        ("accounts", "0003_company_logo"),
        ("customers", "0007_customer_tag_covering_index"),
    ]

    operations = [migrations.RunPython(create_counter, drop_counter)]
