"""The customer list's A–Z bar, status and sort menus, column headers and pager, as HTML.

They are built in Python (views/customer_list.py), so these tests read the HTML itself: the
same elements and links as before, German labels, and whatever users typed escaped.
"""

import pytest

from kundenakte.customers import services
from kundenakte.customers.listing import ListFilter
from kundenakte.customers.models import Status
from kundenakte.customers.tests.factories import make_customer, status
from kundenakte.customers.tests.listing_helpers import URL

pytestmark = pytest.mark.django_db


def html(client, **params) -> str:
    response = client.get(URL, params)
    assert response.status_code == 200
    # Jinja2 (the list's rows and menus) spells an escaped quote &#34;, Django &quot;.
    return response.content.decode().replace("&#34;", "&quot;")


def test_the_letter_bar_marks_the_chosen_letter_and_disables_letters_without_customers(
    staff_client,
):
    make_customer(short_name="Adler")
    make_customer(short_name="Berg")
    page = html(staff_client, letter="A", sort="city")
    assert '<a href="/customers/?sort=city" hx-get="/customers/?sort=city">Alle</a>' in page
    chosen = "/customers/?letter=A&amp;sort=city"
    assert f'<a href="{chosen}" hx-get="{chosen}" aria-current="true">A</a>' in page
    other = "/customers/?letter=B&amp;sort=city"
    assert f'<a href="{other}" hx-get="{other}">B</a>' in page
    assert '<span aria-disabled="true">C</span>' in page
    assert 'aria-label="Anfangsbuchstabe des Kurznamens"' in page


def test_the_status_menu_links_each_status_with_its_count(staff_client):
    make_customer(short_name="Adler")
    make_customer(short_name="Berg", number=True)
    customer = status("Kunde")
    page = html(staff_client, status=customer.pk, sort="city")
    assert (
        '<a class="level-0" href="/customers/?sort=city" hx-get="/customers/?sort=city">'
        '<span>Alle Kunden</span> <span class="count">2</span></a>'
    ) in page
    url = f"/customers/?status={customer.pk}&amp;sort=city"
    assert (
        f'<a class="level-1" href="{url}" hx-get="{url}" aria-current="true">'
        '<span>Kunde</span> <span class="count">1</span></a>'
    ) in page
    assert "<span>Kunden ohne Nummer</span>" in page
    assert 'aria-label="Statusfilter"' in page


def test_a_status_name_is_escaped_in_the_menu_the_heading_and_the_bulk_form(staff_client):
    odd = services.status_save(
        status=Status(name='<b>Partner & "Freunde"</b>', kind=Status.Kind.WITHOUT_NUMBER)
    )
    customer = make_customer(short_name="Adler")
    customer.status = odd
    services.customer_update(user=None, customer=customer)
    page = html(staff_client, status=odd.pk)
    escaped = "&lt;b&gt;Partner &amp; &quot;Freunde&quot;&lt;/b&gt;"
    assert f"<span>{escaped}</span>" in page  # the status menu
    assert f"<h1>{escaped}</h1>" in page
    assert f'<option value="{odd.pk}">{escaped}</option>' in page
    assert "<b>Partner" not in page


def test_the_sort_menu_and_headers_mark_the_current_order(staff_client):
    make_customer(short_name="Adler")
    page = html(staff_client, sort="-city", q="adler")
    current = "/customers/?q=adler&amp;sort=-city"
    assert f'<a href="{current}" hx-get="{current}" aria-current="true">Ort Z–A</a>' in page
    assert '<a href="/customers/?q=adler" hx-get="/customers/?q=adler">Kurzname A–Z</a>' in page
    toggled = "/customers/?q=adler&amp;sort=city"
    assert f'<th aria-sort="descending"><a href="{toggled}" hx-get="{toggled}">Ort</a></th>' in page
    assert "<th><a" in page  # the other columns are not sorted


def test_the_pager_links_the_neighbouring_pages_in_german(staff_client):
    for i in range(103):
        make_customer(short_name=f"Kunde {i:03}")
    page = html(staff_client, page="2", letter="K")
    button = '<a class="button button-small"'
    first = 'href="/customers/?letter=K" hx-get="/customers/?letter=K"'
    assert f'{button} aria-label="Erste Seite" {first}>«</a>' in page
    assert f'{button} rel="prev" {first}>‹ Zurück</a>' in page  # page 1 has no page number
    after = 'href="/customers/?letter=K&amp;page=3" hx-get="/customers/?letter=K&amp;page=3"'
    assert f'{button} rel="next" {after}>Weiter ›</a>' in page
    assert f'{button} aria-label="Letzte Seite" {after}>»</a>' in page
    assert "<span>Seite 2 von 3</span>" in page
    assert '<span class="muted">51–100 von 103</span>' in page
    assert 'aria-label="Seiten"' in page


def test_the_pager_and_menus_speak_english_when_asked(staff_client):
    for i in range(51):
        make_customer(short_name=f"Kunde {i:02}")
    page = staff_client.get(URL, {"page": "2"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<span>Page 2 of 2</span>" in page and "51–51 of 51" in page
    assert ">‹ Previous</a>" in page and 'aria-label="First page"' in page
    assert ">All</a>" in page and "<span>All customers</span>" in page
    assert ">Short name A–Z</a>" in page


def test_hidden_filters_in_the_forms_are_escaped(staff_client):
    page = html(staff_client, q="x", tag='"><script>')
    assert '<input type="hidden" name="tag" value="&quot;&gt;&lt;script&gt;">' in page
    assert '"><script>' not in page


@pytest.mark.parametrize(
    "list_filter",
    [
        ListFilter(),
        ListFilter(q="müller & söhne", status="3", letter="#", tags=("VIP", "a b"), page=4),
        ListFilter(sort="-city", archived=True, tags=("x",)),
    ],
)
@pytest.mark.parametrize(
    "key, values",
    [
        ("letter", ["", "A", "#"]),
        ("status", ["", "with_number", "7"]),
        ("sort", ["name", "-name", "city"]),
        ("page", [1, 2, 1000]),
        ("q", ["", "a&b=c"]),
    ],
)
def test_a_menu_link_is_the_url_the_filter_gives_for_that_one_change(list_filter, key, values):
    query = list_filter.query_with(key, page=1) if key != "page" else list_filter.query_with(key)
    for value in values:
        changes = {"page": 1, key: value} if key != "page" else {key: value}
        assert query(value) == list_filter.query_string(**changes)


def test_a_filter_refuses_to_change_a_field_it_does_not_have():
    with pytest.raises(TypeError):
        ListFilter().query_string(leter="A")
