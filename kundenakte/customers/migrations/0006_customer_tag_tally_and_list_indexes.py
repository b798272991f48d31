"""The per-tag tally (see tally.py) for databases that ran 0005 before it had one; a city index
that matches the list's order (city, then the name order); and the name order with the status
in the index, so that a class filter walks it without reading table rows."""

from django.db import migrations, models

from kundenakte.customers.tally import tally_ensure


def ensure_tallies(apps, schema_editor):
    tally_ensure(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("customers", "0005_customer_tally")]

    operations = [
        migrations.RemoveIndex(model_name="customer", name="customer_city_idx"),
        migrations.AddIndex(
            model_name="customer",
            index=models.Index(
                fields=["archived", "city", "initial", "sort_key", "id"], name="customer_city_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="customer",
            index=models.Index(
                fields=["archived", "initial", "sort_key", "id", "status"],
                name="customer_name_status_idx",
            ),
        ),
        migrations.RunPython(ensure_tallies, migrations.RunPython.noop),
    ]
