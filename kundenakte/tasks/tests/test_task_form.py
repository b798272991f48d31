"""Creating, changing and deleting a task; the customer typed by its short name."""

import datetime

import pytest

from kundenakte.customers.tests.factories import make_customer
from kundenakte.tasks.models import Task
from kundenakte.tasks.tests.factories import make_task

pytestmark = pytest.mark.django_db


def test_a_task_created_from_a_customer_file_belongs_to_it_and_returns_there(staff_client):
    customer = make_customer(short_name="Bäckerei Kern")
    file_url = f"/customers/{customer.pk}/"
    url = f"/tasks/new/?customer={customer.pk}&next={file_url}"
    page = staff_client.get(url).content.decode()
    assert 'value="Bäckerei Kern"' in page and f'name="customer" value="{customer.pk}"' in page
    response = staff_client.post(
        url,
        {"title": "Angebot nachfassen", "customer_name": "Bäckerei Kern", "customer": customer.pk},
    )
    assert response.status_code == 302 and response["Location"] == file_url
    task = Task.objects.get()
    assert (task.title, task.customer, task.done) == ("Angebot nachfassen", customer, False)


def test_the_preassigned_customer_wins_over_a_namesake(staff_client):
    make_customer(short_name="Müller")
    second = make_customer(short_name="Müller")
    staff_client.post(
        f"/tasks/new/?customer={second.pk}",
        {"title": "Anrufen", "customer_name": "Müller", "customer": second.pk},
    )
    assert Task.objects.get().customer == second


def test_a_new_task_is_mine_unless_i_choose_someone_else(staff_client, staff_user, admin_user):
    page = staff_client.get("/tasks/new/").content.decode()
    assert f'<option value="{staff_user.pk}" selected>' in page
    response = staff_client.post("/tasks/new/", {"title": "Für Anna", "assignee": admin_user.pk})
    assert response.status_code == 302 and response["Location"] == "/tasks/"
    task = Task.objects.get()
    assert task.assignee == admin_user and task.customer is None


def test_only_active_users_can_be_assigned(staff_client, django_user_model):
    django_user_model.objects.create_user("ausgeschieden", is_active=False)
    page = staff_client.get("/tasks/new/").content.decode()
    assert "ausgeschieden" not in page


def test_the_due_date_may_be_typed_the_german_way(staff_client):
    staff_client.post("/tasks/new/", {"title": "Frist", "due_date": "24.12.2025"})
    assert Task.objects.get().due_date == datetime.date(2025, 12, 24)


def test_a_task_needs_a_title_of_at_most_200_characters(staff_client):
    assert staff_client.post("/tasks/new/", {"title": "  "}).status_code == 200
    assert staff_client.post("/tasks/new/", {"title": "x" * 201}).status_code == 200
    assert not Task.objects.exists()


def test_the_customer_is_found_by_its_short_name_ignoring_case_and_umlauts(staff_client):
    customer = make_customer(short_name="Bäckerei Kern")
    staff_client.post("/tasks/new/", {"title": "Brötchen", "customer_name": "backerei KERN"})
    assert Task.objects.get().customer == customer


def test_an_ambiguous_short_name_asks_which_customer_is_meant(staff_client):
    make_customer(short_name="Müller", city="Berlin")
    hamburg = make_customer(short_name="Müller", city="Hamburg")
    response = staff_client.post("/tasks/new/", {"title": "Anrufen", "customer_name": "Müller"})
    page = response.content.decode()
    assert response.status_code == 200 and not Task.objects.exists()
    assert "Several customers are called “Müller”" in page
    assert f'name="customer_choice" value="{hamburg.pk}"' in page
    staff_client.post(
        "/tasks/new/",
        {"title": "Anrufen", "customer_name": "Müller", "customer_choice": hamburg.pk},
    )
    assert Task.objects.get().customer == hamburg


def test_an_unknown_short_name_offers_the_customers_the_search_finds(staff_client):
    kern = make_customer(short_name="Bäckerei Kern")
    response = staff_client.post("/tasks/new/", {"title": "Anrufen", "customer_name": "Kern"})
    page = response.content.decode()
    assert "No customer is called “Kern”" in page
    assert f'name="customer_choice" value="{kern.pk}"' in page
    assert not Task.objects.exists()


def test_archived_customers_are_not_found_by_name(staff_client):
    make_customer(short_name="Alt GmbH", archived=True)
    response = staff_client.post("/tasks/new/", {"title": "x", "customer_name": "Alt GmbH"})
    assert "No customer is called" in response.content.decode()


def test_suggestions_list_short_names_starting_with_what_was_typed(staff_client):
    make_customer(short_name="Müller Bau", number=True, city="Köln")
    make_customer(short_name="Meier")
    make_customer(short_name="Müllerei", archived=True)
    response = staff_client.get("/tasks/customers/suggest/?customer_name=mul")
    page = response.content.decode()
    assert page.startswith('<datalist id="customer-suggestions">')
    assert '<option value="Müller Bau">10000 · Köln</option>' in page
    assert "Meier" not in page and "Müllerei" not in page
    assert "<option" not in staff_client.get("/tasks/customers/suggest/").content.decode()


def test_editing_a_task_keeps_its_customer_and_returns_to_next(staff_client, staff_user):
    customer = make_customer(short_name="Kern")
    task = make_task(title="Alt", customer=customer, assignee=staff_user)
    url = f"/tasks/{task.pk}/edit/?next=/tasks/%3Fscope%3Dall"
    page = staff_client.get(url).content.decode()
    assert 'value="Alt"' in page and 'value="Kern"' in page
    data = {"title": "Neu", "customer_name": "Kern", "customer": customer.pk}
    data.update(assignee=staff_user.pk, next="/tasks/?scope=all")
    response = staff_client.post(url, data)
    assert response["Location"] == "/tasks/?scope=all"
    task.refresh_from_db()
    assert (task.title, task.customer) == ("Neu", customer)


def test_emptying_the_customer_field_detaches_the_task(staff_client):
    customer = make_customer()
    task = make_task(customer=customer)
    staff_client.post(f"/tasks/{task.pk}/edit/", {"title": "x", "customer": customer.pk})
    task.refresh_from_db()
    assert task.customer is None


def test_next_pointing_elsewhere_is_ignored(staff_client):
    response = staff_client.post("/tasks/new/?next=https://evil.example/", {"title": "x"})
    assert response["Location"] == "/tasks/"


def test_deleting_asks_first_then_returns_to_next(staff_client):
    task = make_task(title="Weg damit")
    page = staff_client.get(f"/tasks/{task.pk}/delete/?next=/customers/").content.decode()
    assert "Really delete the task “Weg damit”?" in page
    assert Task.objects.exists()
    response = staff_client.post(f"/tasks/{task.pk}/delete/", {"next": "/customers/"})
    assert response["Location"] == "/customers/"
    assert not Task.objects.exists()


def test_a_customer_picked_among_namesakes_survives_an_error_elsewhere(staff_client):
    make_customer(short_name="Müller")
    hamburg = make_customer(short_name="Müller")
    data = {"title": "", "customer_name": "Müller", "customer_choice": hamburg.pk}
    page = staff_client.post("/tasks/new/", data).content.decode()
    assert f'name="customer" value="{hamburg.pk}"' in page
    staff_client.post(
        "/tasks/new/", {"title": "Anrufen", "customer_name": "Müller", "customer": hamburg.pk}
    )
    assert Task.objects.get().customer == hamburg
