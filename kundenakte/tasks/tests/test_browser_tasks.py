"""The task page in headless Chromium: switching filters and ticking off without a reload."""

import pytest

from conftest import browser_login
from kundenakte.customers.tests.factories import make_customer
from kundenakte.tasks.models import Task
from kundenakte.tasks.tests.factories import days_from_today, make_task

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_tick_off_and_reopen_a_task_in_place(browser_page, staff_user, admin_user):
    customer = make_customer(short_name="Bäckerei Kern")
    make_task(title="Angebot nachfassen", assignee=staff_user, due_date=days_from_today(-3))
    make_task(title="Rückruf Frau Kern", assignee=staff_user, customer=customer)
    make_task(title="Annas Aufgabe", assignee=admin_user)
    page = browser_page
    browser_login(page, "sven-staff")
    page.goto("/tasks/")
    page.evaluate("window.notReloaded = true")
    overdue = page.locator(".task-row", has_text="Angebot nachfassen")
    assert "is-overdue" in overdue.get_attribute("class")
    assert page.locator(".task-row").count() == 2

    page.click(".segmented a[href$='scope=all&state=open']")
    page.wait_for_url("**/tasks/?scope=all&state=open")
    page.locator(".task-row", has_text="Annas Aufgabe").wait_for()
    assert page.locator(".task-row").count() == 3

    page.locator(".task-row", has_text="Rückruf Frau Kern").get_by_role("checkbox").click()
    row = page.locator(".task-row.is-done", has_text="Rückruf Frau Kern")
    row.wait_for()
    assert Task.objects.get(title="Rückruf Frau Kern").done
    row.get_by_role("checkbox").click()
    page.locator(".task-row:not(.is-done)", has_text="Rückruf Frau Kern").wait_for()
    assert not Task.objects.get(title="Rückruf Frau Kern").done
    assert page.evaluate("window.notReloaded") is True


def test_create_a_task_for_a_customer_picked_from_the_suggestions(browser_page, staff_user):
    customer = make_customer(short_name="Bäckerei Kern", city="Leipzig")
    make_customer(short_name="Metzgerei Kern")
    page = browser_page
    browser_login(page, "sven-staff")
    page.goto("/tasks/new/")
    page.fill("#id_title", "Brötchen bestellen")
    page.locator("#id_customer_name").press_sequentially("back")
    suggestion = page.locator("#customer-suggestions option")
    suggestion.first.wait_for(state="attached")
    assert suggestion.count() == 1
    page.fill("#id_customer_name", suggestion.get_attribute("value"))  # what picking it does
    page.fill("#id_due_date", "2025-12-24")
    page.click("form.task-form button[type=submit]")
    page.wait_for_url("**/tasks/")
    task = Task.objects.get()
    assert (task.title, task.customer) == ("Brötchen bestellen", customer)
    assert task.assignee == staff_user and str(task.due_date) == "2025-12-24"
