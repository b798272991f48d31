"""The reference data's change counter (see kundenakte/core/generation.py).

The table and its triggers are created by 0004_generation_model now, which also replaces them in
databases that ran this migration before.
"""

from django.db import migrations


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

    operations = []
