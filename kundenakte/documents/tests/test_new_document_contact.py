"""A new document is addressed to the customer's primary contact."""

import pytest

from kundenakte.customers.tests.factories import make_customer, make_person
from kundenakte.documents.models import Document

pytestmark = pytest.mark.django_db


def test_a_new_document_names_the_customer_s_primary_contact(staff_client):
    customer = make_customer()
    make_person(customer, last_name="Anders")
    primary = make_person(customer, last_name="Berg", is_primary=True)
    for slug in ("quotes", "invoices", "delivery-notes"):
        staff_client.post(f"/documents/new/{slug}/", {"customer": customer.pk})
    assert [d.person for d in Document.objects.all()] == [primary] * 3


def test_a_new_document_for_a_customer_without_contacts_names_nobody(staff_client):
    customer = make_customer()
    staff_client.post("/documents/new/quotes/", {"customer": customer.pk})
    assert Document.objects.get().person is None
