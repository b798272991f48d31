"""A common search word is tested row by row in plain SQL (listing/scan.py): it must select,
count and order exactly what the ORM's Selection.queryset(use_index=False) does."""

import dataclasses
import itertools

import pytest
from django.http import QueryDict

from kundenakte.customers import listing, services
from kundenakte.customers.listing import scan
from kundenakte.customers.models import Customer
from kundenakte.customers.tests.factories import make_customer
from kundenakte.customers.tests.listing_helpers import URL, names

pytestmark = pytest.mark.django_db

CITIES = ["Köln", "Aachen", "Zwickau", "Bonn"]
NAMES = ["Maler", "Müller", "Äpfel", "Zander", "4U Service", "Meister", "Ölmühle"]


@pytest.fixture
def customers(db):
    made = []
    for i, name in enumerate(NAMES * 3):
        tags = [["VIP"], ["VIP", "Neu"], [], ["Neu"]][i % 4]
        made.append(
            make_customer(
                short_name=f"{name} {i:02}",
                company_name=f"{name} {i:02} GmbH" if i % 3 else f"{name} {i:02} KG",
                city=CITIES[i % len(CITIES)],
                tags=tags,
                number=i % 2 == 0,
            )
        )
    services.customer_set_archived(user=None, customer=made[5], archived=True)
    return made


def selection(**params) -> listing.Selection:
    query = QueryDict(mutable=True)
    for key, value in params.items():
        query.setlist(key, value if isinstance(value, list) else [value])
    return listing.select(query)


FILTERS = {
    "status": ["", "with_number", "without_number", "status-id"],
    "letter": ["", "M", "#"],
    "tag": [[], ["VIP"], ["VIP", "Neu"]],
    "q": ["gmbh", "müller gmbh", "mueller"],
    "archived": ["", "1"],
}


def test_the_scan_selects_counts_and_orders_like_the_orm(customers):
    some_status = str(Customer.objects.filter(number__isnull=False).first().status_id)
    checked = 0
    for values in itertools.product(*FILTERS.values()):
        params = dict(zip(FILTERS, values, strict=True))
        params["status"] = some_status if params["status"] == "status-id" else params["status"]
        chosen = selection(**params)
        expected = chosen.queryset(use_index=False)
        assert scan.count_to(chosen, 10_000) == expected.count(), params
        assert scan.count_to(chosen, 2) == min(2, expected.count()), params
        for sort, descending in itertools.product(listing._ORDERS, (False, True)):
            order = listing._order(listing._ORDERS[sort], descending)
            wanted = list(expected.order_by(*order).values_list("pk", flat=True))
            assert scan.page_ids(chosen, order, 0, 1_000) == wanted, (params, order)
            assert scan.page_ids(chosen, order, 2, 3) == wanted[2:5], (params, order)
            if chosen.tags:
                tagged = chosen.tagged_first().order_by(*order).values_list("pk", flat=True)
                assert scan.tagged_first_ids(chosen, order, 1_000) == wanted == list(tagged)
                assert scan.tagged_first_ids(chosen, order, 2) == wanted[:2]
        checked += 1
    assert checked == 216


def test_the_sample_counts_the_first_customers_in_name_order(customers):
    first = list(Customer.objects.filter(archived=False).order_by(*listing.NAME_ORDER)[:6])
    expected = sum("gmbh" in customer.search_text for customer in first)
    assert 0 < expected < 6
    assert scan.sample_hits(False, 6, "GmbH", listing.NAME_ORDER) == expected
    assert scan.sample_hits(False, 6, "  ", listing.NAME_ORDER) == 6


@pytest.mark.parametrize("query", ["100%", "a_b", "back\\slash"])
def test_like_wildcards_in_a_search_are_taken_literally(staff_client, query):
    target = make_customer(short_name=f"Kunde {query}", company_name=f"Kunde {query} GmbH")
    for decoy in ("Kunde 1000", "Kunde axb", "Kunde backslash", "Kunde back/slash"):
        make_customer(short_name=decoy, company_name=f"{decoy} GmbH")
    chosen = selection(q=query)
    assert scan.count_to(chosen, 100) == 1
    assert scan.page_ids(chosen, list(listing.NAME_ORDER), 0, 50) == [target.pk]
    assert names(staff_client.get(URL, {"q": query})) == [target.short_name]


def test_nobody_is_selected_by_an_unknown_tag_or_an_empty_status_class(customers):
    assert scan.count_to(selection(q="gmbh", tag="nie vergeben"), 100) == 0
    empty = selection(q="gmbh", status="without_number")
    empty.statuses = [s for s in empty.statuses if s.kind != "without_number"]
    assert empty.status_ids == set()
    assert scan.count_to(empty, 100) == 0
    assert scan.page_ids(empty, list(listing.NAME_ORDER), 0, 50) == []


def test_a_common_word_pages_through_the_list_in_order(staff_client, customers, monkeypatch):
    monkeypatch.setattr("kundenakte.customers.listing.COUNT_CAP", 4)
    monkeypatch.setattr("kundenakte.customers.listing.PAGE_SIZE", 4)
    monkeypatch.setattr("kundenakte.customers.views.customer_list.PAGE_SIZE", 4)
    order = listing._order(listing._ORDERS["city"], descending=True)
    everyone = Customer.objects.filter(archived=False).order_by(*order)
    wanted = [c.short_name for c in everyone if "gmbh" in c.search_text]
    shown = []
    for page in range(1, 6):
        response = staff_client.get(URL, {"q": "gmbh", "sort": "-city", "page": page})
        assert response.context["capped"]
        shown += names(response)
    assert shown == wanted


def test_a_common_word_past_its_last_page_shows_the_last_page(staff_client, customers, monkeypatch):
    # Counting reads the asked-for page in the same round trip; past the end it is read again.
    monkeypatch.setattr("kundenakte.customers.listing.PAGE_SIZE", 4)
    monkeypatch.setattr("kundenakte.customers.views.customer_list.PAGE_SIZE", 4)
    everyone = Customer.objects.filter(archived=False).order_by(*listing.NAME_ORDER)
    wanted = [c.short_name for c in everyone if "gmbh" in c.search_text]
    assert 8 < len(wanted) < listing.COUNT_CAP
    last = (len(wanted) - 1) // 4 + 1
    for page, expected in ((1, wanted[:4]), (2, wanted[4:8]), (99, wanted[(last - 1) * 4 :])):
        response = staff_client.get(URL, {"q": "gmbh", "page": page})
        assert not response.context["capped"] and response.context["total"] == len(wanted)
        assert names(response) == expected, page


def test_a_page_without_a_search_walks_like_the_orm_and_starts_at_its_letter(customers):
    some_status = str(Customer.objects.filter(number__isnull=False).first().status_id)
    for status, tags, archived in itertools.product(
        ["", "with_number", some_status], [[], ["VIP"], ["VIP", "Neu"]], ["", "1"]
    ):
        chosen = selection(status=status, tag=tags, archived=archived)
        counts = listing.count(chosen)
        for sort, descending in itertools.product(listing._ORDERS, (False, True)):
            order = listing._order(listing._ORDERS[sort], descending)
            wanted = list(chosen.queryset().order_by(*order).values_list("pk", flat=True))
            assert scan.page_ids(chosen, order, 0, 1_000) == wanted
            if sort != "name":
                continue
            sort_by = "-name" if descending else "name"
            chosen.filter = dataclasses.replace(chosen.filter, sort=sort_by)
            for offset in range(len(wanted) + 1):
                letter, skipped = listing._letters_before(chosen, counts, offset)
                page = scan.page_ids(chosen, order, offset - skipped, 3, start=letter)
                assert page == wanted[offset : offset + 3], (status, tags, descending, offset)
