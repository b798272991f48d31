"""The document page and its buttons: send, accept, reject, convert, issue, cancel, pay."""

from decimal import Decimal as D

import pytest
from django.utils import timezone

from kundenakte.accounts.models import CompanySettings
from kundenakte.customers.tests.factories import make_customer
from kundenakte.documents import services
from kundenakte.documents.models import Document, Payment
from kundenakte.documents.tests.factories import (
    Kind,
    Status,
    make_delivery_note_draft,
    make_draft,
    make_invoice,
    make_quote,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_pages(settings):
    settings.LANGUAGE_CODE = "en"


def follow(client, url, data=None):
    """POST and follow the redirect; the page and the messages it shows."""
    response = client.post(url, data or {}, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


# --- The page ---------------------------------------------------------------------------------


def test_the_page_of_an_issued_invoice(staff_client):
    invoice = make_invoice(subject="Regal")
    page = staff_client.get(f"/documents/{invoice.pk}/").content.decode()
    assert invoice.number in page and "Regal" in page
    assert "Hauptstraße 1" in page and "10115 Berlin" in page  # the frozen recipient
    assert "VAT 19 % on 100.00 €" in page and "119.00" in page
    assert f'href="/documents/{invoice.pk}/pdf/"' in page
    assert 'id="record-payment"' in page and 'id="action-cancel"' in page
    assert 'id="action-edit"' not in page


def test_the_page_shows_the_address_as_issued_not_as_changed(staff_client):
    invoice = make_invoice()
    customer = invoice.customer
    customer.street = "Neue Straße 99"
    customer.save()
    page = staff_client.get(f"/documents/{invoice.pk}/").content.decode()
    assert "Hauptstraße 1" in page and "Neue Straße 99" not in page


def test_a_draft_has_no_pdf_link_but_edit_issue_and_delete(staff_client):
    draft = make_draft()
    page = staff_client.get(f"/documents/{draft.pk}/").content.decode()
    assert "/pdf/" not in page
    for button in ("action-edit", "action-issue", "action-delete"):
        assert f'id="{button}"' in page


def test_read_only_users_see_the_page_without_buttons(readonly_client):
    quote = make_quote()
    invoice = make_invoice()
    for document in (quote, invoice, make_draft()):
        page = readonly_client.get(f"/documents/{document.pk}/").content.decode()
        assert 'id="action-' not in page and 'id="record-payment"' not in page
    assert "/pdf/" in readonly_client.get(f"/documents/{invoice.pk}/").content.decode()


def test_the_document_page_costs_a_few_queries(staff_client, django_assert_max_num_queries):
    invoice = make_invoice(items=[("1", "10", "19")] * 20)
    services.payment_record(invoice=invoice, amount=D("10"), date=invoice.date, user=None)
    with django_assert_max_num_queries(10):
        response = staff_client.get(f"/documents/{invoice.pk}/")
    assert response.status_code == 200


def test_a_document_of_a_module_switched_off_answers_404(staff_client):
    quote = make_quote()
    CompanySettings.objects.update(quotes_enabled=False)
    assert staff_client.get(f"/documents/{quote.pk}/").status_code == 404
    assert staff_client.post(f"/documents/{quote.pk}/accept/").status_code == 404


# --- Quotes ------------------------------------------------------------------------------------


def test_sending_a_quote_gives_it_a_number(staff_client, staff_user):
    draft = make_draft(kind=Kind.QUOTE, today=timezone.localdate())
    response = staff_client.post(f"/documents/{draft.pk}/send/", follow=True)
    draft.refresh_from_db()
    assert draft.status == Status.SENT and draft.number.startswith("AN-")
    assert draft.issued_by == staff_user
    assert f"Quote {draft.number} sent." in messages_of(response)


def test_a_quote_without_items_is_not_sent_and_the_user_is_told(staff_client):
    draft = make_draft(kind=Kind.QUOTE, items=[], today=timezone.localdate())
    url = f"/documents/{draft.pk}/edit/"
    response = staff_client.post(f"/documents/{draft.pk}/send/", {"next": url}, follow=True)
    assert response.redirect_chain[-1][0] == url  # back where the button was
    assert "Add at least one item first." in messages_of(response)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_a_quote_valid_until_a_day_gone_by_is_not_sent(staff_client):
    draft = make_draft(kind=Kind.QUOTE)  # made in March, valid for 30 days
    response = staff_client.post(f"/documents/{draft.pk}/send/", follow=True)
    assert "The valid-until date lies in the past." in messages_of(response)


def test_accepting_and_rejecting_a_quote(staff_client):
    accepted, rejected = make_quote(), make_quote()
    staff_client.post(f"/documents/{accepted.pk}/accept/")
    staff_client.post(f"/documents/{rejected.pk}/reject/")
    accepted.refresh_from_db()
    rejected.refresh_from_db()
    assert (accepted.status, rejected.status) == (Status.ACCEPTED, Status.REJECTED)
    response = staff_client.post(f"/documents/{accepted.pk}/reject/", follow=True)
    assert "The customer has answered this quote already (Accepted)." in messages_of(response)


def test_accepting_and_rejecting_a_quote_is_recorded_with_who_and_when(staff_client, staff_user):
    accepted, rejected = make_quote(), make_quote()
    staff_client.post(f"/documents/{accepted.pk}/accept/")
    staff_client.post(f"/documents/{rejected.pk}/reject/")
    for quote, label in ((accepted, "Accepted"), (rejected, "Rejected")):
        quote.refresh_from_db()
        assert quote.answered_by == staff_user and quote.answered_at is not None
        page = staff_client.get(f"/documents/{quote.pk}/").content.decode()
        record = page.split('id="record-heading"')[1]
        assert f"<dt>{label}</dt>" in record and "Sven-Staff" in record


def test_a_quote_becomes_an_invoice_and_a_delivery_note(staff_client):
    quote = make_quote(subject="Terrasse")
    response = staff_client.post(f"/documents/{quote.pk}/convert/", {"kind": "invoice"})
    invoice = Document.objects.get(kind=Kind.INVOICE)
    assert response["Location"] == f"/documents/{invoice.pk}/edit/"
    assert (invoice.source, invoice.subject, invoice.gross_total) == (quote, "Terrasse", 119)
    staff_client.post(f"/documents/{quote.pk}/convert/", {"kind": "delivery_note"})
    note = Document.objects.get(kind=Kind.DELIVERY_NOTE)
    assert note.items.get().unit_price is None
    page = staff_client.get(f"/documents/{quote.pk}/").content.decode()
    assert f'href="/documents/{invoice.pk}/"' in page and f'href="/documents/{note.pk}/"' in page


def test_a_draft_quote_cannot_be_converted(staff_client):
    draft = make_draft(kind=Kind.QUOTE)
    response = staff_client.post(
        f"/documents/{draft.pk}/convert/", {"kind": "invoice"}, follow=True
    )
    assert "Only a sent or accepted quote can be turned into another document." in messages_of(
        response
    )
    assert not Document.objects.filter(kind=Kind.INVOICE).exists()


# --- Issuing -----------------------------------------------------------------------------------


def test_issuing_the_first_invoice_gives_the_customer_its_number(staff_client):
    prospect = make_customer(short_name="Neukunde")
    draft = make_draft(customer=prospect)
    response = staff_client.post(f"/documents/{draft.pk}/issue/", follow=True)
    draft.refresh_from_db()
    prospect.refresh_from_db()
    assert draft.status == Status.ISSUED and draft.number.startswith("RE-")
    assert prospect.number == "10000" and prospect.status.name == "Kunde"
    assert (
        f"Invoice {draft.number} issued. Neukunde is now a customer with number 10000 (Kunde)."
        in messages_of(response)
    )


def test_an_invoice_is_not_issued_without_the_seller_data(staff_client, company):
    company.street = ""
    company.save()
    draft = make_draft()
    response = staff_client.post(f"/documents/{draft.pk}/issue/", follow=True)
    assert any("The company settings lack data" in m for m in messages_of(response))
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT and not draft.customer.number


def test_issuing_a_delivery_note(staff_client):
    note = make_delivery_note_draft()
    response = staff_client.post(f"/documents/{note.pk}/issue/", follow=True)
    note.refresh_from_db()
    assert note.status == Status.ISSUED and note.number.startswith("LS-")
    assert f"Delivery note {note.number} issued." in messages_of(response)


def test_issuing_twice_gets_a_message_not_an_error(staff_client):
    invoice = make_invoice()
    response = staff_client.post(f"/documents/{invoice.pk}/issue/", follow=True)
    assert any("can no longer be changed" in m for m in messages_of(response))


# --- Cancelling ---------------------------------------------------------------------------------


def test_an_invoice_is_cancelled_after_confirmation(staff_client):
    invoice = make_invoice()
    page = staff_client.get(f"/documents/{invoice.pk}/cancel/").content.decode()
    assert "cancellation invoice" in page and 'name="reason"' in page
    response = staff_client.post(
        f"/documents/{invoice.pk}/cancel/", {"reason": "Falscher Betrag"}, follow=True
    )
    cancellation = Document.objects.get(kind=Kind.CANCELLATION)
    invoice.refresh_from_db()
    assert invoice.status == Status.CANCELLED
    assert (cancellation.cancels, cancellation.intro, cancellation.gross_total) == (
        invoice,
        "Falscher Betrag",
        D("-119.00"),
    )
    assert response.redirect_chain[-1][0] == f"/documents/{cancellation.pk}/"
    page = response.content.decode()
    assert "Cancellation invoice" in page and f'href="/documents/{invoice.pk}/"' in page
    assert "Gutschrift" not in page


def test_a_paid_invoice_is_not_cancelled_and_the_user_is_told_why(staff_client):
    invoice = make_invoice()
    services.payment_record(invoice=invoice, amount=D("19"), date=invoice.date, user=None)
    response = staff_client.post(f"/documents/{invoice.pk}/cancel/", follow=True)
    assert "This invoice has payments recorded; remove them before cancelling it." in (
        messages_of(response)
    )


# --- Payments -------------------------------------------------------------------------------------


def test_a_partial_payment_lowers_the_open_amount(staff_client, staff_user):
    invoice = make_invoice()
    response = staff_client.post(
        f"/documents/{invoice.pk}/payments/",
        {"date": "05.03.2026", "amount": "100,00", "note": "Überweisung"},
        follow=True,
    )
    assert "Payment recorded. Open amount: 19.00 €." in messages_of(response)
    payment = Payment.objects.get()
    assert (payment.amount, payment.note, payment.created_by) == (
        D("100"),
        "Überweisung",
        staff_user,
    )
    invoice.refresh_from_db()
    assert (invoice.status, invoice.open_amount) == (Status.ISSUED, D("19.00"))
    assert 'id="open-amount">19.00' in response.content.decode()


def test_the_rest_settles_the_invoice(staff_client):
    invoice = make_invoice()
    url = f"/documents/{invoice.pk}/payments/"
    staff_client.post(url, {"date": "2026-03-05", "amount": "100"})
    staff_client.post(url, {"date": "2026-03-06", "amount": "19"})
    invoice.refresh_from_db()
    assert invoice.status == Status.PAID
    page = staff_client.get(f"/documents/{invoice.pk}/").content.decode()
    assert 'id="record-payment"' not in page and "Paid" in page


def test_an_overpayment_is_refused_with_a_message(staff_client):
    invoice = make_invoice()
    response = staff_client.post(
        f"/documents/{invoice.pk}/payments/", {"date": "05.03.2026", "amount": "200"}
    )
    assert response.status_code == 200
    assert "The amount exceeds the open amount of 119.00 €." in response.content.decode()
    assert not Payment.objects.exists()


def test_a_bad_payment_amount_or_date_gets_a_message(staff_client):
    invoice = make_invoice()
    page = staff_client.post(
        f"/documents/{invoice.pk}/payments/", {"date": "32.03.2026", "amount": "viel"}
    ).content.decode()
    assert "Enter a valid date." in page and "Enter a number" in page
    assert not Payment.objects.exists()


def test_payments_on_a_draft_are_refused_with_a_message(staff_client):
    draft = make_draft()
    response = staff_client.post(
        f"/documents/{draft.pk}/payments/", {"date": "05.03.2026", "amount": "10"}, follow=True
    )
    assert "Issue the invoice before recording payments." in messages_of(response)


def test_only_administrators_remove_payments(staff_client, admin_client):
    invoice = make_invoice()
    payment = services.payment_record(
        invoice=invoice, amount=D("119"), date=invoice.date, user=None
    )
    assert staff_client.post(f"/documents/payments/{payment.pk}/delete/").status_code == 403
    admin_client.post(f"/documents/payments/{payment.pk}/delete/")
    invoice.refresh_from_db()
    assert invoice.status == Status.ISSUED and not Payment.objects.exists()


# --- Permissions ----------------------------------------------------------------------------------


def test_read_only_users_get_403_on_every_step(readonly_client):
    quote, invoice = make_quote(), make_invoice()
    for url in (
        f"/documents/{quote.pk}/accept/",
        f"/documents/{quote.pk}/reject/",
        f"/documents/{quote.pk}/convert/",
        f"/documents/{quote.pk}/send/",
        f"/documents/{invoice.pk}/issue/",
        f"/documents/{invoice.pk}/cancel/",
        f"/documents/{invoice.pk}/payments/",
    ):
        assert readonly_client.post(url, {"kind": "invoice", "amount": "1"}).status_code == 403
    assert readonly_client.get(f"/documents/{invoice.pk}/cancel/").status_code == 403
    quote.refresh_from_db()
    invoice.refresh_from_db()
    assert (quote.status, invoice.status) == (Status.SENT, Status.ISSUED)


def test_the_steps_only_take_posts(staff_client):
    quote = make_quote()
    assert staff_client.get(f"/documents/{quote.pk}/accept/").status_code == 405
