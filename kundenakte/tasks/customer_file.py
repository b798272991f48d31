"""What the tasks app adds to the customer file (see kundenakte.customers.file)."""

from urllib.parse import urlencode

from django.db.models import Count, Window
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kundenakte.customers import file
from kundenakte.customers.models import Customer
from kundenakte.tasks.models import Task

SECTION_ROWS = 10  # the most urgent open tasks; the tab lists them all


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
    """The first open tasks of the customer with their assignees, and how many are open, in one
    query: the count is a window over every open task, computed before the LIMIT."""
    tasks = list(
        Task.objects.for_customer(customer)
        .open()
        .by_urgency()
        .select_related("assignee")
        .annotate(open_count=Window(Count("pk")))[:SECTION_ROWS]
    )
    return tasks, tasks[0].open_count if tasks else 0


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
