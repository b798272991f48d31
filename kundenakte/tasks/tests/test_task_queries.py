"""What counts as open, done, mine, overdue, and the order tasks are listed in."""

import datetime

import pytest
from django.db import IntegrityError

from kundenakte.customers import services as customer_services
from kundenakte.customers.tests.factories import make_customer
from kundenakte.tasks import services
from kundenakte.tasks.models import Task
from kundenakte.tasks.tests.factories import make_task

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 3, 14)


def day(offset: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=offset)


def titles(tasks) -> list[str]:
    return [task.title for task in tasks]


def test_open_and_done_split_the_tasks():
    make_task(title="offen")
    make_task(title="erledigt", done=True)
    assert titles(Task.objects.open()) == ["offen"]
    assert titles(Task.objects.done()) == ["erledigt"]


def test_for_user_and_for_customer_narrow_the_tasks(staff_user, admin_user):
    customer = make_customer()
    make_task(title="Svens", assignee=staff_user)
    make_task(title="Annas beim Kunden", assignee=admin_user, customer=customer)
    assert titles(Task.objects.for_user(staff_user)) == ["Svens"]
    assert titles(Task.objects.for_customer(customer)) == ["Annas beim Kunden"]


def test_overdue_means_open_and_due_before_today():
    make_task(title="gestern fällig", due_date=day(-1))
    make_task(title="heute fällig", due_date=day(0))
    make_task(title="ohne Datum")
    make_task(title="gestern fällig, erledigt", due_date=day(-1), done=True)
    assert titles(Task.objects.overdue(TODAY)) == ["gestern fällig"]


def test_by_urgency_puts_overdue_first_then_by_due_date_and_undated_last():
    make_task(title="ohne Datum")
    make_task(title="nächste Woche", due_date=day(7))
    make_task(title="erledigt", due_date=day(-30), done=True)
    make_task(title="seit drei Tagen fällig", due_date=day(-3))
    make_task(title="heute", due_date=day(0))
    assert titles(Task.objects.by_urgency()) == [
        "seit drei Tagen fällig",
        "heute",
        "nächste Woche",
        "ohne Datum",
        "erledigt",
    ]


def test_a_task_query_still_tells_django_whether_it_is_ordered():
    # QuerySet.ordered is the property first(), last() and the paginator's warning rely on;
    # a queryset method of that name would hide it.
    assert Task.objects.all().ordered is True
    assert Task.objects.order_by().ordered is False


def test_days_overdue_counts_only_open_tasks_past_their_due_date():
    assert make_task(due_date=day(-3)).days_overdue(TODAY) == 3
    assert make_task(due_date=day(0)).days_overdue(TODAY) == 0
    assert make_task().days_overdue(TODAY) == 0
    assert make_task(due_date=day(-3), done=True).days_overdue(TODAY) == 0


def test_ticking_off_records_who_and_when_and_reopening_clears_it(staff_user):
    task = make_task()
    services.task_toggle(user=staff_user, task=task)
    task.refresh_from_db()
    assert task.done and task.done_at is not None and task.done_by == staff_user
    services.task_toggle(user=staff_user, task=task)
    task.refresh_from_db()
    assert not task.done and task.done_at is None and task.done_by is None


def test_asking_for_the_state_a_task_already_has_changes_nothing(staff_user, admin_user):
    task = make_task(user=admin_user, done=True)
    done_at = Task.objects.get().done_at
    services.task_toggle(user=staff_user, task=task, done=True)
    task.refresh_from_db()
    assert task.done and task.done_at == done_at and task.done_by == admin_user


def test_a_stale_copy_of_a_task_does_not_undo_a_tick_off(staff_user):
    task = make_task()
    stale = Task.objects.get(pk=task.pk)
    services.task_toggle(user=staff_user, task=task, done=True)
    services.task_toggle(user=staff_user, task=stale, done=True)
    assert Task.objects.get().done


def test_the_database_refuses_a_done_task_without_a_time():
    task = make_task()
    with pytest.raises(IntegrityError):
        Task.objects.filter(pk=task.pk).update(done=True)


def test_deleting_a_prospect_takes_its_tasks_along():
    prospect = make_customer()
    make_task(customer=prospect)
    make_task(title="ohne Kunde")
    customer_services.customer_delete(customer=prospect)
    assert titles(Task.objects.all()) == ["ohne Kunde"]


def test_a_deleted_user_leaves_the_task_unassigned(django_user_model):
    user = django_user_model.objects.create_user("weg")
    task = make_task(assignee=user, user=user, done=True)
    user.delete()
    task.refresh_from_db()
    assert task.assignee is None and task.done_by is None and task.created_by is None
