"""The duplicate check's name key (customers/matching.py), stored and indexed, and filled in for
every existing customer.

SQLite rebuilds the customer table to add the column, so the triggers on it and on the tag table
that read it are dropped first and created again at the end (see core/triggers.py).
"""

from django.db import migrations, models

from kundenakte.core.triggers import DropTriggers, Triggers
from kundenakte.customers import search_index, tag_members, tally

BATCH = 2000


def fill_name_keys(apps, schema_editor):
    from kundenakte.customers.matching import name_key

    Customer = apps.get_model("customers", "Customer")
    rows = Customer.objects.order_by("pk").values_list(
        "pk", "kind", "short_name", "company_name", "first_name", "last_name"
    )
    batch = []
    for pk, kind, short_name, company_name, first_name, last_name in rows.iterator(BATCH):
        if kind == "company":
            name = company_name or short_name
        else:
            name = " ".join(p for p in (first_name, last_name) if p) or short_name
        batch.append(Customer(pk=pk, name_key=name_key(name)))
        if len(batch) == BATCH:
            Customer.objects.bulk_update(batch, ["name_key"])
            batch = []
    Customer.objects.bulk_update(batch, ["name_key"])


class Migration(migrations.Migration):
    dependencies = [("customers", "0012_refresh_search_text")]

    operations = [
        DropTriggers(tally.triggers),
        DropTriggers(tag_members.triggers),
        DropTriggers(search_index.triggers),
        migrations.AddField(
            model_name="customer",
            name="name_key",
            field=models.CharField(db_index=True, default="", editable=False, max_length=120),
        ),
        Triggers(tally.triggers, "bc99e47dd23b"),
        Triggers(tag_members.triggers, "e45457bd228c"),
        Triggers(search_index.triggers, "b8e45a6844af"),
        migrations.RunPython(fill_name_keys, migrations.RunPython.noop, elidable=True),
    ]
