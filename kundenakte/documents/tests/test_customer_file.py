"""The documents in the customer file: the tabs, "Offene Posten", "Unbeantwortete Angebote",
the "Neu" menu inside a file and the module switches ("Umsatz": test_customer_file_revenue)."""

import datetime
import re
from decimal import Decimal as D

import pytest
from django.template.defaultfilters import floatformat
from django.utils import timezone, translation

from kundenakte.accounts.models import CompanySettings
from kundenakte.customers.tests.factories import make_customer
from kundenakte.documents import customer_file_html as html
from kundenakte.documents import services
from kundenakte.documents.models import Document
from kundenakte.documents.tests.factories import Kind, make_draft, make_invoice, make_quote
from kundenakte.tasks.tests.factories import make_task

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_pages(settings):
    """Pages in English, so the tests match the msgids whatever the German catalogue says."""
    settings.LANGUAGE_CODE = "en"


def today() -> datetime.date:
    return timezone.localdate()


def days_ago(days: int) -> datetime.date:
    return today() - datetime.timedelta(days=days)


def section(response, key: str) -> dict:
    return next(s for s in response.context["sections"] if s["key"] == key)


def switch(**flags) -> None:
    company = CompanySettings.load()
    for flag, value in flags.items():
        setattr(company, flag, value)
    company.save()


# --- Offene Posten ------------------------------------------------------------------------------


def test_open_items_are_issued_invoices_not_fully_paid(staff_client):
    customer = make_customer()
    unpaid = make_invoice(customer=customer, today=today())
    partly = make_invoice(customer=customer, today=today())
    services.payment_record(invoice=partly, amount=D("19.00"), date=today(), user=None)
    paid = make_invoice(customer=customer, today=today())
    services.payment_record(invoice=paid, amount=D("119.00"), date=today(), user=None)
    cancelled = make_invoice(customer=customer, today=today())
    services.invoice_cancel(invoice=cancelled, user=None, today=today())
    make_draft(customer=customer)
    make_invoice(today=today())  # another customer's

    open_items = section(staff_client.get(customer.get_absolute_url()), "open_items")

    shown = {item.document.number: item.open for item in open_items["items"]}
    assert shown == {unpaid.number: D("119.00"), partly.number: D("100.00")}
    assert open_items["count"] == 2
    assert open_items["total"] == D("219.00")


def test_beyond_the_ten_rows_shown_the_heading_still_counts_and_sums_every_open_item(
    staff_client,
):
    customer = make_customer()
    invoices = [make_invoice(customer=customer, today=days_ago(n)) for n in range(12)]
    services.payment_record(invoice=invoices[0], amount=D("19.00"), date=today(), user=None)
    services.payment_record(invoice=invoices[1], amount=D("119.00"), date=today(), user=None)
    quotes = [make_quote(customer=customer, today=days_ago(n)) for n in range(11)]

    response = staff_client.get(customer.get_absolute_url())

    open_items = section(response, "open_items")
    assert len(open_items["items"]) == 10
    assert (open_items["count"], open_items["total"]) == (11, D("1290.00"))  # 10 × 119 + 100
    unanswered = section(response, "unanswered_quotes")
    assert len(unanswered["items"]) == 10
    assert unanswered["count"] == 11
    assert unanswered["total"] == sum(quote.gross_total for quote in quotes)
    assert "Show all 11 open items" in response.content.decode()


def test_overdue_open_items_are_marked_with_their_days_overdue(staff_client):
    customer = make_customer()
    late = make_invoice(customer=customer, today=days_ago(40))
    make_invoice(customer=customer, today=today())
    overdue_days = (today() - late.due_date).days
    assert overdue_days > 0

    response = staff_client.get(customer.get_absolute_url())

    items = {
        item.document.number: item.days_overdue for item in section(response, "open_items")["items"]
    }
    assert items[late.number] == overdue_days
    assert sorted(items.values()) == [0, overdue_days]
    assert f"overdue by {overdue_days} days" in response.content.decode()
    assert "238.00" in response.content.decode()  # the sum


def test_a_customer_without_invoices_is_told_so(staff_client):
    customer = make_customer()
    response = staff_client.get(customer.get_absolute_url())
    assert section(response, "open_items")["items"] == []
    assert "No invoices yet." in response.content.decode()


def test_the_sums_beyond_the_rows_are_exact_to_the_cent(staff_client):
    # SQLite keeps amounts as floats: 0.12 added up thirteen times is not 1.56 there.
    customer = make_customer()
    cents = [("1", "0.10", "19.00")]  # 0.10 net, 0.02 VAT, 0.12 gross
    invoices = [make_invoice(customer=customer, items=cents, today=days_ago(n)) for n in range(13)]
    services.payment_record(invoice=invoices[0], amount=D("0.05"), date=today(), user=None)
    for n in range(12):
        make_quote(customer=customer, items=cents, today=days_ago(n))

    response = staff_client.get(customer.get_absolute_url())

    assert section(response, "open_items")["total"] == D("1.51")  # 13 × 0.12 − 0.05
    assert section(response, "unanswered_quotes")["total"] == D("1.44")
    assert "1.51" in response.content.decode()


def test_rows_come_out_escaped_in_german_dates_and_amounts(staff_client, settings):
    settings.LANGUAGE_CODE = "de"
    customer = make_customer()
    big = [("1", "1037.45", "19.00")]  # 1,234.57 gross
    invoice = make_invoice(customer=customer, items=big, today=datetime.date(2026, 3, 2))
    make_quote(customer=customer, subject='<script>alert("x")</script>', today=today())

    page = staff_client.get(customer.get_absolute_url()).content.decode()
    page = page.replace("&#34;", "&quot;")  # as Jinja2 (the rows) spells it, and as Django does

    assert f'<a href="/documents/{invoice.pk}/">{invoice.number}</a>' in page
    assert "02.03.2026" in page and f"{invoice.due_date:%d.%m.%Y}" in page
    assert "1.234,57&nbsp;€" in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert '<script>alert("x")' not in page


@pytest.mark.parametrize("language", ["de", "en"])
def test_amounts_are_formatted_as_floatformat_formats_them(language):
    values = ["0.00", "-0.00", "0.01", "-0.5", "999.99", "1000.00", "-1234567.89", "12.3456"]
    with translation.override(language):
        for value in map(D, values):
            assert html.amount(value) == floatformat(value, "2g"), value


# --- Unbeantwortete Angebote --------------------------------------------------------------------


def test_unanswered_quotes_are_sent_and_neither_accepted_nor_rejected(staff_client):
    customer = make_customer()
    sent = make_quote(customer=customer, today=today())
    services.quote_accept(quote=make_quote(customer=customer, today=today()))
    services.quote_reject(quote=make_quote(customer=customer, today=today()))
    make_draft(kind=Kind.QUOTE, customer=customer)
    make_quote(today=today())  # another customer's

    quotes = section(staff_client.get(customer.get_absolute_url()), "unanswered_quotes")

    assert [item.document.number for item in quotes["items"]] == [sent.number]
    assert quotes["count"] == 1 and quotes["total"] == D("119.00")


def test_unanswered_quotes_show_their_age_and_expired_ones_are_marked(staff_client):
    customer = make_customer()
    old = make_quote(customer=customer, today=days_ago(60))
    fresh = make_quote(customer=customer, today=days_ago(3))
    assert old.valid_until < today() <= fresh.valid_until

    response = staff_client.get(customer.get_absolute_url())

    items = {item.document.number: item for item in section(response, "unanswered_quotes")["items"]}
    assert (items[old.number].age_days, items[old.number].expired) == (60, True)
    assert (items[fresh.number].age_days, items[fresh.number].expired) == (3, False)
    page = response.content.decode()
    assert "60 days" in page and "Expired" in page


def test_a_prospect_without_quotes_is_offered_to_create_one(staff_client):
    prospect = make_customer()
    page = staff_client.get(prospect.get_absolute_url()).content.decode()
    assert "No quotes yet." in page
    assert (
        f'href="/documents/new/quotes/?customer={prospect.pk}&amp;next=%2Fcustomers%2F{prospect.pk}%2F"'
        in page
    )


def test_a_customer_whose_quotes_are_all_answered_sees_no_offer(staff_client):
    customer = make_customer()
    services.quote_accept(quote=make_quote(customer=customer, today=today()))
    page = staff_client.get(customer.get_absolute_url()).content.decode()
    assert "No unanswered quotes." in page and "No quotes yet." not in page


# --- Tabs ---------------------------------------------------------------------------------------


def tab_counts(response) -> dict:
    return {tab.key: tab.count for tab in response.context["file_tabs"]}


def test_the_document_tabs_show_counts_and_list_the_customers_documents(staff_client):
    customer = make_customer()
    quote = make_quote(customer=customer, subject="Regalwand", today=today())
    draft = make_draft(kind=Kind.QUOTE, customer=customer, today=today())
    invoice = make_invoice(customer=customer, today=today())
    cancellation = services.invoice_cancel(invoice=invoice, user=None, today=today())
    make_invoice(today=today())  # another customer's

    counts = tab_counts(staff_client.get(customer.get_absolute_url()))
    assert (counts["quotes"], counts["invoices"], counts["delivery_notes"]) == (2, 2, 0)

    quotes = staff_client.get(f"/customers/{customer.pk}/quotes/")
    assert quotes.status_code == 200
    assert [d.pk for d in quotes.context["page"]] == [draft.pk, quote.pk]  # newest first
    assert "Regalwand" in quotes.content.decode()
    invoices = staff_client.get(f"/customers/{customer.pk}/invoices/")
    assert {d.pk for d in invoices.context["page"]} == {invoice.pk, cancellation.pk}
    assert f'href="/documents/{cancellation.pk}/"' in invoices.content.decode()


def test_an_empty_tab_offers_to_create_the_first_document(staff_client):
    customer = make_customer()
    page = staff_client.get(f"/customers/{customer.pk}/delivery-notes/").content.decode()
    assert "No delivery notes yet." in page
    assert f"/documents/new/delivery-notes/?customer={customer.pk}&amp;next=" in page


def test_the_document_tabs_are_paginated(staff_client, settings):
    customer = make_customer()
    for _ in range(51):
        make_draft(kind=Kind.QUOTE, customer=customer, items=[])
    response = staff_client.get(f"/customers/{customer.pk}/quotes/?page=2")
    assert len(response.context["page"].object_list) == 1


def test_a_user_without_document_rights_gets_no_document_tabs(anonymous_client):
    customer = make_customer()
    response = anonymous_client.get(f"/customers/{customer.pk}/quotes/")
    assert response.status_code == 302 and "/login/" in response["Location"]


# --- Modules ------------------------------------------------------------------------------------


QUOTE_TRACES = [
    "/customers/{pk}/quotes/",  # the tab
    'id="section-unanswered-quotes"',  # the overview section
    "/documents/new/quotes/",  # the "Neu" entry
    'href="/documents/quotes/"',  # the main navigation
]


def test_quotes_switched_off_vanish_from_the_customer_file(staff_client):
    customer = make_customer()
    make_quote(customer=customer, today=today())
    traces = [trace.format(pk=customer.pk) for trace in QUOTE_TRACES]
    page = staff_client.get(customer.get_absolute_url()).content.decode()
    assert all(trace in page for trace in traces)

    switch(quotes_enabled=False)

    page = staff_client.get(customer.get_absolute_url()).content.decode()
    assert [trace for trace in traces if trace in page] == []
    assert "Unanswered quotes" not in page
    assert staff_client.get(f"/customers/{customer.pk}/quotes/").status_code == 404
    assert staff_client.get(f"/customers/{customer.pk}/invoices/").status_code == 200


def test_invoices_switched_off_take_open_items_revenue_and_their_tab_along(staff_client):
    customer = make_customer()
    switch(invoices_enabled=False, delivery_notes_enabled=False)
    response = staff_client.get(customer.get_absolute_url())
    assert [s["key"] for s in response.context["sections"]] == ["tasks", "unanswered_quotes"]
    assert "invoices" not in tab_counts(response) and "delivery_notes" not in tab_counts(response)
    assert staff_client.get(f"/customers/{customer.pk}/invoices/").status_code == 404
    assert staff_client.get(f"/customers/{customer.pk}/delivery-notes/").status_code == 404


def test_the_overview_sections_come_in_order(staff_client):
    response = staff_client.get(make_customer().get_absolute_url())
    keys = [s["key"] for s in response.context["sections"]]
    assert keys == ["tasks", "open_items", "unanswered_quotes", "revenue"]


# --- "Neu" inside a customer file ---------------------------------------------------------------


def new_menu_links(page: str) -> list[str]:
    """The entries of the "Neu" menu that are about this customer (not "new customer")."""
    menu = page.split('<details class="dropdown new-menu">', 1)[1].split("</details>", 1)[0]
    return re.findall(r'<a href="([^"]+\?customer=[^"]+)"', menu)


def test_the_new_menu_preassigns_the_customer_and_returns_to_the_file(staff_client):
    customer = make_customer()
    links = new_menu_links(staff_client.get(customer.get_absolute_url()).content.decode())
    suffix = f"?customer={customer.pk}&amp;next=%2Fcustomers%2F{customer.pk}%2F"
    assert links == [
        f"/documents/new/quotes/{suffix}",
        f"/documents/new/invoices/{suffix}",
        f"/documents/new/delivery-notes/{suffix}",
        f"/tasks/new/{suffix}",
        f"/customers/persons/new/{suffix}",
    ]


def test_a_quote_created_from_the_file_belongs_to_the_customer_and_leads_back(staff_client):
    customer = make_customer()
    url = f"/documents/new/quotes/?customer={customer.pk}&next=/customers/{customer.pk}/"
    assert staff_client.get(url).status_code == 200

    response = staff_client.post(url, {"customer": customer.pk, "subject": "Küche"})

    quote = Document.objects.get(subject="Küche")
    assert quote.customer == customer and quote.kind == Kind.QUOTE
    assert response.status_code == 302
    assert (
        response["Location"] == f"/documents/{quote.pk}/edit/?next=%2Fcustomers%2F{customer.pk}%2F"
    )


# --- Speed --------------------------------------------------------------------------------------


def _fill(customer, size: int) -> None:
    for number in range(size):
        invoice = make_invoice(customer=customer, today=days_ago(number * 7))
        if number % 3 == 0:
            services.payment_record(invoice=invoice, amount=D("119.00"), date=today(), user=None)
        make_quote(customer=customer, today=days_ago(number % 50))
        make_task(customer=customer, due_date=days_ago(number % 10 - 5))


@pytest.mark.parametrize("size", [2, 60])
def test_the_overview_costs_the_same_queries_whatever_the_number_of_records(
    staff_client, django_assert_max_num_queries, size
):
    customer = make_customer()
    _fill(customer, size)
    # Session, user, permissions (own and groups'), company settings, customer with status, its
    # persons, tags, document tallies (counts and revenue), open items with unanswered quotes
    # (rows and sums), open tasks (rows and count). In the running app (outside a test's
    # transaction) the user, permissions and settings come from the cache, for one read of the
    # change counter.
    with django_assert_max_num_queries(11):
        response = staff_client.get(customer.get_absolute_url())
    assert response.status_code == 200
    assert len(section(response, "tasks")["tasks"]) == min(size, 10)
