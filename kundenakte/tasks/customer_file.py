"""What the tasks app adds to the customer file (see kundenakte.customers.file)."""

from functools import lru_cache
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.db import connections, router
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kundenakte.core.reader import columns, from_row
from kundenakte.customers import file
from kundenakte.customers.models import Customer
from kundenakte.tasks.models import Task

SECTION_ROWS = 10  # the most urgent open tasks; the tab lists them all
User = get_user_model()


def _open_count(customer: Customer) -> int:
    # The tab and the overview's section both show it; kept on the customer for the request.
    if not hasattr(customer, "_open_task_count"):
        customer._open_task_count = Task.objects.for_customer(customer).open().count()
    return customer._open_task_count


def open_task_count(customer: Customer) -> dict[str, int]:
    return {"tasks": _open_count(customer)}


def customer_task_create_url(customer: Customer) -> str:
    """ "+ Aufgabe": a task preassigned to the customer, returning to the file."""
    query = urlencode({"customer": customer.pk, "next": file.url("customers:detail", customer.pk)})
    return f"{file.url('tasks:create')}?{query}"


def tasks_section_context(request, customer: Customer) -> dict:
    tasks, count = _open_tasks(customer)
    customer._open_task_count = count  # the tab's count, without asking again
    return {
        "tasks": tasks,
        "count": count,
        "more": count > len(tasks),
        "today": timezone.localdate(),
        "new_url": customer_task_create_url(customer),
        "tab_url": file.url("customer_tasks:tasks", customer.pk),
        "file_url": file.url("customers:detail", customer.pk),
    }


def _open_tasks(customer: Customer) -> tuple[list[Task], int]:
    """The first open tasks of the customer (TaskQuerySet.by_urgency()) with their assignees, and
    how many are open: one plain query, where the ORM took two and cost ~1.5 ms to build them."""
    connection = connections[router.db_for_read(Task)]
    with connection.cursor() as cursor:
        cursor.execute(_open_tasks_sql(connection.alias), [customer.pk])
        rows = cursor.fetchall()
    task_end = len(Task._meta.concrete_fields)
    tasks = []
    for row in rows:
        task = from_row(Task, row[:task_end], connection)
        assignee = from_row(User, row[task_end:-1], connection)
        Task.assignee.field.set_cached_value(task, assignee if assignee.pk is not None else None)
        Task.customer.field.set_cached_value(task, customer)
        tasks.append(task)
    return tasks, rows[0][-1] if rows else 0


@lru_cache(maxsize=8)
def _open_tasks_sql(alias: str) -> str:
    connection = connections[alias]
    # The count runs before the LIMIT: over every open task of the customer.
    return (
        f"SELECT {columns(Task, 't', connection)}, {columns(User, 'u', connection)},"
        f" count(*) OVER () FROM {Task._meta.db_table} t"
        f" LEFT JOIN {User._meta.db_table} u ON u.id = t.assignee_id"
        " WHERE t.customer_id = %s AND NOT t.done"
        f" ORDER BY t.due_date NULLS LAST, t.id LIMIT {SECTION_ROWS}"
    )


def register_customer_file_parts() -> None:
    file.register(
        tabs=[
            file.Tab(
                "tasks", _("Tasks"), "customer_tasks:tasks", "tasks.view_task", "tasks_enabled", 50
            )
        ],
        sections=[
            file.Section(
                "tasks",
                "tasks/customer_tasks.html#section",
                "tasks.view_task",
                tasks_section_context,
                "tasks_enabled",
                10,
            )
        ],
        new_entries=[
            file.NewEntry(_("Task"), "tasks:create", "tasks.add_task", "tasks_enabled", 40)
        ],
        counter=open_task_count,
    )
