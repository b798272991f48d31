"""The search text of every customer rebuilt from the fields customers.search_text names: the
customer numbers moved to `legacy_number` by 0009 become findable, and from here on a migration
that makes a field searchable ends with the same step (see customers.search_text)."""

from django.db import migrations

from kundenakte.customers.search_text import RefreshSearchText


class Migration(migrations.Migration):
    dependencies = [("customers", "0011_derived_tables_as_models")]

    operations = [
        RefreshSearchText(
            (
                "number",
                "legacy_number",
                "short_name",
                "company_name",
                "company_name_2",
                "first_name",
                "last_name",
                "postal_code",
                "city",
                "email",
                "phone",
                "mobile",
            )
        ),
    ]
