from datetime import date
from decimal import Decimal

from django.db import migrations

# Seeded in German: these are data the firm may rename, not interface text.
# (rate, label, valid from, valid to). The second half of 2020 had 16 % and 5 % (temporary cut
# by the Zweites Corona-Steuerhilfegesetz); 0 % applies to small solar installations since 2023
# (§ 12 Abs. 3 UStG).
VAT_RATES = [
    ("19.00", "Regelsteuersatz", date(2007, 1, 1), date(2020, 6, 30)),
    ("7.00", "Ermäßigter Steuersatz", date(2007, 1, 1), date(2020, 6, 30)),
    ("16.00", "Regelsteuersatz (2. Hj. 2020)", date(2020, 7, 1), date(2020, 12, 31)),
    ("5.00", "Ermäßigter Steuersatz (2. Hj. 2020)", date(2020, 7, 1), date(2020, 12, 31)),
    ("19.00", "Regelsteuersatz", date(2021, 1, 1), None),
    ("7.00", "Ermäßigter Steuersatz", date(2021, 1, 1), None),
    ("0.00", "Nullsteuersatz (§ 12 Abs. 3 UStG)", date(2023, 1, 1), None),
]

# (key, label, prefix): numbers such as RE-2026-00001; the prefix stays editable in the settings.
NUMBER_RANGES = [
    ("quote", "Angebote", "AN"),
    ("invoice", "Rechnungen", "RE"),
    ("delivery_note", "Lieferscheine", "LS"),
    ("cancellation", "Stornorechnungen", "ST"),
]
PATTERN = "{prefix}-{year}-{seq:05}"


def seed(apps, schema_editor):
    VatRate = apps.get_model("documents", "VatRate")
    NumberRange = apps.get_model("core", "NumberRange")
    for rate, label, valid_from, valid_to in VAT_RATES:
        VatRate.objects.get_or_create(
            rate=Decimal(rate),
            valid_from=valid_from,
            defaults={"label": label, "valid_to": valid_to},
        )
    for key, label, prefix in NUMBER_RANGES:
        NumberRange.objects.get_or_create(
            key=key,
            defaults={
                "label": label,
                "prefix": prefix,
                "pattern": PATTERN,
                "start": 1,
                "next_value": 1,
                "yearly_restart": True,
            },
        )


def unseed(apps, schema_editor):
    apps.get_model("documents", "VatRate").objects.all().delete()
    keys = [key for key, _label, _prefix in NUMBER_RANGES]
    apps.get_model("core", "NumberRange").objects.filter(key__in=keys).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0001_documents_items_payments_vat_rates"),
        ("core", "0001_number_range"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
