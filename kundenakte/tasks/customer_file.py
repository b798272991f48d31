"""What the tasks app adds to the customer file (see kundenakte.customers.file)."""

from urllib.parse import urlencode

from django.urls import reverse
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
    query = urlencode({"customer": customer.pk, "next": customer.get_absolute_url()})
    return f"{reverse('tasks:create')}?{query}"


def tasks_section_context(request, customer: Customer) -> dict:
    # Open tasks of this customer: the rows show neither the customer nor who ticked them off.
    tasks = Task.objects.for_customer(customer).open().ordered().select_related("assignee")
    shown = list(tasks[: SECTION_ROWS + 1])
    more = len(shown) > SECTION_ROWS
    return {
        "tasks": shown[:SECTION_ROWS],
        "count": _open_count(customer) if more else len(shown),
        "more": more,
        "today": timezone.localdate(),
        "new_url": customer_task_create_url(customer),
        "tab_url": reverse("customer_tasks:tasks", args=[customer.pk]),
    }


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
