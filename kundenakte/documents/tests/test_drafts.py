from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from kundenakte.customers.tests.factories import make_customer, make_person
from kundenakte.documents import services
from kundenakte.documents.models import Document, LineItem
from kundenakte.documents.tests.factories import TODAY, Kind, make_delivery_note_draft, make_draft

pytestmark = pytest.mark.django_db


def positions(document: Document) -> list[tuple[int, str]]:
    return [(i.position, i.description) for i in document.items.all()]


def test_a_new_invoice_draft_has_no_number_and_the_service_date_of_today(staff_user):
    draft = services.document_create_draft(
        user=staff_user, customer=make_customer(), kind=Kind.INVOICE, today=TODAY
    )
    assert (draft.number, draft.status, draft.date) == (None, Document.Status.DRAFT, TODAY)
    assert draft.service_date == TODAY
    assert draft.created_by == staff_user


def test_a_quote_draft_is_valid_for_the_default_number_of_days(company):
    company.default_quote_validity_days = 14
    company.save()
    draft = make_draft(kind=Kind.QUOTE, items=[])
    assert draft.valid_until == TODAY + timedelta(days=14)


def test_items_are_numbered_in_order_and_the_draft_totals_follow():
    draft = make_draft(items=[("2", "50.00", "19"), ("1", "10.00", "7")])
    assert [p for p, _ in positions(draft)] == [1, 2]
    assert (draft.net_total, draft.vat_total, draft.gross_total) == (
        D("110.00"),
        D("19.70"),
        D("129.70"),
    )
    assert services.document_totals(document=draft).gross == D("129.70")


def test_updating_an_item_updates_the_totals():
    draft = make_draft()
    item = draft.items.get()
    services.item_update(item=item, quantity=D("3"), discount_percent=D("10"))
    draft.refresh_from_db()
    assert (draft.net_total, draft.gross_total) == (D("270.00"), D("321.30"))


def test_removing_an_item_closes_the_gap_and_updates_the_totals():
    draft = make_draft(items=[("1", "1.00", "19"), ("1", "2.00", "19"), ("1", "3.00", "19")])
    services.item_remove(item=draft.items.get(position=2))
    draft.refresh_from_db()
    assert [p for p, _ in positions(draft)] == [1, 2]
    assert draft.net_total == D("4.00")


def test_items_are_reordered_by_the_listed_ids():
    draft = make_draft(items=[("1", "1.00", "19"), ("2", "2.00", "19"), ("3", "3.00", "19")])
    first, second, third = draft.items.all()
    services.items_reorder(document=draft, item_ids=[third.pk, first.pk, second.pk])
    assert [i.pk for i in draft.items.all()] == [third.pk, first.pk, second.pk]
    assert [i.position for i in draft.items.all()] == [1, 2, 3]


def test_a_new_order_must_list_every_item_once():
    draft = make_draft(items=[("1", "1.00", "19"), ("2", "2.00", "19")])
    first, second = draft.items.all()
    for ids in ([first.pk], [first.pk, first.pk], [first.pk, second.pk, 999999]):
        with pytest.raises(ValidationError):
            services.items_reorder(document=draft, item_ids=ids)


def test_a_delivery_note_lists_its_items_without_prices():
    draft = make_delivery_note_draft()
    item = draft.items.get()
    assert (item.unit_price, item.vat_rate, draft.gross_total) == (None, None, D("0.00"))
    with pytest.raises(ValidationError, match="without prices"):
        services.item_add(document=draft, description="Schrank", unit_price=D("5.00"))


def test_a_quote_or_invoice_item_needs_a_price():
    draft = make_draft(items=[])
    with pytest.raises(ValidationError) as error:
        services.item_add(document=draft, description="Tisch")
    assert "unit_price" in error.value.message_dict


def test_bad_numbers_get_a_message_on_their_field():
    draft = make_draft(items=[])
    cases = [
        ({"quantity": D("1.2345")}, "quantity"),
        ({"unit_price": D("1.234")}, "unit_price"),
        ({"discount_percent": D("150")}, "discount_percent"),
        ({"vat_rate": D("-1")}, "vat_rate"),
    ]
    for values, field in cases:
        fields = {"unit_price": D("1.00"), **values}
        with pytest.raises(ValidationError) as error:
            services.item_add(document=draft, description="Tisch", **fields)
        assert field in error.value.message_dict
    assert not draft.items.exists()


def test_the_header_of_a_draft_can_be_changed():
    customer = make_customer()
    person = make_person(customer)
    draft = make_draft(customer=customer)
    services.document_update_draft(
        document=draft, subject="Küche", person=person, service_date=date(2026, 2, 1)
    )
    draft.refresh_from_db()
    assert (draft.subject, draft.person, draft.service_date) == ("Küche", person, date(2026, 2, 1))


def test_the_contact_person_must_belong_to_the_customer():
    draft = make_draft()
    stranger = make_person(make_customer())
    with pytest.raises(ValidationError) as error:
        services.document_update_draft(document=draft, person=stranger)
    assert "person" in error.value.message_dict


def test_a_service_period_cannot_end_before_it_starts():
    draft = make_draft()
    with pytest.raises(ValidationError):
        services.document_update_draft(
            document=draft, service_date=date(2026, 3, 1), service_period_end=date(2026, 2, 1)
        )


def test_only_a_quote_has_a_valid_until_date():
    with pytest.raises(ValidationError) as error:
        make_draft(kind=Kind.INVOICE, valid_until=date(2026, 4, 1))
    assert "valid_until" in error.value.message_dict


def test_fields_the_services_set_cannot_be_passed_as_header_changes():
    draft = make_draft()
    with pytest.raises(TypeError):
        services.document_update_draft(document=draft, number="RE-1")


def test_a_switched_off_module_takes_no_new_drafts(company):
    company.quotes_enabled = False
    company.save()
    with pytest.raises(ValidationError, match="Quotes are switched off"):
        make_draft(kind=Kind.QUOTE)
    assert make_draft(kind=Kind.INVOICE).is_draft


def test_a_cancellation_is_not_drafted_by_hand():
    with pytest.raises(ValidationError):
        make_draft(kind=Kind.CANCELLATION)


def test_a_draft_is_deleted_with_its_items():
    draft = make_draft(items=[("1", "1.00", "19"), ("2", "2.00", "19")])
    services.document_delete_draft(document=draft)
    assert not Document.objects.filter(pk=draft.pk).exists()
    assert not LineItem.objects.exists()


def test_the_totals_of_a_draft_follow_the_small_business_setting(company):
    draft = make_draft()
    company.small_business = True
    company.save()
    assert services.document_totals(document=draft).gross == D("100.00")
