"""Tasks in the customer file: the "Aufgaben" section, the tasks tab, "+ Aufgabe" and the
module switch."""

import pytest

from kundenakte.accounts.models import CompanySettings
from kundenakte.customers.tests.factories import make_customer
from kundenakte.tasks.models import Task
from kundenakte.tasks.tests.factories import days_from_today, make_task

pytestmark = pytest.mark.django_db


def tasks_section(response) -> dict:
    return next(s for s in response.context["sections"] if s["key"] == "tasks")


def test_the_section_shows_the_customers_open_tasks_with_due_date_and_assignee(
    staff_client, staff_user
):
    customer = make_customer()
    late = make_task(customer=customer, title="Angebot nachfassen", due_date=days_from_today(-3))
    make_task(customer=customer, title="Aufmaß", assignee=staff_user, due_date=days_from_today(2))
    make_task(customer=customer, title="Erledigt", done=True)
    make_task(customer=make_customer(), title="Fremde Aufgabe")

    response = staff_client.get(customer.get_absolute_url())

    assert [t.title for t in tasks_section(response)["tasks"]] == ["Angebot nachfassen", "Aufmaß"]
    page = response.content.decode()
    assert "Erledigt" not in page and "Fremde Aufgabe" not in page
    assert f'datetime="{late.due_date:%Y-%m-%d}"' in page
    assert "overdue by 3 days" in page
    assert staff_user.get_full_name() in page
    assert f'hx-post="/tasks/{late.pk}/toggle/"' in page  # tick off in place


def test_the_section_shows_ten_tasks_and_links_to_all_of_them(staff_client):
    customer = make_customer()
    for _ in range(12):
        make_task(customer=customer)
    response = staff_client.get(customer.get_absolute_url())
    section = tasks_section(response)
    assert (len(section["tasks"]), section["count"]) == (10, 12)
    assert {tab.key: tab.count for tab in response.context["file_tabs"]}["tasks"] == 12
    assert f'href="/customers/{customer.pk}/tasks/"' in response.content.decode()


def test_the_section_escapes_titles_and_notes_and_shows_unassigned_tasks(staff_client):
    customer = make_customer()
    make_task(customer=customer, title="<script>x</script>", notes="<b>fett</b>")

    response = staff_client.get(customer.get_absolute_url())

    (task,) = tasks_section(response)["tasks"]
    assert task.assignee is None and task.customer == customer
    page = response.content.decode()
    assert "&lt;script&gt;x&lt;/script&gt;" in page and "&lt;b&gt;fett&lt;/b&gt;" in page
    assert "<script>x" not in page and "<b>fett" not in page


def test_the_tasks_tab_lists_open_tasks_first_and_counts_the_open_ones(staff_client):
    customer = make_customer()
    done = make_task(customer=customer, title="Erledigt", done=True)
    later = make_task(customer=customer, due_date=days_from_today(9))
    sooner = make_task(customer=customer, due_date=days_from_today(1))

    response = staff_client.get(f"/customers/{customer.pk}/tasks/")

    assert response.status_code == 200
    assert [t.pk for t in response.context["page"]] == [sooner.pk, later.pk, done.pk]
    counts = {tab.key: tab.count for tab in response.context["file_tabs"]}
    assert counts["tasks"] == 2


def test_a_task_added_from_the_file_belongs_to_the_customer_and_returns_to_the_file(
    staff_client,
):
    customer = make_customer()
    page = staff_client.get(customer.get_absolute_url()).content.decode()
    url = f"/tasks/new/?customer={customer.pk}&next=%2Fcustomers%2F{customer.pk}%2F"
    assert f'href="{url.replace("&", "&amp;")}"' in page  # "+ Task" and the "Neu" entry

    form = {"title": "Rückruf", "customer": customer.pk, "customer_name": customer.short_name}
    response = staff_client.post(url, form)

    task = Task.objects.get(title="Rückruf")
    assert task.customer == customer
    assert response.status_code == 302 and response["Location"] == f"/customers/{customer.pk}/"


def test_ticking_off_in_the_file_swaps_only_the_row(staff_client):
    customer = make_customer()
    task = make_task(customer=customer)
    response = staff_client.post(
        f"/tasks/{task.pk}/toggle/",
        {"done": "1", "hide_customer": "1", "next": customer.get_absolute_url()},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert 'class="task-row is-done"' in response.content.decode()
    task.refresh_from_db()
    assert task.done


def test_read_only_users_see_tasks_but_cannot_tick_them_off(readonly_client):
    customer = make_customer()
    task = make_task(customer=customer, title="Nur lesen")
    page = readonly_client.get(customer.get_absolute_url()).content.decode()
    assert "Nur lesen" in page
    assert "/toggle/" not in page and "/tasks/new/" not in page
    assert readonly_client.post(f"/tasks/{task.pk}/toggle/", {"done": "1"}).status_code == 403
    task.refresh_from_db()
    assert not task.done


TASK_TRACES = [
    "/customers/{pk}/tasks/",  # the tab
    'id="section-tasks"',  # the overview section
    "/tasks/new/",  # the "Neu" entry
    'href="/tasks/"',  # the main navigation
]


def test_tasks_switched_off_vanish_from_the_customer_file(staff_client):
    customer = make_customer()
    make_task(customer=customer)
    traces = [trace.format(pk=customer.pk) for trace in TASK_TRACES]
    page = staff_client.get(customer.get_absolute_url()).content.decode()
    assert all(trace in page for trace in traces)

    company = CompanySettings.load()
    company.tasks_enabled = False
    company.save()

    page = staff_client.get(customer.get_absolute_url()).content.decode()
    assert [trace for trace in traces if trace in page] == []
    assert staff_client.get(f"/customers/{customer.pk}/tasks/").status_code == 404
