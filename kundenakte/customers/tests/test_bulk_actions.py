"""Bulk actions of the customer list: tags and statuses for ticked rows or a whole selection."""

import pytest
from django.test import Client
from django.utils import translation

from kundenakte.customers.history import customer_history
from kundenakte.customers.models import Customer, Tag
from kundenakte.customers.tests.factories import make_customer, status

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


def post(client, data: dict, query: str = "", follow: bool = True):
    return client.post(f"/customers/bulk/?{query}", data, follow=follow, **ENGLISH)


def messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def tag_names(customer: Customer) -> set[str]:
    return set(customer.tags.values_list("name", flat=True))


def test_staff_tags_the_ticked_customers_and_returns_to_the_same_list(staff_client):
    a, b, c = (make_customer(short_name=name) for name in ("Adler", "Anker", "Berg"))
    response = post(
        staff_client,
        {"action": "add_tag", "bulk_tag": "Messe 2026", "customer": [a.pk, b.pk]},
        query="letter=A&sort=city",
    )
    assert response.redirect_chain == [("/customers/?letter=A&sort=city", 302)]
    assert messages(response) == ["Tag “Messe 2026” added to 2 customers."]
    assert [tag_names(x) for x in (a, b, c)] == [{"Messe 2026"}, {"Messe 2026"}, set()]
    found = staff_client.get("/customers/", {"q": "messe"}).context["customers"]
    assert [row["short_name"] for row in found] == ["Adler", "Anker"]


def test_all_matches_means_the_whole_filtered_selection_across_pages(staff_client):
    for i in range(60):
        make_customer(short_name=f"Müller {i:02}", tags=["Newsletter"])
    make_customer(short_name="Müller ohne Tag")
    make_customer(short_name="Schulz", tags=["Newsletter"])
    response = post(
        staff_client,
        {"action": "add_tag", "bulk_tag": "VIP", "scope": "all", "customer": []},
        query="q=mueller&tag=newsletter",
    )
    assert messages(response) == ["Tag “VIP” added to 60 customers."]
    vip = Customer.objects.filter(tags__name="VIP")
    assert vip.count() == 60
    assert not vip.filter(short_name__in=["Müller ohne Tag", "Schulz"]).exists()


def test_a_tag_already_present_is_not_added_twice(staff_client):
    customer = make_customer(short_name="Adler", tags=["VIP"])
    other = make_customer(short_name="Anker")
    response = post(
        staff_client,
        {"action": "add_tag", "bulk_tag": "vip", "customer": [customer.pk, other.pk]},
    )
    assert messages(response) == ["Tag “VIP” added to 1 customer."]
    assert Tag.objects.filter(key="vip").count() == 1
    assert customer.tags.count() == 1 and tag_names(other) == {"VIP"}


def test_removing_a_tag_keeps_the_search_current(staff_client):
    a = make_customer(short_name="Adler", tags=["VIP", "Newsletter"])
    b = make_customer(short_name="Berg", tags=["VIP"])
    response = post(staff_client, {"action": "remove_tag", "bulk_tag": "VIP", "scope": "all"})
    assert messages(response) == ["Tag “VIP” removed from 2 customers."]
    assert tag_names(a) == {"Newsletter"} and tag_names(b) == set()
    assert staff_client.get("/customers/", {"q": "vip"}).context["customers"] == []


def test_removing_an_unknown_tag_changes_nothing(staff_client):
    customer = make_customer(short_name="Adler", tags=["VIP"])
    response = post(
        staff_client, {"action": "remove_tag", "bulk_tag": "Gibt es nicht", "scope": "all"}
    )
    assert messages(response) == ["There is no tag “Gibt es nicht”."]
    assert tag_names(customer) == {"VIP"}


def test_a_status_with_number_is_set_only_on_customers_with_number(staff_client):
    numbered = [make_customer(short_name=f"Kunde {i}", number=True) for i in range(3)]
    prospects = [make_customer(short_name=f"Interessent {i}") for i in range(2)]
    former = status("Ehemaliger Kunde")
    response = post(
        staff_client, {"action": "set_status", "bulk_status": former.pk, "scope": "all"}
    )
    assert messages(response) == [
        "Status “Ehemaliger Kunde” set for 3 customers. 2 customers without number were "
        "skipped: this status needs a number."
    ]
    assert {Customer.objects.get(pk=c.pk).status for c in numbered} == {former}
    assert {Customer.objects.get(pk=c.pk).status.name for c in prospects} == {"Interessent"}


def test_a_status_without_number_skips_customers_with_number(staff_client):
    numbered = make_customer(short_name="Kunde", number=True)
    prospect = make_customer(short_name="Interessent")
    response = post(
        staff_client,
        {
            "action": "set_status",
            "bulk_status": status("Interessent").pk,
            "customer": [numbered.pk, prospect.pk],
        },
    )
    assert messages(response) == [
        "Status “Interessent” set for 0 customers. 1 customer with number was skipped: this "
        "status is for customers without one."
    ]
    numbered.refresh_from_db()
    assert numbered.status.name == "Kunde"


def test_bulk_changes_are_written_to_the_history_with_their_author(staff_client, staff_user):
    customer = make_customer(short_name="Adler", tags=["Newsletter"], number=True)
    post(staff_client, {"action": "add_tag", "bulk_tag": "VIP", "customer": [customer.pk]})
    post(
        staff_client,
        {"action": "set_status", "bulk_status": status("Ehemaliger Kunde").pk, "scope": "all"},
    )
    with translation.override("en"):
        entries = customer_history(customer=customer)
    changes = {
        (c.field, c.old, c.new, tuple(c.added), tuple(c.removed))
        for entry in entries[:2]
        for c in entry.changes
    }
    assert ("status", "Kunde", "Ehemaliger Kunde", (), ()) in changes
    assert ("tags", "", "", ("VIP",), ()) in changes
    assert {entry.who for entry in entries[:2]} == {staff_user.get_full_name() or "sven-staff"}
    customer.refresh_from_db()
    assert customer.updated_by == staff_user


def test_nothing_ticked_is_a_message_not_a_change(staff_client):
    make_customer(short_name="Adler")
    response = post(staff_client, {"action": "add_tag", "bulk_tag": "VIP"})
    assert messages(response) == ["Tick the customers first, or choose all matches."]
    assert not Tag.objects.filter(key="vip").exists()


@pytest.mark.parametrize(
    "data",
    [
        {"action": "delete_everything", "scope": "all"},
        {"action": "add_tag", "bulk_tag": "VIP", "customer": [str(i) for i in range(501)]},
    ],
)
def test_a_request_our_form_cannot_make_is_a_bad_request(staff_client, data):
    make_customer(short_name="Adler")
    assert post(staff_client, data, follow=False).status_code == 400
    assert not Tag.objects.filter(key="vip").exists()


def test_an_empty_tag_name_or_status_is_refused_with_a_message(staff_client):
    customer = make_customer(short_name="Adler")
    response = post(
        staff_client, {"action": "add_tag", "bulk_tag": "  ", "customer": [customer.pk]}
    )
    assert messages(response) == ["A tag needs a name."]
    response = post(staff_client, {"action": "set_status", "bulk_status": "x", "scope": "all"})
    assert messages(response) == ["Choose a status."]
    assert customer.tags.count() == 0


def test_read_only_users_are_refused(readonly_client):
    customer = make_customer(short_name="Adler")
    data = {"action": "add_tag", "bulk_tag": "VIP", "scope": "all"}
    assert post(readonly_client, data, follow=False).status_code == 403
    assert customer.tags.count() == 0 and not Tag.objects.exists()


def test_anonymous_users_are_sent_to_the_login(anonymous_client):
    make_customer(short_name="Adler")
    response = post(
        anonymous_client, {"action": "add_tag", "bulk_tag": "VIP", "scope": "all"}, follow=False
    )
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    assert not Tag.objects.exists()


def test_bulk_actions_need_post_and_a_csrf_token(staff_user):
    make_customer(short_name="Adler")
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_user)
    assert client.get("/customers/bulk/").status_code == 405
    data = {"action": "add_tag", "bulk_tag": "VIP", "scope": "all"}
    assert client.post("/customers/bulk/", data).status_code == 403
    assert not Tag.objects.exists()


def test_a_selection_too_large_for_one_request_is_refused_with_a_message(staff_client, monkeypatch):
    monkeypatch.setattr("kundenakte.customers.views.bulk.MAX_SELECTION", 2)
    for name in ("Adler", "Anker", "Berg"):
        make_customer(short_name=name)
    data = {"action": "add_tag", "bulk_tag": "VIP", "scope": "all"}
    response = post(staff_client, data)
    assert messages(response) == [
        "These are 3 customers; a bulk action takes at most 2 at once. "
        "Narrow the filter, for example by letter or status."
    ]
    assert not Tag.objects.exists()
    response = post(staff_client, data, query="letter=A")
    assert messages(response) == ["Tag “VIP” added to 2 customers."]
