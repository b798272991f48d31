"""A city index
that matches the list's order (city, then the name order); and the name order with the status
in the index, so that a class filter walks it without reading table rows."""

from django.db import migrations, models

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
    ]
