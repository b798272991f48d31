import pytest
from django.core.exceptions import ValidationError

from kundenakte.customers import services
from kundenakte.customers.models import Customer, Status, Tag
from kundenakte.customers.tests.factories import make_customer, status

pytestmark = pytest.mark.django_db


def test_statuses_are_seeded_with_one_default_per_class():
    defaults = Status.objects.filter(is_default=True)
    assert {(s.name, s.kind) for s in defaults} == {
        ("Interessent", Status.Kind.WITHOUT_NUMBER),
        ("Kunde", Status.Kind.WITH_NUMBER),
    }
    assert status("Ehemaliger Kunde").kind == Status.Kind.WITH_NUMBER


def test_a_new_default_takes_the_mark_from_the_old_one():
    services.status_save(
        status=Status(name="Lead", kind=Status.Kind.WITHOUT_NUMBER, is_default=True)
    )
    assert not status("Interessent").is_default
    assert status("Lead").is_default


def test_a_status_in_use_is_deleted_only_after_moving_its_customers():
    lead = services.status_save(status=Status(name="Lead", kind=Status.Kind.WITHOUT_NUMBER))
    customer = make_customer(status=lead)
    with pytest.raises(ValidationError):
        services.status_delete(status=lead)
    with pytest.raises(ValidationError):
        services.status_delete(status=lead, move_to=status("Kunde"))  # wrong class
    services.status_delete(status=lead, move_to=status("Interessent"))
    customer.refresh_from_db()
    assert customer.status == status("Interessent")
    assert not Status.objects.filter(name="Lead").exists()


def test_the_last_status_of_a_class_cannot_be_deleted():
    with pytest.raises(ValidationError):
        services.status_delete(status=status("Interessent"))


def test_deleting_the_default_hands_the_mark_to_a_sibling():
    services.status_delete(status=status("Kunde"), move_to=status("Ehemaliger Kunde"))
    assert status("Ehemaliger Kunde").is_default


def test_status_names_are_unique_regardless_of_case():
    with pytest.raises(ValidationError):
        services.status_save(status=Status(name="kunde", kind=Status.Kind.WITH_NUMBER))


def test_statuses_can_be_reordered_within_their_class():
    services.status_move(status=status("Ehemaliger Kunde"), step=-1)
    names = list(Status.objects.filter(kind=Status.Kind.WITH_NUMBER).values_list("name", flat=True))
    assert names == ["Ehemaliger Kunde", "Kunde"]


def test_administrators_manage_statuses_over_http(admin_client):
    response = admin_client.post(
        "/settings/statuses/new/",
        {"name": "Messekontakt", "kind": "without_number", "color": "#123456"},
    )
    assert response.status_code == 302
    assert status("Messekontakt").position == 2


def test_staff_cannot_manage_statuses(staff_client):
    assert staff_client.get("/settings/statuses/").status_code == 403
    response = staff_client.post(f"/settings/statuses/{status('Kunde').pk}/delete/")
    assert response.status_code == 403
    assert Status.objects.filter(name="Kunde").exists()


def test_tags_are_unique_regardless_of_case_including_umlauts():
    first = services.tag_get_or_create(name="Ärzte")
    assert services.tag_get_or_create(name="ärzte") == first
    assert services.tag_get_or_create(name="  ÄRZTE ") == first
    assert Tag.objects.count() == 1


def test_a_tag_is_created_on_the_fly_while_tagging(staff_client):
    customer = make_customer()
    response = staff_client.post(
        f"/customers/{customer.pk}/tags/", {"tag": "Messe 2026"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "Messe 2026" in response.content.decode()
    assert list(Customer.objects.with_tags(["messe 2026"])) == [customer]
    assert list(Customer.objects.search("messe")) == [customer]


def test_an_empty_tag_is_refused_with_a_message(staff_client):
    customer = make_customer()
    response = staff_client.post(
        f"/customers/{customer.pk}/tags/", {"tag": "   "}, HTTP_HX_REQUEST="true"
    )
    assert (
        "A tag needs a name." in response.content.decode()
        or "Schlagwort" in response.content.decode()
    )
    assert not Tag.objects.exists()


def test_removing_a_tag_updates_the_search(staff_client):
    customer = make_customer(tags=["Newsletter"])
    tag = Tag.objects.get()
    staff_client.post(f"/customers/{customer.pk}/tags/{tag.pk}/remove/")
    assert not Customer.objects.search("newsletter").exists()


def test_renaming_a_tag_updates_the_search_of_its_customers():
    customer = make_customer(tags=["Newsleter"])
    services.tag_rename(tag=Tag.objects.get(), name="Newsletter")
    assert list(Customer.objects.search("newsletter")) == [customer]


def test_renaming_onto_an_existing_name_is_refused():
    make_customer(tags=["A", "B"])
    with pytest.raises(ValidationError):
        services.tag_rename(tag=Tag.objects.get(name="A"), name="b")


def test_merging_tags_moves_the_customers():
    one = make_customer(tags=["Weihnachtskarte"])
    two = make_customer(tags=["Weihnachtskarten", "Weihnachtskarte"])
    services.tag_merge(
        source=Tag.objects.get(name="Weihnachtskarten"),
        target=Tag.objects.get(name="Weihnachtskarte"),
    )
    assert set(Customer.objects.with_tags(["Weihnachtskarte"])) == {one, two}
    assert Tag.objects.count() == 1


def test_tag_suggestions_match_the_beginning_of_the_name(staff_client):
    make_customer(tags=["Gastronomie", "Großkunde", "Handwerk"])
    response = staff_client.get("/customers/tags/suggest/", {"tag": "g"})
    assert "Gastronomie" in response.content.decode()
    assert "Handwerk" not in response.content.decode()


def test_only_administrators_rename_merge_and_delete_tags(staff_client, admin_client):
    make_customer(tags=["Alt"])
    tag = Tag.objects.get()
    assert staff_client.post(f"/settings/tags/{tag.pk}/delete/").status_code == 403
    assert admin_client.post(f"/settings/tags/{tag.pk}/rename/", {"name": "Neu"}).status_code == 302
    assert Tag.objects.get().name == "Neu"
    assert admin_client.post(f"/settings/tags/{tag.pk}/delete/").status_code == 302
    assert not Tag.objects.exists()
