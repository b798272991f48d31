"""The task page: mine / all, open / done, overdue first and marked, updated in place by htmx."""

import re

import pytest
from django.db import connection
from django.template import RequestContext, Template
from django.test.utils import CaptureQueriesContext

from kundenakte.customers.tests.factories import make_customer
from kundenakte.tasks.models import Task
from kundenakte.tasks.tests.factories import days_from_today, make_task

pytestmark = pytest.mark.django_db

BOARD = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "task-board"}


def listed(response) -> list[str]:
    return [task.title for task in response.context["page"].object_list]


def test_the_page_shows_my_open_tasks_by_default(staff_client, staff_user, admin_user):
    make_task(title="Angebot nachfassen", assignee=staff_user)
    make_task(title="Annas Aufgabe", assignee=admin_user)
    make_task(title="Schon erledigt", assignee=staff_user, done=True)
    response = staff_client.get("/tasks/")
    assert response.status_code == 200
    assert listed(response) == ["Angebot nachfassen"]


def test_all_shows_everybodys_tasks_and_unassigned_ones(staff_client, staff_user, admin_user):
    make_task(title="Svens", assignee=staff_user)
    make_task(title="Annas", assignee=admin_user)
    make_task(title="Niemandes")
    assert sorted(listed(staff_client.get("/tasks/?scope=all"))) == ["Annas", "Niemandes", "Svens"]


def test_done_shows_the_tasks_ticked_off_most_recent_first(staff_client, staff_user):
    make_task(title="Offen", assignee=staff_user)
    make_task(title="Zuerst erledigt", assignee=staff_user, done=True)
    make_task(title="Zuletzt erledigt", assignee=staff_user, done=True)
    response = staff_client.get("/tasks/?state=done")
    assert listed(response) == ["Zuletzt erledigt", "Zuerst erledigt"]
    assert "done" in response.content.decode()


def test_unknown_filter_values_fall_back_to_mine_and_open(staff_client, staff_user):
    make_task(title="Meine", assignee=staff_user)
    make_task(title="Fremde")
    response = staff_client.get("/tasks/?scope=everything&state=whatever&page=x")
    assert response.status_code == 200
    assert listed(response) == ["Meine"]


def test_overdue_tasks_come_first_and_say_since_how_long(staff_client, staff_user):
    make_task(title="Ohne Datum", assignee=staff_user)
    make_task(title="Morgen", assignee=staff_user, due_date=days_from_today(1))
    make_task(title="Seit drei Tagen", assignee=staff_user, due_date=days_from_today(-3))
    make_task(title="Seit gestern", assignee=staff_user, due_date=days_from_today(-1))
    make_task(title="Heute", assignee=staff_user, due_date=days_from_today(0))
    response = staff_client.get("/tasks/")
    assert listed(response) == ["Seit drei Tagen", "Seit gestern", "Heute", "Morgen", "Ohne Datum"]
    page = response.content.decode()
    assert "overdue by 3 days" in page and "overdue by 1 day<" in page
    assert "due today" in page
    assert page.count('class="task-row is-overdue"') == 2
    assert "2 overdue" in page


def test_the_due_date_is_written_the_german_way(client, staff_user, settings):
    settings.LANGUAGE_CODE = "de"
    client.force_login(staff_user)
    make_task(assignee=staff_user, due_date=days_from_today(5))
    page = client.get("/tasks/").content.decode()
    assert days_from_today(5).strftime("%d.%m.%Y") in page


def test_each_row_links_the_customer_and_names_the_assignee(staff_client, staff_user):
    customer = make_customer(short_name="Bäckerei Kern")
    make_task(title="Rückruf", assignee=staff_user, customer=customer)
    page = staff_client.get("/tasks/").content.decode()
    assert f'href="/customers/{customer.pk}/" title="Bäckerei Kern">Bäckerei Kern</a>' in page
    assert "Sven-Staff" in page


def test_htmx_filter_switching_gets_only_the_board(staff_client, staff_user):
    make_task(title="Fremde Aufgabe")
    response = staff_client.get("/tasks/?scope=all", **BOARD)
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="task-board"')
    assert "<html" not in page and "Fremde Aufgabe" in page
    assert "HX-Request" in response["Vary"]


def test_the_filter_links_work_without_javascript(staff_client):
    page = staff_client.get("/tasks/?scope=all&state=done").content.decode()
    for query in ("scope=mine&amp;state=done", "scope=all&amp;state=open"):
        assert f'href="/tasks/?{query}"' in page and f'hx-get="/tasks/?{query}"' in page
    assert re.search(r'href="/tasks/\?scope=all&amp;state=done" [^>]*aria-current', page)


def test_long_lists_are_paged_with_the_filters_kept(staff_client):
    for _ in range(51):
        make_task()
    response = staff_client.get("/tasks/?scope=all")
    assert len(listed(response)) == 50
    assert 'href="/tasks/?scope=all&amp;state=open&amp;page=2"' in response.content.decode()
    assert len(listed(staff_client.get("/tasks/?scope=all&page=2"))) == 1


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _several_tasks(users, done: bool = False) -> None:
    for n in range(20):
        make_task(
            user=users[n % 2],
            assignee=users[n % 2],
            customer=make_customer(),
            due_date=days_from_today(n - 10),
            done=done,
        )


@pytest.mark.parametrize("state", ["open", "done"])
def test_the_number_of_queries_does_not_grow_with_the_tasks(
    staff_client, staff_user, admin_user, state
):
    users = [staff_user, admin_user]
    make_task(user=staff_user, assignee=staff_user, customer=make_customer(), done=state == "done")
    url = f"/tasks/?scope=all&state={state}"
    staff_client.get(url)  # the first request creates the company settings row
    few = _queries(staff_client, url)
    _several_tasks(users, done=state == "done")
    assert _queries(staff_client, url) == few <= 8


def test_the_list_partial_renders_in_any_page_with_just_tasks_and_customer(rf, staff_user):
    """The customer file includes the partial; `today` and `task_next` are optional."""
    customer = make_customer(short_name="Kern")
    make_task(title="Nachfassen", customer=customer, due_date=days_from_today(-2))
    request = rf.get(f"/customers/{customer.pk}/")
    request.user = staff_user
    html = Template(
        '{% include "tasks/partials/task_list.html" with tasks=tasks customer=customer %}'
    ).render(RequestContext(request, {"tasks": Task.objects.all(), "customer": customer}))
    assert "Nachfassen" in html and "overdue by 2 days" in html
    assert 'class="task-list without-customer"' in html and ">Kern</a>" not in html
    assert f'name="next" value="/customers/{customer.pk}/"' in html
    assert 'name="hide_customer"' in html


def test_the_empty_list_offers_a_task_for_the_customer(rf, staff_user):
    customer = make_customer()
    request = rf.get(f"/customers/{customer.pk}/")
    request.user = staff_user
    html = Template(
        '{% include "tasks/partials/task_list.html" with tasks=tasks customer=customer %}'
    ).render(RequestContext(request, {"tasks": [], "customer": customer}))
    expected = f"/tasks/new/?customer={customer.pk}&amp;next=/customers/{customer.pk}/"
    assert "No open tasks." in html and expected in html
