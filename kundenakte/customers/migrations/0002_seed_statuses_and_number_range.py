from django.db import migrations

# Seeded in German: these are data the firm renames as it likes, not interface text.
STATUSES = [
    ("Interessent", "without_number", "#d97706", 1, True),
    ("Kunde", "with_number", "#15803d", 1, True),
    ("Ehemaliger Kunde", "with_number", "#64748b", 2, False),
]


def seed(apps, schema_editor):
    Status = apps.get_model("customers", "Status")
    NumberRange = apps.get_model("core", "NumberRange")
    for name, kind, color, position, is_default in STATUSES:
        Status.objects.get_or_create(
            name=name,
            defaults={"kind": kind, "color": color, "position": position, "is_default": is_default},
        )
    # DATEV debtor accounts run from 10000 to 69999.
    NumberRange.objects.get_or_create(
        key="customer",
        defaults={"label": "Kundennummern", "pattern": "{prefix}{seq}", "start": 10000, "next_value": 10000},
    )


def unseed(apps, schema_editor):
    apps.get_model("customers", "Status").objects.filter(name__in=[s[0] for s in STATUSES]).delete()
    apps.get_model("core", "NumberRange").objects.filter(key="customer").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("customers", "0001_customers_statuses_tags_persons"),
        ("core", "0001_number_range"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
