"""The customer list in headless Chromium: search while typing, back button, letters, status."""

import os
import random

import pytest
from playwright.sync_api import expect

from conftest import browser_login
from kundenakte.customers.models import Customer
from kundenakte.customers.tests.factories import make_customer, make_person

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

ROWS = "#customer-list tbody td.name a"
SHOTS = "/tmp/shots"
NAMES = [
    "Müller Haustechnik",
    "Möbelhaus Müller",
    "Özdemir Bau",
    "Ärztehaus am Markt",
    "Bäckerei Sonnenschein",
    "1&1 Versand",
    "Schulz & Söhne",
    "Weber Elektro",
    "Zahnarztpraxis Dr. Ünal",
    "Autohaus Krüger",
]
CITIES = ["Berlin", "München", "Köln", "Düsseldorf", "Leipzig", "Nürnberg", "Würzburg"]
TAGS = ["Newsletter", "VIP", "Messe 2026", "Handwerk", "Großkunde", "Gastronomie"]


def crowd(count: int = 60) -> None:
    """Varied customers: with and without number, persons, tags, long and short names."""
    rnd = random.Random(7)
    for i in range(count):
        name = NAMES[i] if i < len(NAMES) else f"{rnd.choice(NAMES).split()[0]} {i:02}"
        customer = make_customer(
            short_name=name,
            company_name=f"{name} GmbH",
            city=rnd.choice(CITIES),
            phone=f"030 {rnd.randint(100000, 999999)}",
            email=f"kontakt{i}@example.de",
            tags=rnd.sample(TAGS, rnd.randint(0, 2)),
            number=i % 3 != 0,
        )
        if i % 2:
            make_person(customer, first_name="Anna", last_name=f"Lehmann{i}")


def row_names(page) -> list[str]:
    return page.locator(ROWS).all_inner_texts()


def test_the_list_filters_in_place_and_the_back_button_restores_it(browser_page, staff_user):
    crowd()
    page = browser_page
    browser_login(page, "sven-staff")
    page.goto("/customers/")
    expect(page.locator(ROWS)).to_have_count(50)
    page.evaluate("window.__marker = 1")

    page.locator("#list-q").press_sequentially("mueller", delay=20)
    page.wait_for_url("**/customers/?q=mueller*")
    expect(page.locator(ROWS)).to_have_count(Customer.objects.search("mueller").count())
    assert all("Müller" in name for name in row_names(page))
    assert page.evaluate("window.__marker") == 1

    page.go_back()
    page.wait_for_url("**/customers/")
    expect(page.locator(ROWS)).to_have_count(50)
    assert page.evaluate("window.__marker") == 1


def test_a_letter_and_a_status_filter_the_list_without_a_reload(browser_page, staff_user):
    crowd()
    page = browser_page
    browser_login(page, "sven-staff")
    page.goto("/customers/")
    page.evaluate("window.__marker = 1")

    page.click(".letter-bar a:text-is('O')")
    page.wait_for_url("**/customers/?letter=O")
    expect(page.locator(ROWS)).to_have_count(Customer.objects.filter(initial="O").count())
    assert "Özdemir Bau" in row_names(page)
    assert page.evaluate("window.__marker") == 1
    assert page.locator(".letter-bar span[aria-disabled=true]:text-is('Q')").is_visible()

    page.click("#status-menu summary")
    page.click("#status-menu a:has-text('Interessent')")
    page.wait_for_url("**/customers/?status=*&letter=O")
    expect(page.locator("#list-title h1")).to_have_text("Interessent")
    expected = Customer.objects.filter(initial="O", status__name="Interessent").count()
    expect(page.locator(ROWS)).to_have_count(expected)
    assert page.evaluate("window.__marker") == 1


def test_a_screenshot_of_the_list(browser_page, staff_user):
    crowd()
    page = browser_page
    browser_login(page, "sven-staff")
    page.goto("/customers/?tag=Newsletter")
    page.goto("/customers/")
    os.makedirs(SHOTS, exist_ok=True)
    page.screenshot(path=f"{SHOTS}/list.png", full_page=True)
    page.click("#status-menu summary")
    page.screenshot(
        path=f"{SHOTS}/list-top.png", clip={"x": 0, "y": 0, "width": 1366, "height": 480}
    )
    page.set_viewport_size({"width": 420, "height": 900})
    page.screenshot(path=f"{SHOTS}/list-narrow.png", full_page=True)
    assert os.path.getsize(f"{SHOTS}/list.png") > 10_000
