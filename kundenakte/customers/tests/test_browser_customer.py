"""A user's first customer, end to end in headless Chromium."""

import pytest

from conftest import browser_login
from kundenakte.customers.models import Customer

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_create_a_customer_with_a_tag_add_a_person_and_assign_a_number(browser_page, staff_user):
    page = browser_page
    browser_login(page, "sven-staff")

    page.click("summary:has-text('Neu')")
    page.click(".new-menu a:text-is('Kunde')")
    page.fill("#id_company_name", "Bäckerei Özdemir e.K.")
    page.fill("#id_street", "Bergmannstraße 12")
    page.fill("#id_postal_code", "10961")
    page.fill("#id_city", "Berlin")
    page.fill("#id_tag_names", "Gastronomie")
    page.click("button:has-text('Speichern')")
    page.wait_for_url("**/customers/*/")
    assert page.locator("h1").inner_text().startswith("Bäckerei Özdemir")
    assert page.locator("h1").get_by_text("Interessent").is_visible()
    assert page.locator("#customer-tags").get_by_text("Gastronomie").is_visible()

    page.click("summary:has-text('Neu')")
    page.click(".new-menu a:text-is('Person')")
    page.select_option("#id_salutation", "ms")
    page.fill("#id_first_name", "Aylin")
    page.fill("#id_last_name", "Özdemir")
    page.click("button:has-text('Speichern')")
    page.wait_for_url("**/customers/*/")
    assert page.get_by_text("Sehr geehrte Frau Özdemir,").is_visible()

    page.click("a:has-text('Kundennummer vergeben')")
    page.click("button:has-text('Nummer vergeben')")
    page.wait_for_url("**/customers/*/")
    header = page.locator("h1").inner_text()
    assert "10000" in header
    assert "Kunde" in header and "Interessent" not in header
    assert page.get_by_text("Kundennummer 10000 vergeben").is_visible()

    customer = Customer.objects.get()
    assert (customer.number, customer.status.name, customer.short_name) == (
        "10000",
        "Kunde",
        "Bäckerei Özdemir",
    )


def test_tags_are_added_in_place_without_a_reload(browser_page, staff_user):
    from kundenakte.customers.tests.factories import make_customer

    customer = make_customer(tags=["Newsletter"])
    page = browser_page
    browser_login(page, "sven-staff")
    page.goto(f"/customers/{customer.pk}/")
    page.evaluate("window.__stayed = true")
    page.fill("#tag-input", "Messe 2026")
    page.press("#tag-input", "Enter")
    page.locator("#customer-tags .tag", has_text="Messe 2026").wait_for()
    page.click("#customer-tags button[aria-label='Schlagwort Newsletter entfernen']")
    page.locator("#customer-tags .tag", has_text="Newsletter").wait_for(state="detached")
    assert page.evaluate("window.__stayed") is True
    assert {t.name for t in customer.tags.all()} == {"Messe 2026"}
