"""Who may do what with tasks, and the module switch."""

import pytest

from kundenakte.accounts.models import CompanySettings
from kundenakte.customers.tests.factories import make_customer
from kundenakte.tasks.models import Task
from kundenakte.tasks.tests.factories import make_task

pytestmark = pytest.mark.django_db


def task_urls(task: Task) -> list[str]:
    return [
        "/tasks/",
        "/tasks/?scope=all&state=done",
        "/tasks/new/",
        "/tasks/customers/suggest/?customer_name=a",
        f"/tasks/{task.pk}/edit/",
        f"/tasks/{task.pk}/toggle/",
        f"/tasks/{task.pk}/delete/",
    ]


def post_urls(task: Task) -> list[str]:
    return [
        "/tasks/new/",
        f"/tasks/{task.pk}/edit/",
        f"/tasks/{task.pk}/toggle/",
        f"/tasks/{task.pk}/delete/",
    ]


def switch_tasks_off() -> None:
    company = CompanySettings.load()
    company.tasks_enabled = False
    company.save()


def test_with_the_module_switched_off_every_tasks_url_is_not_found(admin_client, staff_client):
    task = make_task()
    switch_tasks_off()
    for client in (admin_client, staff_client):
        for url in task_urls(task):
            assert client.get(url).status_code == 404, url
            assert client.post(url, {"title": "x", "done": "1"}).status_code == 404, url
    assert Task.objects.count() == 1 and not Task.objects.get().done


def test_anonymous_users_are_sent_to_the_login_page(anonymous_client):
    task = make_task()
    for url in task_urls(task):
        for method in (anonymous_client.get, anonymous_client.post):
            response = method(url)
            assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_read_only_users_see_tasks_without_buttons(readonly_client, readonly_user):
    task = make_task(title="Nur lesen", assignee=readonly_user, customer=make_customer())
    page = readonly_client.get("/tasks/").content.decode()
    assert "Nur lesen" in page
    assert "/toggle/" not in page and "<button" not in page.split('id="task-board"')[1]
    assert f"/tasks/{task.pk}/edit/" not in page and "/tasks/new/" not in page


def test_read_only_users_are_refused_every_change(readonly_client):
    task = make_task(title="Unverändert")
    for url in post_urls(task):
        response = readonly_client.post(url, {"title": "geändert", "done": "1"})
        assert response.status_code == 403, url
    for url in ("/tasks/new/", f"/tasks/{task.pk}/edit/", f"/tasks/{task.pk}/delete/"):
        assert readonly_client.get(url).status_code == 403, url
    task.refresh_from_db()
    assert (task.title, task.done) == ("Unverändert", False)


def test_staff_see_the_tick_off_and_edit_controls(staff_client, staff_user):
    task = make_task(assignee=staff_user)
    page = staff_client.get("/tasks/").content.decode()
    toggle = f"/tasks/{task.pk}/toggle/"
    assert f'action="{toggle}"' in page and f'hx-post="{toggle}"' in page
    assert f"/tasks/{task.pk}/edit/" in page and "/tasks/new/" in page


def test_a_user_without_a_role_sees_no_tasks(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("nobody"))
    assert client.get("/tasks/").status_code == 403
