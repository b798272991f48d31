"""An index of the customer–tag links by tag, then customer: a tag's customers are read from it
alone. The implicit index on tag_id points to the link rows, so listing the 13,000 customers of
a common tag fetched each row for its customer id, and PostgreSQL scanned the table's heap."""

from django.db import migrations

INDEX = "customer_tag_customer_idx"


class Migration(migrations.Migration):
    dependencies = [("customers", "0006_customer_tag_tally_and_list_indexes")]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX {INDEX} ON customers_customer_tags (tag_id, customer_id)",
            f"DROP INDEX {INDEX}",
        ),
    ]
