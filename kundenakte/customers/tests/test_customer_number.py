import pytest
from django.core.exceptions import ValidationError

from kundenakte.core.models import NumberRange
from kundenakte.customers import services
from kundenakte.customers.models import Customer, Status
from kundenakte.customers.tests.factories import make_customer, status

pytestmark = pytest.mark.django_db


def test_a_new_customer_is_a_prospect_with_the_default_status_without_number():
    customer = make_customer()
    assert customer.number is None
    assert customer.status == status("Interessent")


def test_assigning_a_number_takes_the_next_one_and_switches_to_the_default_numbered_status():
    customer = make_customer()
    services.customer_assign_number(user=None, customer=customer)
    customer.refresh_from_db()
    assert customer.number == "10000"
    assert customer.status == status("Kunde")
    assert services.customer_next_number() == "10001"


def test_the_proposal_skips_numbers_taken_by_hand():
    services.customer_assign_number(user=None, customer=make_customer(), number="10000")
    assert services.customer_next_number() == "10001"
    other = services.customer_assign_number(user=None, customer=make_customer())
    assert other.number == "10001"


def test_a_taken_number_is_refused_and_nothing_changes():
    make_customer(number=True)
    prospect = make_customer()
    with pytest.raises(ValidationError):
        services.customer_assign_number(user=None, customer=prospect, number="10000")
    prospect.refresh_from_db()
    assert prospect.number is None
    assert prospect.status == status("Interessent")


def test_a_customer_keeps_its_number_once_given():
    customer = make_customer(number=True)
    with pytest.raises(ValidationError):
        services.customer_assign_number(user=None, customer=customer)
    assert Customer.objects.get(pk=customer.pk).number == "10000"


def test_the_range_prefix_and_start_are_configurable():
    NumberRange.objects.filter(key="customer").update(prefix="K", start=20000, next_value=20000)
    assert make_customer(number=True).number == "K20000"


def test_if_the_status_switch_fails_no_number_is_drawn():
    Status.objects.filter(kind=Status.Kind.WITH_NUMBER).update(is_default=False)
    customer = make_customer()
    with pytest.raises(Status.DoesNotExist):
        services.customer_assign_number(user=None, customer=customer)
    customer.refresh_from_db()
    assert customer.number is None
    assert NumberRange.objects.get(key="customer").next_value == 10000


def test_ensure_number_draws_only_once():
    customer = make_customer()
    first = services.customer_ensure_number(user=None, customer=customer)
    second = services.customer_ensure_number(user=None, customer=customer)
    assert first == second == "10000"


def test_staff_assigns_the_proposed_number(staff_client):
    customer = make_customer()
    response = staff_client.post(f"/customers/{customer.pk}/number/", {"number": "55555"})
    assert response.status_code == 302
    customer.refresh_from_db()
    assert customer.number == "10000"  # staff cannot pick a number of their own


def test_an_administrator_may_choose_another_free_number(admin_client):
    customer = make_customer()
    admin_client.post(f"/customers/{customer.pk}/number/", {"number": "55555"})
    customer.refresh_from_db()
    assert customer.number == "55555"
    assert customer.status == status("Kunde")


def test_an_administrator_choosing_a_taken_number_sees_an_error(admin_client):
    make_customer(number=True)
    customer = make_customer()
    response = admin_client.post(f"/customers/{customer.pk}/number/", {"number": "10000"})
    assert response.status_code == 200
    assert "10000" in response.content.decode()
    customer.refresh_from_db()
    assert customer.number is None


def test_readonly_users_cannot_assign_numbers(readonly_client):
    customer = make_customer()
    assert readonly_client.post(f"/customers/{customer.pk}/number/").status_code == 403
    customer.refresh_from_db()
    assert customer.number is None
