"""A prospect's customer file in headless Chromium: a task and a quote from "Neu", the quote
under "Unbeantwortete Angebote", the task ticked off in place, the quotes module switched off.

The selectors use ids, hrefs and classes, not texts, so the test holds whatever the German
catalogue says.
"""

import re

import pytest

from conftest import browser_login
from kundenakte.accounts.models import CompanySettings
from kundenakte.customers.tests.factories import make_customer
from kundenakte.documents.models import Document
from kundenakte.tasks.models import Task

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def open_new_entry(page, href_start: str) -> None:
    page.click(".new-menu summary")
    page.click(f".new-menu a[href^='{href_start}']")


def test_a_prospects_file_from_first_task_to_unanswered_quote(
    browser_page, seeded_documents, staff_user
):
    prospect = make_customer(short_name="Gärtnerei Grünspan")
    file_url = f"/customers/{prospect.pk}/"
    page = browser_page
    page.on("dialog", lambda dialog: dialog.accept())  # "Send it now?"
    browser_login(page, "sven-staff")
    page.goto(file_url)
    assert page.locator("#section-unanswered-quotes .empty-state a.button").count() == 1

    # Neu → Aufgabe: the customer is filled in, saving returns to the file.
    open_new_entry(page, "/tasks/new/")
    page.fill("#id_title", "Rückruf wegen Angebot")
    page.click("form button[type=submit].button-primary")
    page.wait_for_url(f"**{file_url}")
    task = Task.objects.get(title="Rückruf wegen Angebot")
    assert task.customer_id == prospect.pk
    assert page.locator(f"#section-tasks #task-{task.pk}").count() == 1

    # Neu → Angebot, one item, sent.
    open_new_entry(page, "/documents/new/quotes/")
    assert "Gärtnerei Grünspan" in page.locator(".chosen-customer").inner_text()
    page.click("#create-document")
    page.wait_for_url(re.compile(r"/documents/\d+/edit/"))
    page.fill("#id_new-description", "Hecke schneiden")
    page.fill("#id_new-quantity", "4")
    page.fill("#id_new-unit", "Std")
    page.fill("#id_new-unit_price", "45,00")
    page.click("#add-item")
    page.locator("#items form.item-row:not(.item-new)").first.wait_for()
    page.click("#finalise")
    quote = Document.objects.get(kind=Document.Kind.QUOTE, customer=prospect)
    page.wait_for_url(re.compile(rf"(/documents/{quote.pk}/|{re.escape(file_url)})$"))
    quote.refresh_from_db()
    assert quote.status == Document.Status.SENT

    # Back in the file: the quote waits for an answer.
    page.goto(file_url)
    quotes = page.locator("#section-unanswered-quotes")
    assert quote.number in quotes.inner_text()
    assert "214,20" in quotes.inner_text()  # 4 × 45,00 + 19 % VAT

    # Tick the task off without a reload.
    page.evaluate("window.__stayed = true")
    page.click(f"#task-{task.pk}-check")
    page.locator(f"#task-{task.pk}.is-done").wait_for()
    assert page.evaluate("window.__stayed") is True
    task.refresh_from_db()
    assert task.done

    # Quotes switched off: every trace is gone.
    company = CompanySettings.load()
    company.quotes_enabled = False
    company.save()
    page.reload()
    html = page.content()
    assert page.locator("#section-unanswered-quotes").count() == 0
    assert f"/customers/{prospect.pk}/quotes/" not in html  # the tab
    assert "/documents/new/quotes/" not in html  # the "Neu" entry
    assert 'href="/documents/quotes/"' not in html  # the main navigation
    assert page.goto(f"/customers/{prospect.pk}/quotes/").status == 404
