"""Ticking a task off and reopening it: in place with htmx, with a redirect without it."""

import pytest

from kundenakte.customers.tests.factories import make_customer
from kundenakte.tasks.models import Task
from kundenakte.tasks.tests.factories import make_task

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_htmx_ticks_off_and_gets_the_updated_row(staff_client, staff_user):
    task = make_task(title="Rückruf")
    response = staff_client.post(f"/tasks/{task.pk}/toggle/", {"done": "1"}, **HTMX)
    row = response.content.decode().strip()
    assert response.status_code == 200
    assert row.startswith(f'<li class="task-row is-done" id="task-{task.pk}">')
    assert row.endswith("</li>")
    assert 'name="done" value="0"' in row and "Reopen “Rückruf”" in row
    task.refresh_from_db()
    assert task.done and task.done_by == staff_user


def test_htmx_reopens_a_done_task(staff_client):
    task = make_task(done=True)
    row = staff_client.post(f"/tasks/{task.pk}/toggle/", {"done": "0"}, **HTMX).content.decode()
    assert 'class="task-row"' in row and 'name="done" value="1"' in row
    assert not Task.objects.get().done


def test_the_row_returned_keeps_where_it_came_from(staff_client):
    customer = make_customer(short_name="Kern")
    task = make_task(customer=customer)
    file_url = f"/customers/{customer.pk}/"
    row = staff_client.post(
        f"/tasks/{task.pk}/toggle/", {"done": "1", "next": file_url, "hide_customer": "1"}, **HTMX
    ).content.decode()
    assert f'name="next" value="{file_url}"' in row
    assert ">Kern</a>" not in row


def test_a_plain_post_ticks_off_and_redirects_to_next(staff_client):
    task = make_task()
    response = staff_client.post(
        f"/tasks/{task.pk}/toggle/", {"done": "1", "next": "/tasks/?scope=all"}
    )
    assert response.status_code == 302 and response["Location"] == "/tasks/?scope=all"
    assert Task.objects.get().done


def test_a_plain_post_without_next_returns_to_the_task_page(staff_client):
    task = make_task()
    response = staff_client.post(f"/tasks/{task.pk}/toggle/")
    assert response["Location"] == "/tasks/"
    assert Task.objects.get().done


def test_ticking_off_twice_leaves_the_task_done(staff_client):
    task = make_task()
    for _ in range(2):
        staff_client.post(f"/tasks/{task.pk}/toggle/", {"done": "1"}, **HTMX)
    assert Task.objects.get().done


def test_toggling_needs_a_post(staff_client):
    task = make_task()
    assert staff_client.get(f"/tasks/{task.pk}/toggle/").status_code == 405
    assert not Task.objects.get().done
