"""A document kind is one entry of documents.kinds: a new one shows up in every place.

The new kind here is an order confirmation (Auftragsbestätigung), a quote-like kind without
revenue. It is added to the registry for the test, with what its migration would do: the
status constraint that admits it (generated from the registry) and its number range.
"""

import pytest
from django.db import connection
from django.utils.translation import gettext_lazy

from kundenakte.core.models import NumberRange
from kundenakte.customers import file
from kundenakte.customers.tests.factories import make_customer
from kundenakte.documents import kinds, services
from kundenakte.documents.customer_file import kind_new_entry, kind_tab
from kundenakte.documents.models import Document
from kundenakte.documents.models.document import status_fits_kind
from kundenakte.documents.tests.factories import make_draft, make_invoice, make_quote
from kundenakte.documents.tests.test_pdf import pdf_text

pytestmark = pytest.mark.django_db

ORDER_CONFIRMATION = kinds.DocumentKind(
    key="order_confirmation",
    label=gettext_lazy("Order confirmation"),
    plural=gettext_lazy("Order confirmations"),
    slug="order-confirmations",
    statuses=(kinds.DRAFT, kinds.SENT),
    number_range="order_confirmation",
    number_prefix="AB",
    module="quotes_enabled",
    order=15,
    new_label=gettext_lazy("New order confirmation"),
    empty_text=gettext_lazy("No order confirmations yet."),
    create_text=gettext_lazy("Create an order confirmation"),
    module_off_text=gettext_lazy("Quotes are switched off in the settings."),
    dates=("service_date",),
    pdf=kinds.PdfWording(
        title="Auftragsbestätigung",
        number_label="Auftragsnummer",
        intro="vielen Dank für Ihren Auftrag, den wir hiermit bestätigen:",
    ),
)


def _admit_in_database(constraint) -> None:
    """What the kind's migration does to the status constraint, inside the test's transaction
    (PostgreSQL rolls it back). SQLite cannot alter a table inside a transaction; it is told to
    skip CHECK constraints for the test instead."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA ignore_check_constraints = ON")
        return
    with connection.schema_editor() as editor:
        editor.remove_constraint(Document, constraint)
        editor.add_constraint(Document, status_fits_kind())


@pytest.fixture
def new_kind(monkeypatch):
    monkeypatch.setitem(kinds.KINDS, ORDER_CONFIRMATION.key, ORDER_CONFIRMATION)
    # The customer file's tabs and "Neu" entries are registered once, at start-up, from the
    # registry (customer_file.register_customer_file_parts); the test adds the new kind's.
    monkeypatch.setattr(file, "_tabs", [*file._tabs, kind_tab(ORDER_CONFIRMATION)])
    monkeypatch.setattr(file, "_entries", [*file._entries, kind_new_entry(ORDER_CONFIRMATION)])
    # The model's constraint as the source would say it (full_clean() checks it too).
    old = next(c for c in Document._meta.constraints if c.name == status_fits_kind().name)
    constraints = [status_fits_kind() if c is old else c for c in Document._meta.constraints]
    monkeypatch.setattr(Document._meta, "constraints", constraints)
    _admit_in_database(old)
    NumberRange.objects.create(
        key="order_confirmation", label="Auftragsbestätigungen", prefix="AB", pattern="{seq}"
    )
    yield ORDER_CONFIRMATION
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA ignore_check_constraints = OFF")


@pytest.fixture
def draft(new_kind):
    customer = make_customer(short_name="Hofmann")
    return make_draft(kind=new_kind.key, customer=customer, subject="Einbauschrank")


def test_a_new_document_kind_renders_in_every_place(staff_client, draft):
    customer = draft.customer
    pages = {
        "customer file": f"/customers/{customer.pk}/",
        "its tab": f"/customers/{customer.pk}/order-confirmations/",
        "its list": "/documents/order-confirmations/",
        "its list for the customer": f"/documents/order-confirmations/?customer={customer.pk}",
        "the document": f"/documents/{draft.pk}/",
        "its editor": f"/documents/{draft.pk}/edit/",
        "its new page": "/documents/new/order-confirmations/",
    }
    for name, url in pages.items():
        response = staff_client.get(url)
        assert response.status_code == 200, name
        assert "Order confirmation" in response.content.decode(), name


def test_a_new_kind_has_its_tab_with_its_count_and_a_neu_entry(staff_client, draft):
    page = staff_client.get(f"/customers/{draft.customer.pk}/").content.decode()
    assert f'href="/customers/{draft.customer.pk}/order-confirmations/"' in page
    assert "/documents/new/order-confirmations/?customer=" in page  # the "Neu" menu
    assert 'href="/documents/order-confirmations/"' in page  # the main navigation
    tab = staff_client.get(f"/customers/{draft.customer.pk}/order-confirmations/")
    assert "Einbauschrank" in tab.content.decode()


def test_a_new_kind_prints_its_own_words(staff_client, draft):
    response = staff_client.get(f"/documents/{draft.pk}/pdf/")
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "Auftragsbestätigung" in text
    assert "Auftragsnummer" in text
    assert "den wir hiermit bestätigen" in text


def test_a_new_kind_without_revenue_leaves_revenue_and_open_items_alone(staff_client, new_kind):
    customer = make_customer(short_name="Hofmann")
    make_invoice(customer=customer)
    make_quote(customer=customer)
    services.document_create_draft(user=None, customer=customer, kind=new_kind.key)
    page = staff_client.get(f"/customers/{customer.pk}/")
    assert page.status_code == 200
    assert kinds.revenue_kinds() == ("invoice", "cancellation")
    assert kinds.receivable_kinds() == ("invoice",)


def test_a_new_kind_is_switched_off_with_its_module(staff_client, draft, company):
    company.quotes_enabled = False
    company.save()
    assert staff_client.get("/documents/order-confirmations/").status_code == 404
    assert (
        staff_client.get(f"/customers/{draft.customer.pk}/order-confirmations/").status_code == 404
    )
    page = staff_client.get(f"/customers/{draft.customer.pk}/").content.decode()
    assert "order-confirmations" not in page


def test_a_kind_listed_with_another_has_no_tab_of_its_own(staff_client):
    customer = make_customer()
    assert staff_client.get(f"/customers/{customer.pk}/cancellations/").status_code == 404
    assert staff_client.get(f"/customers/{customer.pk}/invoices/").status_code == 200


def test_every_kind_has_its_number_range_after_migrating():
    """A kind added without the migration that seeds its number range fails here."""
    keys = set(NumberRange.objects.values_list("key", flat=True))
    assert {kind.number_range for kind in kinds.KINDS.values()} <= keys


def test_the_status_constraint_is_generated_from_the_registry():
    """A kind added without its migration leaves the model's constraint and the registry apart:
    `makemigrations --check` fails in CI, and this test names the reason."""
    (constraint,) = [c for c in Document._meta.constraints if c.name == status_fits_kind().name]
    assert constraint == status_fits_kind()


def test_the_document_kind_choices_are_the_registry():
    assert [value for value, _label in Document._meta.get_field("kind").choices] == list(
        kinds.KINDS
    )
