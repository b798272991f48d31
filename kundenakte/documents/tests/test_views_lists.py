"""The document lists: one per kind, filtered in the URL, updated in place by htmx."""

from datetime import timedelta
from decimal import Decimal as D

import pytest
from django.utils import timezone

from kundenakte.accounts.models import CompanySettings
from kundenakte.customers.tests.factories import make_customer
from kundenakte.documents import services
from kundenakte.documents.tests.factories import Kind, make_draft, make_invoice, make_quote

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "document-list"}


@pytest.fixture(autouse=True)
def english_pages(settings):
    """Pages in English, so the tests match the msgids whatever the German catalogue says."""
    settings.LANGUAGE_CODE = "en"


def today():
    return timezone.localdate()


def numbers(response) -> list[str]:
    return [d.number for d in response.context["page"].object_list]


def test_the_invoice_list_shows_number_customer_amounts_and_status(staff_client):
    customer = make_customer(short_name="Bäckerei Kern")
    invoice = make_invoice(customer=customer, subject="Brötchenregal", today=today())
    services.payment_record(invoice=invoice, amount=D("19.00"), date=today(), user=None)
    page = staff_client.get("/documents/invoices/").content.decode()
    assert invoice.number in page
    assert "Bäckerei Kern" in page and f'href="/customers/{customer.pk}/"' in page
    assert "Brötchenregal" in page
    assert "119.00" in page and "100.00" in page  # gross and open amount
    assert "Issued" in page


def test_each_kind_lists_only_its_own_documents(staff_client):
    quote, invoice = make_quote(), make_invoice()
    assert numbers(staff_client.get("/documents/quotes/")) == [quote.number]
    assert numbers(staff_client.get("/documents/invoices/")) == [invoice.number]
    assert numbers(staff_client.get("/documents/delivery-notes/")) == []
    assert staff_client.get("/documents/cancellations/").status_code == 200


def test_drafts_are_listed_without_number(staff_client):
    draft = make_draft(kind=Kind.QUOTE)
    response = staff_client.get("/documents/quotes/")
    assert [d.pk for d in response.context["page"]] == [draft.pk]
    assert "Draft" in response.content.decode()


def test_the_status_filter(staff_client):
    sent = make_quote()
    accepted = services.quote_accept(quote=make_quote())
    make_draft(kind=Kind.QUOTE)
    assert numbers(staff_client.get("/documents/quotes/?status=accepted")) == [accepted.number]
    assert numbers(staff_client.get("/documents/quotes/?status=sent")) == [sent.number]


def test_the_customer_filter_takes_an_id_a_customer_number_or_a_name(staff_client):
    mine = make_customer(short_name="Müller Metallbau")
    invoice = make_invoice(customer=mine)
    make_invoice(customer=make_customer(short_name="Schreinerei Holz"))
    mine.refresh_from_db()  # the invoice gave it its number
    for value in (str(mine.pk), mine.number, "muller", "Müller Metall"):
        response = staff_client.get("/documents/invoices/", {"customer": value})
        assert numbers(response) == [invoice.number], value


def test_the_date_range_accepts_german_and_iso_dates(staff_client):
    old = make_invoice(today=today() - timedelta(days=40))
    new = make_invoice(today=today())
    since = (today() - timedelta(days=10)).strftime("%d.%m.%Y")
    assert numbers(staff_client.get("/documents/invoices/", {"date_from": since})) == [new.number]
    until = (today() - timedelta(days=10)).isoformat()
    assert numbers(staff_client.get("/documents/invoices/", {"date_to": until})) == [old.number]


def test_a_bad_date_is_ignored_with_a_message(staff_client):
    invoice = make_invoice()
    response = staff_client.get("/documents/invoices/", {"date_from": "31.02.2026"})
    assert response.status_code == 200
    assert numbers(response) == [invoice.number]
    assert "Enter a valid date." in response.content.decode()
    assert "This filter was ignored." in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"status": "paid-ish"},
        {"customer": "\x00"},
        {"customer": "9" * 30},
        {"page": "x"},
        {"page": "99999"},
        {"date_to": "2026-13-01"},
        {"overdue": "maybe"},
    ],
)
def test_bad_parameters_never_fail_the_list(staff_client, params):
    make_invoice()
    assert staff_client.get("/documents/invoices/", params).status_code == 200


def test_overdue_invoices_are_marked_and_can_be_filtered(staff_client):
    overdue = make_invoice(today=today() - timedelta(days=60))
    make_invoice(today=today())
    paid = make_invoice(today=today() - timedelta(days=60))
    services.payment_record(invoice=paid, amount=D("119.00"), date=today(), user=None)
    response = staff_client.get("/documents/invoices/?overdue=on")
    assert numbers(response) == [overdue.number]
    assert "Overdue" in response.content.decode()


def test_htmx_gets_only_the_results(staff_client):
    invoice = make_invoice()
    response = staff_client.get("/documents/invoices/", **HTMX)
    page = response.content.decode()
    assert invoice.number in page
    assert page.lstrip().startswith('<div id="document-list"')
    assert "<html" not in page
    assert "HX-Request" in response["Vary"]


def test_the_list_has_pages_of_fifty(staff_client):
    customer = make_customer()
    for _ in range(51):
        make_draft(customer=customer, items=[])
    first = staff_client.get("/documents/invoices/")
    assert len(first.context["page"].object_list) == 50
    assert "page=2" in first.content.decode()
    second = staff_client.get("/documents/invoices/?page=2")
    assert len(second.context["page"].object_list) == 1


def test_the_list_costs_the_same_few_queries_for_many_documents(
    staff_client, django_assert_max_num_queries
):
    for _ in range(30):
        make_invoice(customer=make_customer())
    with django_assert_max_num_queries(9):
        response = staff_client.get("/documents/invoices/")
    assert len(response.context["page"].object_list) == 30


@pytest.mark.parametrize(
    ("flag", "url"),
    [
        ("quotes_enabled", "/documents/quotes/"),
        ("invoices_enabled", "/documents/invoices/"),
        ("invoices_enabled", "/documents/cancellations/"),
        ("delivery_notes_enabled", "/documents/delivery-notes/"),
    ],
)
def test_a_module_switched_off_answers_404(staff_client, flag, url):
    assert staff_client.get(url).status_code == 200
    CompanySettings.objects.update(**{flag: False})
    assert staff_client.get(url).status_code == 404


def test_the_navigation_shows_the_modules_that_are_on(readonly_client):
    page = readonly_client.get("/customers/").content.decode()
    assert 'href="/documents/quotes/"' in page and 'href="/documents/invoices/"' in page
    CompanySettings.objects.update(quotes_enabled=False)
    page = readonly_client.get("/customers/").content.decode()
    assert 'href="/documents/quotes/"' not in page and 'href="/documents/invoices/"' in page


def test_read_only_users_see_lists_without_the_new_button(readonly_client):
    page = readonly_client.get("/documents/invoices/").content.decode()
    assert "/documents/new/invoices/" not in page


def test_users_without_a_role_get_403(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("nobody", password="x"))
    assert client.get("/documents/invoices/").status_code == 403


def test_invoices_of_one_day_follow_their_numbers_not_their_creation(staff_client):
    day = today()
    earlier = make_invoice(today=day - timedelta(days=1))
    first, second, third = (make_draft(today=day) for _ in range(3))
    for draft in (third, first, second):  # issued in another order than created
        services.invoice_issue(invoice=draft, user=None, today=day)
    draft = make_draft(today=day)
    listed = [d.pk for d in staff_client.get("/documents/invoices/").context["page"]]
    # Newest first: the day's draft (it gets the next number), then the numbers downwards.
    assert listed == [draft.pk, second.pk, first.pk, third.pk, earlier.pk]
