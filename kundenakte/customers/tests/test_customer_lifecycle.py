import pytest

from kundenakte.customers.models import Customer
from kundenakte.customers.tests.factories import make_customer, make_person

pytestmark = pytest.mark.django_db


def test_a_prospect_is_deleted_after_confirmation_with_its_persons(staff_client):
    customer = make_customer()
    make_person(customer)
    confirm = staff_client.get(f"/customers/{customer.pk}/delete/")
    assert customer.short_name in confirm.content.decode()
    assert Customer.objects.filter(pk=customer.pk).exists()
    response = staff_client.post(f"/customers/{customer.pk}/delete/")
    assert response.status_code == 302
    assert not Customer.objects.filter(pk=customer.pk).exists()


def test_a_customer_with_a_number_cannot_be_deleted_only_archived(staff_client):
    customer = make_customer(number=True)
    staff_client.post(f"/customers/{customer.pk}/delete/")
    assert Customer.objects.filter(pk=customer.pk).exists()
    staff_client.post(f"/customers/{customer.pk}/archive/")
    customer.refresh_from_db()
    assert customer.archived
    staff_client.post(f"/customers/{customer.pk}/archive/", {"archived": "0"})
    customer.refresh_from_db()
    assert not customer.archived


def test_readonly_users_see_but_do_not_change(readonly_client):
    customer = make_customer()
    page = readonly_client.get(f"/customers/{customer.pk}/")
    assert page.status_code == 200
    assert f"/customers/{customer.pk}/edit/" not in page.content.decode()
    assert readonly_client.post(f"/customers/{customer.pk}/edit/", {}).status_code == 403
    assert readonly_client.post(f"/customers/{customer.pk}/delete/").status_code == 403
    assert readonly_client.post(f"/customers/{customer.pk}/archive/").status_code == 403
    assert readonly_client.post("/customers/new/", {}).status_code == 403
    assert Customer.objects.get(pk=customer.pk).archived is False


def test_the_history_shows_who_changed_which_field(staff_client):
    customer = make_customer(city="Berlin")
    data = {
        "kind": "company",
        "company_name": customer.company_name,
        "short_name": customer.short_name,
        "street": customer.street,
        "postal_code": "20095",
        "city": "Hamburg",
        "country": "DE",
        "payment_terms_days": "30",
        "status": customer.status_id,
        "tag_names": "",
    }
    assert staff_client.post(f"/customers/{customer.pk}/edit/", data).status_code == 302
    page = staff_client.get(f"/customers/{customer.pk}/history/").content.decode()
    assert "Sven-Staff" in page or "sven-staff" in page
    assert "Berlin" in page and "Hamburg" in page


def test_the_history_names_added_and_removed_tags_without_striking_through_kept_ones(
    staff_client,
):
    customer = make_customer(tags=["Newsletter", "Altkunde"])
    staff_client.post(f"/customers/{customer.pk}/tags/", {"tag": "VIP"})
    tag = customer.tags.get(name="Altkunde")
    staff_client.post(f"/customers/{customer.pk}/tags/{tag.pk}/remove/")
    page = staff_client.get(f"/customers/{customer.pk}/history/").content.decode()
    assert '<ins title="hinzugefügt">+ VIP</ins>' in page
    assert '<del title="entfernt">− Altkunde</del>' in page
    assert "<del>Newsletter" not in page and "− Newsletter" not in page


def test_person_changes_appear_in_the_customer_history(staff_client):
    customer = make_customer()
    person = make_person(customer, last_name="Alt")
    person.last_name = "Neu"
    person.save()
    page = staff_client.get(f"/customers/{customer.pk}/history/").content.decode()
    assert "Alt" in page and "Neu" in page
