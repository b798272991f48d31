"""The Storno page (/documents/<pk>/cancel/) opens only for an issued invoice not yet cancelled;
for anything else the user is sent back to the document with the reason, on GET and POST."""

import pytest

from kundenakte.documents import services
from kundenakte.documents.models import Document
from kundenakte.documents.tests.factories import Kind, Status, make_draft, make_invoice, make_quote

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_pages(settings):
    settings.LANGUAGE_CODE = "en"


def a_quote():
    return make_quote()


def a_draft_invoice():
    return make_draft()


def a_cancellation():
    return services.invoice_cancel(invoice=make_invoice(), user=None)


def a_cancelled_invoice():
    invoice = make_invoice()
    services.invoice_cancel(invoice=invoice, user=None)
    return invoice


NOT_CANCELLABLE = [
    (a_quote, "Only an issued invoice can be cancelled."),
    (a_draft_invoice, "A draft is not cancelled; delete it instead."),
    (a_cancellation, "Only an issued invoice can be cancelled."),
    (a_cancelled_invoice, "This invoice has been cancelled already."),
]


@pytest.mark.parametrize(("make", "reason"), NOT_CANCELLABLE)
def test_the_cancel_page_of_anything_but_an_open_invoice_sends_back_with_the_reason(
    staff_client, make, reason
):
    document = make()
    response = staff_client.get(f"/documents/{document.pk}/cancel/", follow=True)
    assert response.redirect_chain == [(f"/documents/{document.pk}/", 302)]
    assert [str(m) for m in response.context["messages"]] == [reason]
    assert 'name="reason"' not in response.content.decode()


@pytest.mark.parametrize(("make", "reason"), NOT_CANCELLABLE)
def test_posting_a_cancel_for_anything_but_an_open_invoice_changes_nothing(
    staff_client, make, reason
):
    document = make()
    cancellations = Document.objects.filter(kind=Kind.CANCELLATION).count()
    response = staff_client.post(f"/documents/{document.pk}/cancel/", {"reason": "x"}, follow=True)
    assert response.redirect_chain == [(f"/documents/{document.pk}/", 302)]
    assert [str(m) for m in response.context["messages"]] == [reason]
    assert Document.objects.filter(kind=Kind.CANCELLATION).count() == cancellations


def test_the_cancel_page_of_an_issued_invoice_names_its_number(staff_client):
    invoice = make_invoice()
    response = staff_client.get(f"/documents/{invoice.pk}/cancel/")
    assert response.status_code == 200
    assert f"Cancel invoice {invoice.number}" in response.content.decode()
    invoice.refresh_from_db()
    assert invoice.status == Status.ISSUED
