"""Pages keep working under a strict Content-Security-Policy (script-src 'self').

The header is added in the browser, so the test holds whatever the deployment sends: no page may
depend on an inline handler or inline script, which such a policy blocks.
"""

import pytest

from conftest import browser_login
from kundenakte.customers.tests.factories import make_customer
from kundenakte.documents.models import Document
from kundenakte.documents.tests.factories import make_draft

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STRICT = "script-src 'self'"


@pytest.fixture
def violations(browser_page):
    """Serve every page with the strict policy; collect what the browser reports it blocked."""

    def with_policy(route):
        response = route.fetch(max_redirects=0)
        headers = {**response.headers, "content-security-policy": STRICT}
        route.fulfill(response=response, headers=headers)

    browser_page.route("**/*", with_policy)
    blocked: list[str] = []
    browser_page.on(
        "console",
        lambda message: (
            blocked.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield blocked
    browser_page.unroute_all(behavior="ignoreErrors")


def test_issuing_an_invoice_asks_first_under_a_strict_csp(
    browser_page, violations, seeded_documents, company, staff_user
):
    draft = make_draft(kind=Document.Kind.INVOICE)
    page = browser_page
    browser_login(page, "sven-staff")
    page.goto(f"/documents/{draft.pk}/")

    questions: list[str] = []

    def answer(dialog, accept: bool):
        questions.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", lambda dialog: answer(dialog, accept=False))
    page.click("#action-issue")
    page.wait_for_timeout(300)  # a refused confirm sends nothing; give a wrong submit time
    draft.refresh_from_db()
    assert len(questions) == 1
    assert draft.status == Document.Status.DRAFT

    page.once("dialog", lambda dialog: answer(dialog, accept=True))
    with page.expect_navigation():
        page.click("#action-issue")
    draft.refresh_from_db()
    assert len(questions) == 2
    assert draft.status != Document.Status.DRAFT
    assert violations == []


def test_tick_all_selects_every_customer_on_the_page_under_a_strict_csp(
    browser_page, violations, staff_user
):
    for name in ("Anker GmbH", "Birke KG", "Castell OHG"):
        make_customer(short_name=name)
    page = browser_page
    browser_login(page, "sven-staff")
    page.goto("/customers/")
    boxes = page.locator("input[form=bulk-form][name=customer]")
    assert boxes.count() == 3

    page.check("th.select input[type=checkbox]")
    assert [boxes.nth(i).is_checked() for i in range(3)] == [True, True, True]
    page.uncheck("th.select input[type=checkbox]")
    assert [boxes.nth(i).is_checked() for i in range(3)] == [False, False, False]
    assert violations == []
