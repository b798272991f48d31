"""The customer list: filters, search, sorting, pages and counts, through the HTTP client."""

import pytest
from django.db import connection

from kundenakte.customers import search_index, services, tally
from kundenakte.customers.models import Person, Status
from kundenakte.customers.search_index import FTS_TABLE, TRIGRAM_INDEX
from kundenakte.customers.tests.factories import make_customer, make_person, status
from kundenakte.customers.tests.listing_helpers import URL, letter_links, listed, names

pytestmark = pytest.mark.django_db


# --- What a row shows ---------------------------------------------------------------------------


def test_a_row_shows_name_number_city_status_tags_contact_phone_and_email(staff_client):
    customer = make_customer(
        short_name="Bäckerei Korn",
        city="Köln",
        phone="0221 123456",
        tags=["Gastronomie"],
        number=True,
    )
    make_person(customer, first_name="Aylin", last_name="Özdemir", email="aylin@korn.de")
    html = staff_client.get(URL).content.decode()
    assert f'href="/customers/{customer.pk}/"' in html
    for text in (
        "Bäckerei Korn",
        customer.number,
        "Köln",
        "Kunde",
        "Gastronomie",
        "Aylin Özdemir",
        "0221 123456",
        "aylin@korn.de",
    ):
        assert text in html


def test_a_row_escapes_what_users_typed(staff_client):
    customer = make_customer(
        short_name='<b>Krause & "Söhne"</b>', city="<i>Ulm</i>", email="a&b@example.org"
    )
    make_person(customer, first_name="<Eva>", phone="030 1")
    # Jinja2 (the list's rows) spells an escaped quote &#34;, Django &quot;.
    html = staff_client.get(URL).content.decode().replace("&#34;", "&quot;")
    assert "&lt;b&gt;Krause &amp; &quot;Söhne&quot;&lt;/b&gt;" in html and "<b>Krause" not in html
    assert "&lt;i&gt;Ulm&lt;/i&gt;" in html and "&lt;Eva&gt;" in html
    assert '<a href="mailto:a&amp;b@example.org">a&amp;b@example.org</a>' in html
    assert '<a href="tel:030 1">030 1</a>' in html


def test_only_users_who_may_change_customers_get_a_tick_box_per_row(staff_client, readonly_client):
    customer = make_customer(short_name="Adler")
    box = f'<input type="checkbox" name="customer" value="{customer.pk}" form="bulk-form"'
    assert box in staff_client.get(URL).content.decode()
    assert box not in readonly_client.get(URL).content.decode()


@pytest.mark.parametrize(
    "value, heading, total",
    [
        ("", "All customers", 3),
        ("with_number", "Customers with number", 1),
        ("without_number", "Customers without number", 2),
    ],
)
def test_the_heading_and_total_name_the_selection(staff_client, value, heading, total):
    make_customer(short_name="Adler")
    make_customer(short_name="Anker")
    make_customer(short_name="Berger", number=True)
    response = staff_client.get(URL, {"status": value}, HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert response.context["total"] == total
    assert f"{total} customer" in html


def test_the_heading_is_the_status_name_for_a_single_status(staff_client):
    response = staff_client.get(URL, {"status": status("Ehemaliger Kunde").pk})
    assert response.context["heading"] == "Ehemaliger Kunde"


def test_archived_customers_are_hidden_unless_the_archive_is_asked_for(staff_client):
    make_customer(short_name="Aktiv", tags=["VIP"])
    archived = make_customer(short_name="Archiviert", tags=["VIP"])
    services.customer_set_archived(user=None, customer=archived, archived=True)
    assert listed(staff_client) == ["Aktiv"]
    assert listed(staff_client, q="archiviert") == []
    assert listed(staff_client, tag="VIP") == ["Aktiv"]
    assert listed(staff_client, archived="1") == ["Archiviert"]
    assert listed(staff_client, archived="1", q="archiv", tag="vip") == ["Archiviert"]
    assert staff_client.get(URL, {"archived": "1"}).context["total"] == 1


# --- Status filter ------------------------------------------------------------------------------


def test_the_status_filter_takes_a_class_or_a_single_status(staff_client):
    make_customer(short_name="Interessent A")
    make_customer(short_name="Kunde B", number=True)
    former = make_customer(short_name="Ehemalig C", number=True)
    former.status = status("Ehemaliger Kunde")
    services.customer_update(user=None, customer=former)
    assert listed(staff_client, status="with_number") == ["Ehemalig C", "Kunde B"]
    assert listed(staff_client, status="without_number") == ["Interessent A"]
    assert listed(staff_client, status=status("Kunde").pk) == ["Kunde B"]
    assert listed(staff_client) == ["Ehemalig C", "Interessent A", "Kunde B"]


def test_the_status_menu_counts_what_each_entry_would_show(staff_client):
    make_customer(short_name="Adler")
    make_customer(short_name="Anker", number=True)
    make_customer(short_name="Berg", number=True)
    menu = staff_client.get(URL, {"letter": "A"}).context["status_menu"]
    counts = {entry["label"]: entry["count"] for entry in menu}
    assert counts["Interessent"] == 1
    assert counts["Kunde"] == 1
    assert counts["Ehemaliger Kunde"] == 0
    assert menu[0]["count"] == 2  # all customers under A


# --- A–Z bar ------------------------------------------------------------------------------------


def test_umlauts_count_as_their_base_letter(staff_client):
    for name in ("Ärztehaus Nord", "Apfelhof", "Özdemir Bau", "Ostwind", "Übersee Handel"):
        make_customer(short_name=name)
    assert listed(staff_client, letter="A") == ["Apfelhof", "Ärztehaus Nord"]
    assert listed(staff_client, letter="O") == ["Ostwind", "Özdemir Bau"]
    assert listed(staff_client, letter="U") == ["Übersee Handel"]


def test_names_starting_with_a_digit_or_symbol_are_under_hash(staff_client):
    for name in ("1&1 Versand", "@home Service", "(Klammer) KG", "Zander"):
        make_customer(short_name=name)
    assert sorted(listed(staff_client, letter="#")) == [
        "(Klammer) KG",
        "1&1 Versand",
        "@home Service",
    ]
    assert listed(staff_client, letter="Z") == ["Zander"]
    assert "1&1 Versand" not in listed(staff_client, letter="V")


def test_letters_without_customers_in_the_selection_are_disabled(staff_client):
    make_customer(short_name="Adler")
    make_customer(short_name="Zander", number=True)
    make_customer(short_name="7 Zwerge", tags=["Garten"])
    everything = letter_links(staff_client.get(URL))
    assert everything["A"] and everything["Z"] and everything["#"] and not everything["B"]
    with_number = letter_links(staff_client.get(URL, {"status": "with_number"}))
    assert with_number["Z"] and not with_number["A"] and not with_number["#"]
    tagged = letter_links(staff_client.get(URL, {"tag": "Garten", "letter": "A"}))
    assert tagged["#"] and not tagged["Z"]
    assert tagged["A"]  # the chosen letter stays clickable even when nothing is under it


def test_a_disabled_letter_is_not_a_link(staff_client):
    make_customer(short_name="Adler")
    html = staff_client.get(URL).content.decode()
    assert '<span aria-disabled="true">Q</span>' in html
    assert "letter=A" in html


# --- Tags ---------------------------------------------------------------------------------------


def test_tags_filter_with_and_semantics_ignoring_case(staff_client):
    make_customer(short_name="Nur Newsletter", tags=["Newsletter"])
    make_customer(short_name="Nur VIP", tags=["VIP"])
    make_customer(short_name="Beides", tags=["Newsletter", "VIP"])
    assert listed(staff_client, tag="newsletter") == ["Beides", "Nur Newsletter"]
    assert listed(staff_client, tag=["Newsletter", "vip"]) == ["Beides"]


def test_a_tag_that_does_not_exist_selects_nothing(staff_client):
    make_customer(short_name="Mit Tag", tags=["VIP"])
    response = staff_client.get(URL, {"tag": ["VIP", "Gibt es nicht"]})
    assert names(response) == []
    assert response.context["total"] == 0
    assert [chip["known"] for chip in response.context["tag_chips"]] == [True, False]


def test_all_filters_combine(staff_client):
    target = make_customer(short_name="Bäckerei Sonne", city="Köln", tags=["VIP", "Bio"])
    services.customer_assign_number(user=None, customer=target)
    make_customer(short_name="Bäckerei Mond", city="Köln", tags=["VIP", "Bio"])  # no number
    make_customer(short_name="Bäckerei Stern", city="Bonn", tags=["VIP", "Bio"], number=True)
    make_customer(short_name="Bäckerei Wind", city="Köln", tags=["VIP"], number=True)
    make_customer(short_name="Konditorei Sonne", city="Köln", tags=["VIP", "Bio"], number=True)
    params = {
        "q": "koln",
        "status": status("Kunde").pk,
        "letter": "B",
        "tag": ["VIP", "bio"],
        "sort": "-city",
    }
    response = staff_client.get(URL, params)
    assert names(response) == ["Bäckerei Sonne"]
    assert response.context["total"] == 1


# --- Sorting ------------------------------------------------------------------------------------


def test_short_names_sort_by_din_5007_variant_1(staff_client):
    for name in ("Ozean", "Öl", "Ober", "Azur", "Ärger", "Apfel", "Straße", "Strasbourg", "3D"):
        make_customer(short_name=name)
    expected = ["3D", "Apfel", "Ärger", "Azur", "Ober", "Öl", "Ozean", "Strasbourg", "Straße"]
    assert listed(staff_client) == expected
    assert listed(staff_client, sort="-name") == expected[::-1]


def test_customers_without_number_come_last_when_sorting_by_number(staff_client):
    make_customer(short_name="Ohne")
    make_customer(short_name="Erster", number=True)
    make_customer(short_name="Zweiter", number=True)
    assert listed(staff_client, sort="number") == ["Erster", "Zweiter", "Ohne"]
    assert listed(staff_client, sort="-number") == ["Zweiter", "Erster", "Ohne"]


def test_sorting_by_city_and_by_creation(staff_client):
    make_customer(short_name="Erst", city="Hamburg")
    make_customer(short_name="Dann", city="Aachen")
    make_customer(short_name="Zuletzt", city="Bremen")
    assert listed(staff_client, sort="city") == ["Dann", "Zuletzt", "Erst"]
    assert listed(staff_client, sort="-city") == ["Erst", "Zuletzt", "Dann"]
    assert listed(staff_client, sort="created") == ["Erst", "Dann", "Zuletzt"]
    assert listed(staff_client, sort="-created") == ["Zuletzt", "Dann", "Erst"]


def test_sorting_by_status_follows_the_configured_order(staff_client):
    make_customer(short_name="B Interessent")
    make_customer(short_name="A Interessent")
    make_customer(short_name="C Kunde", number=True)
    former = make_customer(short_name="D Ehemalig", number=True)
    former.status = status("Ehemaliger Kunde")
    services.customer_update(user=None, customer=former)
    services.status_move(status=status("Ehemaliger Kunde"), step=-1)
    by_status = ["D Ehemalig", "C Kunde", "A Interessent", "B Interessent"]
    assert listed(staff_client, sort="status") == by_status
    assert listed(staff_client, sort="-status") == [
        "A Interessent",
        "B Interessent",
        "C Kunde",
        "D Ehemalig",
    ]


def test_a_sort_by_status_pages_across_status_boundaries(staff_client):
    numbered = [make_customer(short_name=f"K{i:02}", number=True).short_name for i in range(30)]
    prospects = [make_customer(short_name=f"I{i:02}").short_name for i in range(30)]
    first = listed(staff_client, sort="status")
    second = listed(staff_client, sort="status", page="2")
    assert first + second == numbered + prospects


def test_the_column_headers_toggle_the_direction(staff_client):
    response = staff_client.get(URL, {"sort": "city"})
    assert response.context["sort"]["city"]["aria"] == "ascending"
    assert "sort=-city" in response.context["sort"]["city"]["url"]
    assert response.context["sort"]["name"]["aria"] is None


# --- Pages and counts ---------------------------------------------------------------------------


def test_fifty_customers_per_page_with_the_total(staff_client):
    for i in range(53):
        make_customer(short_name=f"Kunde {i:02}")
    first = staff_client.get(URL)
    assert len(names(first)) == 50 and first.context["total"] == 53
    assert first.context["pager"]["last"] == 2
    last = staff_client.get(URL, {"page": "2"})
    assert names(last) == ["Kunde 50", "Kunde 51", "Kunde 52"]
    assert "53" in last.content.decode()


# --- htmx, links and the cost of a page ----------------------------------------------------------


def test_htmx_gets_only_the_results_and_out_of_band_parts(staff_client):
    make_customer(short_name="Adler")
    headers = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "customer-list"}
    response = staff_client.get(URL, {"q": "adl"}, **headers)
    html = response.content.decode()
    assert "<html" not in html and 'id="customer-list"' in html
    for part in ('id="list-title" class="list-title" hx-swap-oob="true"', 'id="status-menu"'):
        assert part in html
    assert "Adler" in html
    assert "HX-Request" in response["Vary"]


def test_a_history_restore_gets_the_whole_page(staff_client):
    headers = {
        "HTTP_HX_REQUEST": "true",
        "HTTP_HX_TARGET": "customer-list",
        "HTTP_HX_HISTORY_RESTORE_REQUEST": "true",
    }
    html = staff_client.get(URL, **headers).content.decode()
    assert "<html" in html and "hx-swap-oob" not in html


def test_links_carry_the_current_filters(staff_client):
    make_customer(short_name="Adler", tags=["VIP"])
    response = staff_client.get(URL, {"q": "adler", "tag": "VIP", "sort": "city", "page": "1"})
    context = response.context
    assert context["csv_url"] == "/customers/export.csv?q=adler&tag=VIP&sort=city"
    assert context["xlsx_url"] == "/customers/export.xlsx?q=adler&tag=VIP&sort=city"
    assert "q=adler" in context["letters"][0]["url"] and "tag=VIP" in context["letters"][0]["url"]
    assert context["search_hidden"] == [("tag", "VIP"), ("sort", "city")]


def _crowd(count: int) -> None:
    for i in range(count):
        customer = make_customer(
            short_name=f"Firma {i}", tags=["A", "B", f"T{i}"], number=i % 2 == 0
        )
        make_person(customer)
        make_person(customer)


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": "firma", "tag": "A", "status": "with_number"},
        {"sort": "status"},
        {"sort": "number"},
    ],
)
def test_the_number_of_queries_does_not_grow_with_the_customers(
    staff_client, django_assert_max_num_queries, params
):
    # session, user, permissions (2), company settings (base.html), statuses, tags, tally, a
    # search's sample and count, the page's ids, its rows, contacts and tags
    _crowd(3)
    staff_client.get(URL)  # creates the company settings row on first use
    with django_assert_max_num_queries(14):
        staff_client.get(URL, params)
    _crowd(57)
    with django_assert_max_num_queries(14):
        response = staff_client.get(URL, params)
    assert len(response.context["customers"]) == min(50, response.context["total"])


# --- Access and the indexes behind it ------------------------------------------------------------


def test_anonymous_users_are_sent_to_the_login(anonymous_client):
    response = anonymous_client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_read_only_users_see_the_list_without_bulk_actions(readonly_client):
    make_customer(short_name="Adler")
    html = readonly_client.get(URL).content.decode()
    assert "Adler" in html and 'id="bulk-form"' not in html and 'name="customer"' not in html


def test_the_search_index_and_tally_triggers_exist(db):
    # A migration that rebuilds the customer table on SQLite drops them; it must end with
    # Triggers(...) again (kundenakte/core/triggers.py).
    definitions = (tally.triggers, search_index.triggers)
    names = {o.name for d in definitions for o in d().get(connection.vendor, []) if o.is_trigger}
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
            found = {row[0] for row in cursor.fetchall()}
            assert {FTS_TABLE, *names} <= found
        else:
            cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname = %s", [TRIGRAM_INDEX])
            assert cursor.fetchone()
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
            assert names <= {row[0] for row in cursor.fetchall()}


def test_persons_of_other_customers_do_not_leak_into_a_row(staff_client):
    first = make_customer(short_name="Erste")
    second = make_customer(short_name="Zweite", email="zweite@example.org")
    make_person(first, first_name="Eva", last_name="Erst", phone="030 1")
    Person.objects.filter(customer=second).delete()
    rows = {row["short_name"]: row for row in staff_client.get(URL).context["customers"]}
    assert rows["Erste"]["contact"] == "Eva Erst" and rows["Erste"]["reach_phone"] == "030 1"
    assert rows["Zweite"]["contact"] == "" and rows["Zweite"]["reach_email"] == "zweite@example.org"
    assert isinstance(rows["Zweite"]["status"], Status)
