"""Bad list parameters give a sane list (or a 400), never a server error or a changed database."""

import pytest
from django.db import connection

from kundenakte.customers.models import Customer, Person, Status, Tag
from kundenakte.customers.tests.factories import make_customer, make_person

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
BAD_PARAMETERS = [
    {"status": "999999"},
    {"status": "abc"},
    {"status": "-1"},
    {"status": "1e3"},
    {"status": "²"},
    {"status": "9" * 40},
    {"status": ["1", "2", "with_number", "x"]},
    {"letter": "ZZ"},
    {"letter": "ä"},
    {"letter": "%"},
    {"letter": "a"},
    {"page": "-1"},
    {"page": "0"},
    {"page": "abc"},
    {"page": "99999"},
    {"page": "9" * 40},
    {"page": "1.5"},
    {"q": "x" * 10_000},
    {"q": " ".join(["müller"] * 500)},
    {"q": "'\"; DROP TABLE customers_customer; --"},
    {"q": "%"},
    {"q": "_"},
    {"q": "\\"},
    {"q": 'NEAR(a b) OR * ^" AND'},
    {"q": '"'},
    {"q": SCRIPT},
    {"q": "null\x00byte"},
    {"sort": "evil"},
    {"sort": "--name"},
    {"sort": "-"},
    {"sort": "name; DROP TABLE customers_customer"},
    {"tag": "Gibt es nicht"},
    {"tag": SCRIPT},
    {"tag": "t" * 10_000},
    {"tag": [f"tag{i}" for i in range(1000)]},
    {"tag": "null\x00byte"},
    {"archived": "yes please"},
    {"q": SCRIPT, "status": "abc", "letter": "ZZ", "page": "-1", "sort": "x", "tag": SCRIPT},
]


def snapshot() -> tuple:
    rows = Customer.objects.order_by("pk").values_list(
        "pk", "short_name", "status_id", "search_text", "archived", "updated_at"
    )
    return (
        list(rows),
        list(Tag.objects.values_list("pk", "name")),
        list(Status.objects.values_list("pk", "name", "kind")),
        Person.objects.count(),
        Customer.history.count(),
    )


@pytest.fixture
def customers(db):
    make_customer(short_name="Müller", tags=["VIP"], number=True)
    make_customer(short_name="Özdemir")
    make_person(make_customer(short_name=f"{SCRIPT} Firma", city=SCRIPT), last_name=SCRIPT)


@pytest.fixture
def many(db):
    for i in range(55):
        make_customer(short_name=f"Müller {i:02}")


@pytest.mark.parametrize("params", BAD_PARAMETERS)
def test_bad_parameters_give_a_sane_answer_and_change_nothing(staff_client, customers, params):
    before = snapshot()
    response = staff_client.get("/customers/", params)
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        assert SCRIPT not in response.content.decode()
        assert len(response.context["customers"]) <= 50
    for export in ("/customers/export.csv", "/customers/export.xlsx"):
        response = staff_client.get(export, params)
        assert response.status_code in (200, 400)
        assert b"".join(response.streaming_content)
    assert snapshot() == before


def test_invalid_utf8_in_the_query_string_is_tolerated(staff_client, customers):
    response = staff_client.get("/customers/?q=%ED%A0%80%FF&tag=%C3&letter=%C3%84")
    assert response.status_code == 200


def test_the_same_bad_parameters_reach_htmx_and_bulk_safely(staff_client, customers):
    before = snapshot()
    headers = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "customer-list"}
    for params in BAD_PARAMETERS:
        assert staff_client.get("/customers/", params, **headers).status_code == 200
    bulk = staff_client.post("/customers/bulk/?status=abc&page=-1&q=%00", {"action": "nothing"})
    assert bulk.status_code == 400
    assert snapshot() == before


def test_a_page_past_the_end_shows_the_last_page(staff_client, many):
    response = staff_client.get("/customers/", {"page": "99999"})
    assert response.context["filter"].page == 2
    assert len(response.context["customers"]) == 5


def test_a_negative_or_garbled_page_shows_the_first(staff_client, many):
    for page in ("-1", "0", "abc"):
        response = staff_client.get("/customers/", {"page": page})
        assert response.context["filter"].page == 1
        assert response.context["customers"][0]["short_name"] == "Müller 00"


@pytest.mark.parametrize("params", [{"status": "999999"}, {"sort": "evil"}, {"letter": "ZZ"}])
def test_unknown_values_fall_back_to_the_default_list(staff_client, customers, params):
    response = staff_client.get("/customers/", params)
    assert response.context["total"] == 3
    assert response.context["heading"] == staff_client.get("/customers/").context["heading"]


def test_markup_in_data_and_parameters_is_escaped(staff_client, customers):
    html = staff_client.get("/customers/", {"q": SCRIPT, "tag": SCRIPT}).content.decode()
    assert SCRIPT not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    html = staff_client.get("/customers/", {"letter": "#"}).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Firma" in html and SCRIPT not in html


def test_sql_in_the_search_is_only_text(staff_client, customers):
    staff_client.get("/customers/", {"q": "'; DROP TABLE customers_customer; --"})
    assert "customers_customer" in connection.introspection.table_names()
    assert Customer.objects.count() == 3
