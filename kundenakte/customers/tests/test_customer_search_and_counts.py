"""Searching the customer list, the exact counts behind its headings and menus, and its pages."""

import pytest

from kundenakte.customers import services, tally
from kundenakte.customers.models import Customer, Tag
from kundenakte.customers.services.bulk import customers_bulk_add_tag, customers_bulk_set_status
from kundenakte.customers.tests.factories import make_customer, make_person, status
from kundenakte.customers.tests.listing_helpers import URL, listed, names

pytestmark = pytest.mark.django_db


# --- Search -------------------------------------------------------------------------------------


@pytest.fixture
def mueller(db):
    customer = make_customer(
        short_name="Müller Haustechnik",
        company_name="Müller Haustechnik GmbH & Co. KG",
        postal_code="80331",
        city="München",
        email="info@mueller-haustechnik.de",
        phone="089 / 12 34 56",
        tags=["Großkunde"],
        number=True,
    )
    make_person(customer, first_name="Jürgen", last_name="Weiß", email="j.weiss@example.org")
    make_customer(short_name="Schulz Elektro", city="Hamburg", postal_code="20095")
    return customer


@pytest.mark.parametrize(
    "query",
    [
        pytest.param("10000", id="customer number"),
        pytest.param("haustechnik", id="short name"),
        pytest.param("co. kg", id="company name"),
        pytest.param("80331", id="postal code"),
        pytest.param("münchen", id="city"),
        pytest.param("info@mueller", id="email"),
        pytest.param("089123456", id="phone digits"),
        pytest.param("089 / 12", id="phone as written"),
        pytest.param("jürgen", id="person first name"),
        pytest.param("weiss", id="person last name with ß"),
        pytest.param("j.weiss@example", id="person email"),
        pytest.param("großkunde", id="tag"),
    ],
)
def test_search_looks_in_every_field(staff_client, mueller, query):
    assert listed(staff_client, q=query) == ["Müller Haustechnik"]


@pytest.mark.parametrize("query", ["mueller", "muller", "MÜLLER", "Müller", "müll", "MUELL"])
def test_search_ignores_case_and_umlaut_spelling(staff_client, mueller, query):
    assert listed(staff_client, q=query) == ["Müller Haustechnik"]


def test_every_word_of_a_search_must_match(staff_client, mueller):
    make_customer(short_name="Müller Bau", city="Berlin")
    assert listed(staff_client, q="müller") == ["Müller Bau", "Müller Haustechnik"]
    assert listed(staff_client, q="müller münchen") == ["Müller Haustechnik"]
    assert listed(staff_client, q="mueller berlin") == ["Müller Bau"]
    assert listed(staff_client, q="müller hamburg") == []


def test_words_shorter_than_three_letters_are_searched_too(staff_client, mueller):
    assert listed(staff_client, q="kg") == ["Müller Haustechnik"]
    assert listed(staff_client, q="ül kg") == ["Müller Haustechnik"]
    assert listed(staff_client, q="qz") == []


def test_search_follows_changes_to_persons_tags_and_deletions(staff_client, mueller):
    person = mueller.persons.get()
    person.last_name, person.email = "Krüger", "j.krueger@example.org"
    services.person_save(person=person)
    services.customer_add_tag(customer=mueller, name="Messe 2026")
    assert listed(staff_client, q="krueger") == ["Müller Haustechnik"]
    assert listed(staff_client, q="weiss") == []
    assert listed(staff_client, q="messe") == ["Müller Haustechnik"]
    prospect = make_customer(short_name="Kurzlebig")
    services.customer_delete(customer=prospect)
    assert listed(staff_client, q="kurzlebig") == []


def live_counts(**filters) -> dict:
    rows = Customer.objects.filter(archived=False, **filters).values_list("status_id", "initial")
    result: dict = {}
    for key in rows:
        result[key] = result.get(key, 0) + 1
    return result


def test_the_tallies_count_exactly_what_a_count_of_the_rows_says(staff_client):
    a = make_customer(short_name="Anker", tags=["VIP"])
    b = make_customer(short_name="Berg", number=True, tags=["VIP", "Newsletter"])
    make_customer(short_name="Äpfel", tags=["Newsletter"])
    a.short_name = "Zebra"
    services.customer_update(user=None, customer=a, tag_names=["Newsletter", "Messe"])
    services.customer_set_archived(user=None, customer=b, archived=True)
    services.customer_assign_number(user=None, customer=a)
    services.customer_delete(customer=make_customer(short_name="Weg", tags=["VIP"]))
    customers_bulk_set_status(
        user=None, customers=Customer.objects.all(), status=status("Ehemaliger Kunde")
    )
    customers_bulk_add_tag(user=None, customers=Customer.objects.all(), name="Alle")
    services.tag_merge(source=Tag.objects.get(name="Messe"), target=Tag.objects.get(name="VIP"))
    services.tag_delete(tag=Tag.objects.get(name="Alle"))
    assert tally.tally_read() == live_counts()
    assert sum(tally.tally_read(archived=None).values()) == Customer.objects.count()
    for tag in Tag.objects.all():
        assert tally.tally_read(tag_id=tag.pk) == live_counts(tags=tag), tag.name


def test_a_search_most_customers_match_is_counted_only_up_to_a_cap(staff_client, monkeypatch):
    monkeypatch.setattr("kundenakte.customers.listing.COUNT_CAP", 5)
    for i in range(12):
        make_customer(short_name=f"Firma {i:02}", company_name=f"Firma {i:02} GmbH")
    make_customer(short_name="Zander", company_name="Zander KG")
    response = staff_client.get(URL, {"q": "gmbh"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.context["capped"] and response.context["total"] == 5
    assert names(response) == [f"Firma {i:02}" for i in range(12)]
    assert "more than 5 customers" in response.content.decode()
    assert all(entry["url"] for entry in response.context["letters"])
    assert response.context["status_menu"][0]["count"] is None
    monkeypatch.setattr("kundenakte.customers.listing.PAGE_SIZE", 5)
    monkeypatch.setattr("kundenakte.customers.views.customer_list.PAGE_SIZE", 5)
    second = staff_client.get(URL, {"q": "gmbh", "page": "2"})
    assert names(second) == [f"Firma {i:02}" for i in range(5, 10)]
    assert second.context["pager"]["next_url"] and second.context["pager"]["last"] is None
    pager = second.content.decode().split('<nav class="pagination"')[1]
    assert '<span class="muted">6–10</span>' in pager and "<span>Seite 2</span>" in pager
    assert names(staff_client.get(URL, {"q": "gmbh", "page": "9"})) == []
    exported = b"".join(staff_client.get("/customers/export.csv", {"q": "gmbh"}).streaming_content)
    assert exported.count(b"GmbH") == 12
    assert not staff_client.get(URL, {"q": "zander"}).context["capped"]
    narrowed = staff_client.get(URL, {"q": "gmbh", "status": "with_number"})
    assert not narrowed.context["capped"] and narrowed.context["total"] == 0
    customers_bulk_add_tag(
        user=None, customers=Customer.objects.filter(short_name__lt="Firma 03"), name="VIP"
    )
    tagged = staff_client.get(URL, {"q": "gmbh", "tag": "vip"})
    assert names(tagged) == ["Firma 00", "Firma 01", "Firma 02"]
    assert tagged.context["total"] == 3 and not tagged.context["capped"]


def test_a_common_word_within_tags_pages_through_the_tagged_customers_only(
    staff_client, monkeypatch
):
    # "gmbh" is in every name, so the tagged customers of the letter are listed first and only
    # their rows are tested for the word (Selection.tagged_first).
    monkeypatch.setattr("kundenakte.customers.listing.PAGE_SIZE", 3)
    monkeypatch.setattr("kundenakte.customers.views.customer_list.PAGE_SIZE", 3)
    for i in range(8):
        make_customer(short_name=f"Maler {i}", company_name=f"Maler {i} GmbH", tags=["VIP"])
        make_customer(short_name=f"Meister {i}", company_name=f"Meister {i} GmbH")
    make_customer(short_name="Moser", company_name="Moser KG", tags=["VIP"])
    make_customer(short_name="Adler", company_name="Adler GmbH", tags=["VIP"])
    params = {"q": "gmbh", "tag": "vip", "letter": "M"}
    first = staff_client.get(URL, params)
    assert names(first) == ["Maler 0", "Maler 1", "Maler 2"]
    assert first.context["total"] == 8 and not first.context["capped"]
    assert names(staff_client.get(URL, {**params, "page": "3"})) == ["Maler 6", "Maler 7"]
    in_status = staff_client.get(URL, {**params, "status": "with_number"})
    assert names(in_status) == [] and in_status.context["total"] == 0


def test_pages_far_down_start_at_their_letter_and_still_follow_the_name_order(
    staff_client, monkeypatch
):
    # A page past the first letters skips them by their counts (listing._name_segments).
    monkeypatch.setattr("kundenakte.customers.listing.PAGE_SIZE", 3)
    monkeypatch.setattr("kundenakte.customers.views.customer_list.PAGE_SIZE", 3)
    names = ["1 Plus", "Adler", "Anker", "Bach", "Berg", "Birke", "Büro", "Dach", "Zander"]
    for name in names:
        make_customer(short_name=name, number=name[0] in "AB", tags=["VIP"] if "r" in name else [])
    for params, expected in [
        ({}, names),
        ({"sort": "-name"}, names[::-1]),
        ({"status": "with_number"}, [name for name in names if name[0] in "AB"]),
        ({"tag": "VIP"}, [name for name in names if "r" in name]),
    ]:
        last = (len(expected) + 2) // 3
        pages = [listed(staff_client, **params, page=str(n)) for n in range(1, last + 1)]
        assert sum(pages, []) == expected, params


def test_a_rare_word_reads_its_few_matches_whole_so_no_guess_can_walk_the_whole_index(
    staff_client,
):
    """With a LIMIT, PostgreSQL once took a rare word for a common one and walked 100,000 rows
    in list order (listing.page_ids); without one it asks the search index."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for i in range(3):
        make_customer(short_name=f"Quastenflosser {i}", city="Radebeul")
    for i in range(40):  # so that the sample finds the word rare
        make_customer(short_name=f"Andere {i}")
    with CaptureQueriesContext(connection) as queries:
        assert listed(staff_client, q="quastenflosser") == [f"Quastenflosser {i}" for i in range(3)]
    pages = [q["sql"] for q in queries if q["sql"].startswith('SELECT "customers_customer"."id"')]
    assert pages and all("LIMIT" not in sql for sql in pages)
