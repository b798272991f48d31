"""The tasks tab of the customer file: the customer's tasks, open ones first."""

from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from kundenakte.customers.access import load_customer
from kundenakte.customers.file import file_context
from kundenakte.tasks.access import tasks_module_required
from kundenakte.tasks.customer_file import customer_task_create_url
from kundenakte.tasks.models import Task

PAGE_SIZE = 50


@tasks_module_required
@permission_required("tasks.view_task", raise_exception=True)
@require_safe
def customer_tasks(request, pk):
    customer = load_customer(request, pk)
    tasks = (
        Task.objects.for_customer(customer)
        .by_urgency()
        .select_related("customer", "assignee", "done_by")
    )
    page = Paginator(tasks, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        **file_context(request, customer, "tasks"),
        "page": page,
        "today": timezone.localdate(),
        "new_url": customer_task_create_url(customer),
    }
    return render(request, "tasks/customer_tasks.html", context)
