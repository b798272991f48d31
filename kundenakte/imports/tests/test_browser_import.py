"""The whole import in headless Chromium, with the real engine: upload a CSV with a faulty row,
change one column's field, read the preview, import with the faulty row skipped, find the new
customer in the list, undo, and the customer is gone again."""

import re

import pytest
from playwright.sync_api import expect

from conftest import browser_login
from kundenakte.customers.models import Customer
from kundenakte.imports.tests.conftest import NEEDS_ENGINE

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    NEEDS_ENGINE,
]

# "Sitz" is no usual name of the city column, so the user maps it by hand; row 3 (Falke) has
# an email address without @ and is skipped.
CSV = (
    "Firma;Straße;PLZ;Sitz;E-Mail\r\n"
    "Kranich Reisen GmbH;Am Hafen 3;23552;Lübeck;info@kranich.example\r\n"
    "Falke Bau GmbH;Ringstraße 9;01067;Dresden;kein-at-zeichen\r\n"
    "Eule Verlag KG;Marktplatz 1;04109;Leipzig;post@eule.example\r\n"
).encode()


def city_field_key() -> str:
    """The engine's key of the city field, found by its alias "Ort"."""
    from kundenakte.imports.fields import FIELDS

    return next(f.key for f in FIELDS if any(a.casefold() == "ort" for a in f.aliases))


def test_upload_map_preview_apply_find_and_undo(browser_page, staff_user):
    page = browser_page
    browser_login(page, "sven-staff")

    page.click("a:text-is('Importieren')")
    page.wait_for_url("**/customers/import/")
    page.set_input_files(
        "#id_file", files=[{"name": "kunden.csv", "mimeType": "text/csv", "buffer": CSV}]
    )
    page.click("button:has-text('Hochladen und prüfen')")
    page.wait_for_url(re.compile(r"/customers/import/\d+/$"))
    run_url = page.url

    # The preview (the analysis may still be running: the progress fragment reloads the page).
    mapping = page.locator("#import-mapping")
    mapping.wait_for(timeout=30_000)
    sitz = mapping.locator("tr", has=page.locator("th", has_text="Sitz"))
    assert sitz.get_by_text("wird ignoriert").is_visible()
    assert sitz.get_by_text("Lübeck").is_visible()  # an example value of the column
    key = city_field_key()
    sitz.locator("select").select_option(key)
    with page.expect_navigation():
        page.click("button:has-text('Zuordnung übernehmen')")
    mapping.wait_for(timeout=30_000)
    assert sitz.locator("select").input_value() == key
    assert sitz.get_by_text("wird ignoriert").count() == 0

    tiles = page.locator(".import-tiles")
    assert re.search(r"2\s+neu", tiles.inner_text())
    assert re.search(r"1\s+fehlerhaft", tiles.inner_text())
    faulty = page.locator("#lines-error + .table-responsive")
    assert faulty.locator("td.num", has_text="3").count() == 1
    assert faulty.get_by_text("E-Mail", exact=True).is_visible()
    assert not Customer.objects.filter(company_name__startswith="Kranich").exists()

    with page.expect_navigation():
        page.click("button:has-text('Importieren (fehlerhafte Zeilen überspringen)')")
    page.locator("h2", has_text=re.compile("^Importiert$")).wait_for(timeout=30_000)
    assert re.search(r"2\s+neu", page.locator(".import-tiles").inner_text())
    kranich = Customer.objects.get(company_name="Kranich Reisen GmbH")
    assert kranich.city == "Lübeck"  # through the hand-made mapping
    assert not Customer.objects.filter(company_name__startswith="Falke").exists()

    page.click("a:has-text('Zur Kundenliste')")
    page.wait_for_url("**/customers/")
    results = page.locator("#customer-list")
    expect(results.get_by_text("Eule Verlag")).to_have_count(1)  # both imported rows
    page.fill("#list-q", "Kranich")
    page.wait_for_url("**/customers/?q=Kranich*")
    expect(results.get_by_text("Eule Verlag")).to_have_count(0)
    expect(results.get_by_text("Kranich Reisen")).to_be_visible()

    page.goto(run_url)
    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_navigation():
        page.click("button:has-text('Rückgängig machen')")
    assert page.get_by_text("wurde rückgängig gemacht").is_visible()
    assert page.locator(".import-state").inner_text() == "rückgängig gemacht"

    page.goto("/customers/?q=Kranich")
    assert page.get_by_text("Keine Kunden gefunden.").is_visible()
    assert not Customer.objects.filter(company_name__startswith="Kranich").exists()
