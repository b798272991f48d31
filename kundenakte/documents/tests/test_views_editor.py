"""Creating drafts and editing them: header, line items, German numbers, htmx and plain POSTs."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.utils import translation

from kundenakte.customers.tests.factories import make_customer, make_person
from kundenakte.documents.forms import parse_decimal
from kundenakte.documents.models import Document, LineItem
from kundenakte.documents.tests.factories import (
    Kind,
    make_delivery_note_draft,
    make_draft,
    make_invoice,
)

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def english_pages(settings):
    settings.LANGUAGE_CODE = "en"


def row(item, **values) -> dict:
    """The POST data of an item's row as the editor sends it, with `values` changed."""
    data = {
        "description": item.description,
        "quantity": str(item.quantity),
        "unit": item.unit,
        "unit_price": "" if item.unit_price is None else str(item.unit_price),
        "vat_rate": "" if item.vat_rate is None else str(item.vat_rate),
        "discount_percent": str(item.discount_percent),
    }
    data.update(values)
    return {f"item-{item.pk}-{name}": value for name, value in data.items()}


def new_item(**values) -> dict:
    data = {"description": "Montage", "quantity": "1", "unit": "Std", "unit_price": "50"}
    data.update(values)
    data.setdefault("vat_rate", "19.00")
    return {f"new-{name}": value for name, value in data.items()}


def descriptions(document) -> list[str]:
    return list(document.items.values_list("description", flat=True))


# --- German numbers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.234,56", D("1234.56")),
        ("1234,56", D("1234.56")),
        ("19", D("19")),
        ("2,5", D("2.5")),
        ("-3,5", D("-3.5")),
        ("12.50", D("12.50")),
        ("1,234.56", D("1234.56")),
        (" 1 234,50 € ", D("1234.50")),
        ("1.234.567,8", D("1234567.8")),
        ("1.500", D("1500")),
    ],
)
def test_numbers_are_read_the_german_way(text, value):
    with translation.override("de"):
        assert parse_decimal(text) == value


@pytest.mark.parametrize("text", ["abc", "1,2,3", "1.23.4", "12..5", "1.2345,6", "--1", "", "1e5"])
def test_what_is_not_a_number_is_refused(text):
    with pytest.raises(ValueError):
        parse_decimal(text)


# --- Creating a draft ----------------------------------------------------------------------------


def test_a_new_quote_for_a_given_customer_opens_the_editor(staff_client, staff_user):
    customer = make_customer(short_name="Gärtnerei Blum")
    page = staff_client.get(f"/documents/new/quotes/?customer={customer.pk}").content.decode()
    assert "Gärtnerei Blum" in page
    response = staff_client.post(
        "/documents/new/quotes/?next=/customers/", {"customer": customer.pk, "subject": "Beete"}
    )
    quote = Document.objects.get()
    assert (quote.kind, quote.customer, quote.subject, quote.created_by) == (
        Kind.QUOTE,
        customer,
        "Beete",
        staff_user,
    )
    assert response["Location"] == f"/documents/{quote.pk}/edit/?next=%2Fcustomers%2F"
    editor = staff_client.get(response["Location"]).content.decode()
    assert 'href="/customers/"' in editor  # "Done" returns to where the user came from


def test_without_a_customer_the_new_page_searches_one(staff_client):
    make_customer(short_name="Müller Metallbau", city="Leipzig")
    make_customer(short_name="Schulze")
    page = staff_client.get("/documents/new/invoices/?q=muller").content.decode()
    assert "Müller Metallbau" in page and "Schulze" not in page
    fragment = staff_client.get(
        "/documents/new/invoices/?q=muller", HTTP_HX_TARGET="customer-choices", **HTMX
    ).content.decode()
    assert fragment.lstrip().startswith('<fieldset id="customer-choices"')
    assert "Müller Metallbau" in fragment


def test_creating_without_a_customer_is_refused_with_a_message(staff_client):
    response = staff_client.post("/documents/new/invoices/", {"subject": "x"})
    assert response.status_code == 200
    assert "Choose a customer." in response.content.decode()
    assert not Document.objects.exists()


def test_no_new_cancellations_and_no_new_documents_of_a_module_switched_off(staff_client):
    from kundenakte.accounts.models import CompanySettings

    assert staff_client.get("/documents/new/cancellations/").status_code == 404
    CompanySettings.objects.update(delivery_notes_enabled=False)
    assert staff_client.get("/documents/new/delivery-notes/").status_code == 404


def test_an_evil_next_is_not_followed(staff_client):
    customer = make_customer()
    response = staff_client.post(
        "/documents/new/quotes/?next=https://evil.example/", {"customer": customer.pk}
    )
    assert "evil" not in response["Location"]


# --- The header -------------------------------------------------------------------------------


def test_the_editor_shows_header_items_and_totals(staff_client):
    draft = make_draft(subject="Dachreparatur")
    page = staff_client.get(f"/documents/{draft.pk}/edit/").content.decode()
    assert "Dachreparatur" in page
    assert 'id="item-' in page and 'id="new-item"' in page
    assert "119.00" in page  # gross
    assert "VAT 19 % on 100.00 €" in page
    assert "{#" not in page and "{%" not in page  # no template syntax leaks onto the page


def test_the_header_is_saved_by_a_plain_post(staff_client):
    draft = make_draft()
    person = make_person(draft.customer)
    response = staff_client.post(
        f"/documents/{draft.pk}/edit/",
        {
            "person": person.pk,
            "subject": "Neuer Betreff",
            "service_date": "01.03.2026",
            "service_period_end": "31.03.2026",
            "intro": "Hallo",
            "closing": "Danke",
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.subject, draft.person, draft.service_date, draft.service_period_end) == (
        "Neuer Betreff",
        person,
        date(2026, 3, 1),
        date(2026, 3, 31),
    )


def test_a_refused_header_change_gets_messages_on_its_fields_via_htmx(staff_client):
    draft = make_draft(subject="Alt")
    response = staff_client.post(
        f"/documents/{draft.pk}/edit/",
        {"subject": "Neu", "service_date": "31.03.2026", "service_period_end": "01.03.2026"},
        **HTMX,
    )
    page = response.content.decode()
    assert (
        '<div class="error" id="service_period_end-error" aria-live="polite" hx-swap-oob="true">'
        "The service period cannot end before it begins."
    ) in page
    assert "Not saved" in page
    draft.refresh_from_db()
    assert draft.subject == "Alt"


def test_moving_the_service_date_into_2020_offers_that_year_s_rates(staff_client):
    draft = make_draft()
    response = staff_client.post(
        f"/documents/{draft.pk}/edit/", {"service_date": "15.08.2020"}, **HTMX
    )
    page = response.content.decode()
    assert '<section id="items"' in page and 'value="16.00"' in page
    assert "This VAT rate does not apply on the service date" in page


def test_a_quote_has_valid_until_and_no_service_period(staff_client):
    quote = make_draft(kind=Kind.QUOTE)
    page = staff_client.get(f"/documents/{quote.pk}/edit/").content.decode()
    assert 'name="valid_until"' in page and 'name="service_period_end"' not in page


# --- Items via htmx ---------------------------------------------------------------------------


def test_an_item_is_added_with_htmx_and_the_items_come_back(staff_client):
    draft = make_draft(items=[])
    response = staff_client.post(
        f"/documents/{draft.pk}/items/",
        new_item(description="Fliesen", quantity="12,5", unit="m²", unit_price="1.234,56"),
        **HTMX,
    )
    item = LineItem.objects.get()
    assert (item.description, item.quantity, item.unit_price, item.vat_rate) == (
        "Fliesen",
        D("12.5"),
        D("1234.56"),
        D("19.00"),
    )
    page = response.content.decode()
    assert page.lstrip().startswith('<section id="items"')
    assert "15,432.00" in page  # the line's net, in the English page's format
    assert "autofocus" in page  # the cursor waits in the next item's description


def test_an_item_is_added_by_a_plain_post(staff_client):
    draft = make_draft(items=[])
    response = staff_client.post(f"/documents/{draft.pk}/items/", new_item(quantity="2"))
    assert response.status_code == 302
    assert response["Location"] == f"/documents/{draft.pk}/edit/#new-item"
    assert draft.items.get().quantity == 2


def test_a_bad_number_gets_a_message_on_its_field_and_nothing_is_saved(staff_client):
    draft = make_draft(items=[])
    response = staff_client.post(
        f"/documents/{draft.pk}/items/", new_item(unit_price="zwölf"), **HTMX
    )
    page = response.content.decode()
    assert "Enter a number, e.g. 1.234,56." in page
    assert 'value="zwölf"' in page  # what was typed stays to be corrected
    assert not LineItem.objects.exists()
    plain = staff_client.post(f"/documents/{draft.pk}/items/", new_item(quantity="1,2,3"))
    assert plain.status_code == 200 and "Enter a number" in plain.content.decode()
    assert not LineItem.objects.exists()


def test_too_many_decimals_and_a_discount_over_100_are_refused(staff_client):
    draft = make_draft(items=[])
    page = staff_client.post(
        f"/documents/{draft.pk}/items/", new_item(unit_price="1,999", discount_percent="150")
    ).content.decode()
    assert "no more than 2 decimal places" in page
    assert "less than or equal to 100" in page
    assert not LineItem.objects.exists()


def test_a_row_change_saves_and_answers_with_the_row_messages_and_totals(staff_client):
    draft = make_draft()
    item = draft.items.get()
    response = staff_client.post(
        f"/documents/items/{item.pk}/", row(item, quantity="3", discount_percent="10"), **HTMX
    )
    item.refresh_from_db()
    assert (item.quantity, item.discount_percent) == (3, 10)
    page = response.content.decode()
    assert f'id="item-{item.pk}-net" hx-swap-oob="true">270.00' in page
    assert 'id="document-totals" class="totals" hx-swap-oob="true"' in page
    assert "321.30" in page  # 270.00 + 19 % VAT
    assert "<textarea" not in page  # the row the user types in is not replaced


def test_a_bad_number_in_a_row_is_not_saved(staff_client):
    draft = make_draft()
    item = draft.items.get()
    response = staff_client.post(f"/documents/items/{item.pk}/", row(item, quantity="drei"), **HTMX)
    assert f'id="item-{item.pk}-quantity-error"' in response.content.decode()
    assert "Enter a number" in response.content.decode()
    item.refresh_from_db()
    assert item.quantity == 1
    plain = staff_client.post(f"/documents/items/{item.pk}/", row(item, quantity="drei"))
    assert plain.status_code == 200 and 'value="drei"' in plain.content.decode()


def test_a_vat_rate_not_offered_is_refused(staff_client):
    draft = make_draft()
    item = draft.items.get()
    page = staff_client.post(
        f"/documents/items/{item.pk}/", row(item, vat_rate="16"), **HTMX
    ).content.decode()
    assert "Choose one of the VAT rates offered." in page
    staff_client.post(f"/documents/items/{item.pk}/", row(item, vat_rate="7"), **HTMX)
    item.refresh_from_db()
    assert item.vat_rate == 7


def test_items_are_removed_with_htmx_and_by_plain_post(staff_client):
    draft = make_draft(items=[("1", "10", "19"), ("2", "20", "19"), ("3", "30", "7")])
    first, second, third = draft.items.all()
    response = staff_client.post(f"/documents/items/{second.pk}/remove/", **HTMX)
    assert response.content.decode().lstrip().startswith('<section id="items"')
    assert list(draft.items.values_list("pk", "position")) == [(first.pk, 1), (third.pk, 2)]
    response = staff_client.post(f"/documents/items/{first.pk}/remove/")
    assert response.status_code == 302
    assert list(draft.items.values_list("pk", flat=True)) == [third.pk]


def test_items_move_up_and_down_with_htmx_and_by_plain_post(staff_client):
    draft = make_draft(items=[("1", "10", "19"), ("2", "20", "19"), ("3", "30", "7")])
    a, b, c = (item.pk for item in draft.items.all())
    staff_client.post(f"/documents/items/{c}/move/", {"direction": "up"}, **HTMX)
    assert list(draft.items.values_list("pk", flat=True)) == [a, c, b]
    staff_client.post(f"/documents/items/{a}/move/", {"direction": "down"})
    assert list(draft.items.values_list("pk", flat=True)) == [c, a, b]
    staff_client.post(f"/documents/items/{c}/move/", {"direction": "up"})  # first stays first
    assert list(draft.items.values_list("pk", "position")) == [(c, 1), (a, 2), (b, 3)]


def test_a_delivery_note_has_items_without_prices(staff_client):
    note = make_delivery_note_draft()
    page = staff_client.get(f"/documents/{note.pk}/edit/").content.decode()
    assert "unit_price" not in page and "document-totals" not in page
    staff_client.post(
        f"/documents/{note.pk}/items/",
        {"new-description": "Palette Fliesen", "new-quantity": "4", "new-unit": "Stk"},
    )
    added = note.items.get(description="Palette Fliesen")
    assert (added.quantity, added.unit_price, added.vat_rate) == (4, None, None)


# --- Issued documents and permissions ------------------------------------------------------------


def test_an_issued_document_is_not_edited(staff_client):
    invoice = make_invoice()
    item = invoice.items.get()
    response = staff_client.get(f"/documents/{invoice.pk}/edit/", follow=True)
    assert response.redirect_chain[-1][0] == f"/documents/{invoice.pk}/"
    assert "can no longer be changed" in response.content.decode()
    response = staff_client.post(f"/documents/items/{item.pk}/", row(item, quantity="5"), **HTMX)
    assert response["HX-Redirect"] == f"/documents/{invoice.pk}/"
    for url in (f"/documents/items/{item.pk}/remove/", f"/documents/items/{item.pk}/move/"):
        assert staff_client.post(url).status_code == 302
    assert staff_client.post(f"/documents/{invoice.pk}/items/", new_item()).status_code == 302
    item.refresh_from_db()
    assert item.quantity == 1 and invoice.items.count() == 1


def test_read_only_users_cannot_create_or_edit(readonly_client):
    draft = make_draft()
    item = draft.items.get()
    customer = draft.customer
    for url in (f"/documents/new/quotes/?customer={customer.pk}", f"/documents/{draft.pk}/edit/"):
        assert readonly_client.get(url).status_code == 403
    for url in (
        "/documents/new/quotes/",
        f"/documents/{draft.pk}/edit/",
        f"/documents/{draft.pk}/items/",
        f"/documents/items/{item.pk}/",
        f"/documents/items/{item.pk}/remove/",
        f"/documents/items/{item.pk}/move/",
        f"/documents/{draft.pk}/delete/",
    ):
        assert readonly_client.post(url, {"customer": customer.pk}).status_code == 403, url
    assert draft.items.count() == 1


def test_a_draft_is_deleted_after_confirmation(staff_client):
    draft = make_draft()
    assert "Delete draft" in staff_client.get(f"/documents/{draft.pk}/delete/").content.decode()
    response = staff_client.post(f"/documents/{draft.pk}/delete/", {"next": "/customers/"})
    assert response["Location"] == "/customers/"
    assert not Document.objects.exists()


def test_an_issued_document_is_never_deleted(admin_client):
    invoice = make_invoice()
    response = admin_client.post(f"/documents/{invoice.pk}/delete/")
    assert response["Location"] == f"/documents/{invoice.pk}/"
    assert Document.objects.filter(pk=invoice.pk).exists()
