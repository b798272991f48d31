import importlib

import pytest
from django.utils import translation

from kundenakte.accounts.models import CompanySettings

SELLER = {
    "company_name": "Tischlerei Holzwurm GmbH",
    "street": "Werkstraße 5",
    "postal_code": "04109",
    "city": "Leipzig",
    "phone": "+49 341 123456",
    "email": "info@holzwurm.example",
    "vat_id": "DE136695976",
    "tax_number": "231/123/45678",
    "iban": "DE89370400440532013000",
    "bic": "COBADEFFXXX",
    "bank_name": "Commerzbank",
}


@pytest.fixture(autouse=True)
def english():
    """Messages are matched by their English msgid, whatever the German catalogue says."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def company(request):
    """Company settings with everything an invoice needs (§ 14 Abs. 4 Nr. 1, 2 UStG)."""
    if request.node.get_closest_marker("django_db") is None:
        return None  # the pure arithmetic tests need no database
    settings = CompanySettings.load()
    for name, value in SELLER.items():
        setattr(settings, name, value)
    settings.full_clean()
    settings.save()
    return settings


@pytest.fixture
def seeded_documents(transactional_db):
    """The rows the data migrations seed, again: a transactional test's flush removes them."""
    from django.apps import apps

    for module in (
        "kundenakte.customers.migrations.0002_seed_statuses_and_number_range",
        "kundenakte.documents.migrations.0002_seed_vat_rates_and_number_ranges",
    ):
        importlib.import_module(module).seed(apps, None)
