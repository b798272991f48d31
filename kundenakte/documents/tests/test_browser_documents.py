"""From quote to paid invoice, end to end in headless Chromium.

The selectors use ids and names, not button texts, so the test holds whatever the German
catalogue calls the buttons.
"""

import re

import pytest

from conftest import browser_login
from kundenakte.customers.tests.factories import make_customer
from kundenakte.documents.models import Document

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROWS = "#items form.item-row:not(.item-new)"


def htmx_settled(page) -> None:
    """Wait until htmx has swapped, settled and wired up the new rows.

    A row is in the DOM a moment before htmx attaches its triggers; typing into it earlier is
    lost, which no person is quick enough to do but a test is.
    """
    page.wait_for_function(
        """() => [...document.querySelectorAll('#items form.item-row')]
            .every(row => row['htmx-internal-data'])
          && !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"""
    )


def add_item(page, description, quantity, unit, price, rate="19.00"):
    count = page.locator(ROWS).count()
    page.fill("#id_new-description", description)
    page.fill("#id_new-quantity", quantity)
    page.fill("#id_new-unit", unit)
    page.fill("#id_new-unit_price", price)
    page.select_option("#id_new-vat_rate", rate)
    page.click("#add-item")
    page.locator(ROWS).nth(count).wait_for()
    htmx_settled(page)


def test_a_quote_for_a_prospect_becomes_a_paid_invoice(
    browser_page, seeded_documents, company, staff_user
):
    prospect = make_customer(short_name="Malerbetrieb Sonnenschein")
    page = browser_page
    page.on("dialog", lambda dialog: dialog.accept())  # "Send/issue it now?"
    browser_login(page, "sven-staff")

    # From the customer file: New → Quote, already for this customer.
    page.goto(f"/customers/{prospect.pk}/")
    page.click(".new-menu summary")
    page.click(".new-menu a[href^='/documents/new/quotes/']")
    assert "Malerbetrieb Sonnenschein" in page.locator(".chosen-customer").inner_text()
    page.click("#create-document")
    page.wait_for_url(re.compile(r"/documents/\d+/edit/"))

    # Items are added, changed and moved without a page reload.
    page.evaluate("window.__stayed = true")
    add_item(page, "Wände streichen", "2", "Std", "1.234,50")
    add_item(page, "Farbe", "1", "Eimer", "99,90", rate="7.00")
    totals = page.locator("#document-totals")
    assert "3.045,00" in totals.inner_text()
    first = page.locator(ROWS).first
    quantity = first.locator("input[name$='-quantity']")
    quantity.fill("3")
    quantity.press("Tab")  # the change event saves at once, not only after the typing pause
    page.wait_for_function(
        "document.querySelector('#document-totals').innerText.includes('4.514,06')",
        timeout=20_000,
    )
    page.locator(ROWS).nth(1).locator("button[hx-vals*='up']").click()
    page.wait_for_function("document.querySelector('#items textarea').value === 'Farbe'")
    htmx_settled(page)
    assert page.evaluate("window.__stayed") is True

    # Send the quote right after typing: the last change is saved first.
    page.locator(ROWS).first.locator("input[name$='-unit']").fill("Dose")
    page.click("#finalise")
    quote = Document.objects.get(kind=Document.Kind.QUOTE)
    page.wait_for_url(f"**/documents/{quote.pk}/")
    assert [(i.description, i.quantity, i.unit) for i in quote.items.all()] == [
        ("Farbe", 1, "Dose"),
        ("Wände streichen", 3, "Std"),
    ]

    # Turn the quote into an invoice and issue it.
    quote.refresh_from_db()
    assert quote.status == Document.Status.SENT
    assert quote.number in page.locator("h1").inner_text()
    page.click("#action-to-invoice")
    page.wait_for_url(re.compile(r"/documents/\d+/edit/"))
    invoice = Document.objects.get(kind=Document.Kind.INVOICE)
    page.click("#finalise")
    page.wait_for_url(f"**/documents/{invoice.pk}/")
    invoice.refresh_from_db()
    assert invoice.status == Document.Status.ISSUED and invoice.number
    assert invoice.number in page.locator("h1").inner_text()
    assert page.locator("#pdf-link").get_attribute("href") == f"/documents/{invoice.pk}/pdf/"

    # The prospect is a customer now, with a number.
    page.click(f".page-header a[href='/customers/{prospect.pk}/']")
    header = page.locator("h1").inner_text()
    assert "10000" in header and "Kunde" in header and "Interessent" not in header

    # A partial payment leaves the rest open.
    page.goto(f"/documents/{invoice.pk}/")
    page.fill("#id_amount", "1.000,00")
    page.fill("#id_note", "Anzahlung")
    page.click("#record-payment")
    page.wait_for_url(f"**/documents/{invoice.pk}/")
    assert page.locator("#open-amount").inner_text().startswith("3.514,06")
    invoice.refresh_from_db()
    assert (invoice.paid_total, invoice.status) == (1000, Document.Status.ISSUED)
