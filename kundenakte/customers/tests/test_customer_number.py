import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

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


def test_the_range_start_is_configurable():
    NumberRange.objects.filter(key="customer").update(start=20000, next_value=20000)
    assert make_customer(number=True).number == "20000"


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


# --- Issue #11, item 3: a customer number is a debtor account --------------------------------


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("abc", "nur aus Ziffern"),
        ("1e4", "nur aus Ziffern"),
        ("2026-02-30", "nur aus Ziffern"),
        ("0", "von 10000 bis 69999"),
        ("70000", "von 10000 bis 69999"),
        ("99999999", "von 10000 bis 69999"),
    ],
)
def test_an_administrator_typing_a_number_that_is_no_debtor_account_sees_why(
    admin_client, typed, message
):
    customer = make_customer()
    response = admin_client.post(f"/customers/{customer.pk}/number/", {"number": typed})
    assert response.status_code == 200
    assert message in response.content.decode()
    customer.refresh_from_db()
    assert customer.number is None
    assert customer.status == status("Interessent")


def test_a_number_written_with_leading_zeros_collides_with_the_same_number(admin_client):
    services.customer_assign_number(user=None, customer=make_customer(), number="10500")
    customer = make_customer()
    response = admin_client.post(f"/customers/{customer.pk}/number/", {"number": "010500"})
    assert response.status_code == 200
    assert "10500 ist bereits vergeben" in response.content.decode()
    customer.refresh_from_db()
    assert customer.number is None


def test_surrounding_spaces_and_leading_zeros_are_dropped_from_a_chosen_number():
    customer = services.customer_assign_number(
        user=None, customer=make_customer(), number=" 010501 "
    )
    assert Customer.objects.get(pk=customer.pk).number == "10501"


@pytest.mark.parametrize("typed", ["", "   ", "x" * 25, "١٠٥٠٠", "10500\n1"])
def test_no_input_on_the_number_form_breaks_the_page(admin_client, typed):
    customer = make_customer()
    response = admin_client.post(f"/customers/{customer.pk}/number/", {"number": typed})
    assert response.status_code == 200
    customer.refresh_from_db()
    assert customer.number is None


def test_the_model_refuses_a_number_outside_the_configured_range():
    customer = make_customer()
    customer.number = "70000"
    with pytest.raises(ValidationError) as caught:
        customer.full_clean()
    assert "number" in caught.value.message_dict


@pytest.mark.parametrize("bad", ["abc", "1e4", "0", "010500", "-42", "10500\n", " 10500"])
def test_the_database_refuses_a_customer_number_that_is_not_plain_digits(bad):
    customer = make_customer()
    with pytest.raises(IntegrityError), transaction.atomic():
        Customer.objects.filter(pk=customer.pk).update(number=bad)


def test_the_database_accepts_plain_digits_even_outside_the_range():
    # The range is a setting, so only the format is the database's business.
    customer = make_customer()
    Customer.objects.filter(pk=customer.pk).update(number="70000")
    assert Customer.objects.get(pk=customer.pk).number == "70000"


def test_a_used_up_range_refuses_to_draw_with_a_clear_message(staff_client):
    NumberRange.objects.filter(key="customer").update(start=10000, end=10000, next_value=10001)
    customer = make_customer()
    with pytest.raises(ValidationError) as caught:
        services.customer_assign_number(user=None, customer=customer)
    assert "aufgebraucht" in caught.value.messages[0]
    response = staff_client.post(f"/customers/{customer.pk}/number/", {"number": ""})
    assert response.status_code == 200
    assert "aufgebraucht" in response.content.decode()
    customer.refresh_from_db()
    assert customer.number is None


def test_a_draw_skipping_taken_numbers_stops_at_the_end_of_the_range():
    NumberRange.objects.filter(key="customer").update(start=10000, end=10001, next_value=10000)
    services.customer_assign_number(user=None, customer=make_customer(), number="10001")
    services.customer_assign_number(user=None, customer=make_customer())
    with pytest.raises(ValidationError):
        services.customer_assign_number(user=None, customer=make_customer())


def test_a_customer_with_a_number_outside_the_range_can_still_be_edited(staff_client):
    customer = make_customer(number=True)
    Customer.objects.filter(pk=customer.pk).update(number="70000")
    data = {
        "kind": "company",
        "company_name": "Neu GmbH",
        "short_name": "Neu",
        "country": "DE",
        "payment_terms_days": "14",
        "status": status("Kunde").pk,
        "tag_names": "",
    }
    response = staff_client.post(f"/customers/{customer.pk}/edit/", data)
    assert response.status_code == 302
    assert Customer.objects.get(pk=customer.pk).company_name == "Neu GmbH"


def test_a_number_outside_the_range_is_replaced_and_kept_as_the_former_number(admin_client):
    customer = make_customer(number=True)
    Customer.objects.filter(pk=customer.pk).update(number="70000")
    Customer.objects.filter(pk=customer.pk).update(status=status("Ehemaliger Kunde"))
    response = admin_client.post(f"/customers/{customer.pk}/number/", {"number": "10001"})
    assert response.status_code == 302
    customer.refresh_from_db()
    assert (customer.number, customer.legacy_number) == ("10001", "70000")
    assert customer.status == status("Ehemaliger Kunde")
    assert Customer.objects.search("70000").get() == customer


def test_a_customer_with_a_former_number_cannot_be_deleted():
    customer = make_customer()
    Customer.objects.filter(pk=customer.pk).update(legacy_number="K-4711")
    customer.refresh_from_db()
    assert not services.customer_can_delete(customer=customer)
