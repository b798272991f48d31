"""Where a task form goes back to: `next` only when it is a path on this site."""

import pytest

from kundenakte.tasks.models import Task
from kundenakte.tasks.tests.factories import make_task

pytestmark = pytest.mark.django_db

NOT_A_PATH = ["abc", "2026-02-30", "https://evil.example/", "//evil.example/x", "javascript:x"]


@pytest.mark.parametrize("next_value", NOT_A_PATH)
def test_ticking_off_with_a_next_that_is_no_path_goes_back_to_the_task_list(
    staff_client, staff_user, next_value
):
    task = make_task(title="Anrufen", assignee=staff_user)
    response = staff_client.post(f"/tasks/{task.pk}/toggle/", {"done": "1", "next": next_value})
    assert response.status_code == 302
    assert response["Location"] == "/tasks/"
    task.refresh_from_db()
    assert task.done


@pytest.mark.parametrize("next_value", NOT_A_PATH)
def test_saving_or_deleting_a_task_ignores_a_next_that_is_no_path(
    staff_client, staff_user, next_value
):
    task = make_task(title="Anrufen", assignee=staff_user)
    edited = staff_client.post(
        f"/tasks/{task.pk}/edit/?next={next_value}",
        {"title": "Zurückrufen", "assignee": staff_user.pk, "next": next_value},
    )
    created = staff_client.post("/tasks/new/", {"title": "Neu", "next": next_value})
    confirm = staff_client.get(f"/tasks/{task.pk}/delete/", {"next": next_value})
    deleted = staff_client.post(f"/tasks/{task.pk}/delete/", {"next": next_value})
    assert [edited["Location"], created["Location"], deleted["Location"]] == ["/tasks/"] * 3
    assert confirm.status_code == 200
    assert list(Task.objects.values_list("title", flat=True)) == ["Neu"]


def test_a_next_path_on_this_site_is_followed(staff_client, staff_user):
    task = make_task(title="Anrufen", assignee=staff_user)
    response = staff_client.post(
        f"/tasks/{task.pk}/toggle/", {"done": "1", "next": "/customers/?letter=M"}
    )
    assert response["Location"] == "/customers/?letter=M"
