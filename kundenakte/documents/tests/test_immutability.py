"""GoBD: an issued document never changes in a way that hides its original content, and it is
never deleted — refused by the services and, as a backstop, by the models themselves."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from kundenakte.customers import services as customer_services
from kundenakte.customers.tests.factories import make_customer
from kundenakte.documents import services
from kundenakte.documents.models import Document, IssuedDocumentError, LineItem
from kundenakte.documents.tests.factories import Status, make_draft, make_invoice, make_quote

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["invoice", "quote"])
def issued(request) -> Document:
    return make_invoice() if request.param == "invoice" else make_quote()


def test_the_services_refuse_to_change_an_issued_document(issued):
    item = issued.items.get()
    attempts = [
        lambda: services.document_update_draft(document=issued, subject="Neu"),
        lambda: services.item_add(document=issued, description="Extra", unit_price=D("1")),
        lambda: services.item_update(item=item, quantity=D("5")),
        lambda: services.item_remove(item=item),
        lambda: services.items_reorder(document=issued, item_ids=[item.pk]),
        lambda: services.document_delete_draft(document=issued),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError, match="can no longer be changed"):
            attempt()
    assert Document.objects.get(pk=issued.pk).items.get().quantity == D("1")


def test_the_model_refuses_to_save_a_changed_issued_document(issued):
    issued.subject = "Heimlich geändert"
    with pytest.raises(IssuedDocumentError):
        issued.save()
    issued.refresh_from_db()
    issued.gross_total = D("1.00")
    with pytest.raises(IssuedDocumentError):
        issued.save(update_fields=["gross_total"])


def test_a_stale_copy_of_a_draft_cannot_overwrite_it_once_issued():
    draft = make_draft()
    stale = Document.objects.get(pk=draft.pk)
    services.invoice_issue(invoice=draft, user=None)
    stale.subject = "Alter Stand"
    with pytest.raises(IssuedDocumentError):
        stale.save()


def test_an_issued_document_does_not_go_back_to_draft():
    invoice = make_invoice()
    invoice.status = Status.DRAFT
    with pytest.raises(IssuedDocumentError):
        invoice.save(update_fields=["status"])


def test_an_issued_document_is_never_deleted(issued):
    with pytest.raises(IssuedDocumentError):
        issued.delete()
    with pytest.raises(IssuedDocumentError):
        Document.objects.filter(pk=issued.pk).delete()
    with pytest.raises(IssuedDocumentError):
        Document.objects.filter(pk=issued.pk).update(subject="Neu")
    assert Document.objects.filter(pk=issued.pk).exists()


def test_the_items_of_an_issued_document_are_guarded_too(issued):
    item = issued.items.get()
    item.quantity = D("7")
    with pytest.raises(IssuedDocumentError):
        item.save()
    with pytest.raises(IssuedDocumentError):
        item.delete()
    items = LineItem.objects.filter(document=issued)
    with pytest.raises(IssuedDocumentError):
        items.update(quantity=D("7"))
    with pytest.raises(IssuedDocumentError):
        items.delete()
    with pytest.raises(IssuedDocumentError):
        LineItem.objects.bulk_create([LineItem(document=issued, description="x")])
    assert LineItem.objects.get(pk=item.pk).quantity == D("1")


def test_an_item_cannot_be_moved_out_of_an_issued_document():
    invoice = make_invoice()
    item = invoice.items.get()
    item.document = make_draft()
    with pytest.raises(IssuedDocumentError):
        item.save()


def test_a_customer_with_documents_can_only_be_archived():
    prospect = make_customer()
    make_quote(customer=prospect)
    with pytest.raises(ValidationError, match="only be archived"):
        customer_services.customer_delete(customer=prospect)


def test_the_database_keeps_numbers_and_drafts_apart():
    draft, invoice = make_draft(), make_invoice()
    with pytest.raises(IntegrityError), transaction.atomic():
        Document.objects.filter(pk=draft.pk).update(number="RE-1999-00001")
    with pytest.raises(IntegrityError), transaction.atomic():
        Document.objects.filter(pk=invoice.pk).update(status=Status.ACCEPTED)


def test_the_database_refuses_a_payment_above_the_gross_total():
    invoice = make_invoice()
    with pytest.raises(IntegrityError), transaction.atomic():
        Document.objects.filter(pk=invoice.pk).update(paid_total=D("119.01"))
