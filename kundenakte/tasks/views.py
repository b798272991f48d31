"""The task page (mine / all, open / done), the task form, ticking off and deleting.

Every view sits behind the module switch: with tasks switched off in the settings, each URL
answers 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from kundenakte.accounts.modules import company_settings
from kundenakte.core.http import redirect_after_post, safe_next
from kundenakte.customers.models import Customer
from kundenakte.tasks import services
from kundenakte.tasks.access import load_task, tasks_module_required
from kundenakte.tasks.forms import TaskForm, customer_suggestions
from kundenakte.tasks.models import Task
from kundenakte.tasks.rows import TaskRows

PAGE_SIZE = 50
BOARD_TARGET = "task-board"
SCOPES = ("mine", "all")
STATES = ("open", "done")


def _choice(request, name: str, allowed: tuple[str, ...]) -> str:
    value = request.GET.get(name)
    return value if value in allowed else allowed[0]


def _listed(user, scope: str, state: str):
    tasks = Task.objects.select_related("customer", "assignee", "done_by")
    if scope == "mine":
        tasks = tasks.for_user(user)
    return tasks.open().by_urgency() if state == "open" else tasks.done().recently_done()


def _wants_board(request) -> bool:
    htmx = request.htmx
    return bool(htmx) and not htmx.history_restore_request and htmx.target == BOARD_TARGET


@tasks_module_required
@permission_required("tasks.view_task", raise_exception=True)
@require_safe
def task_list(request):
    scope, state = _choice(request, "scope", SCOPES), _choice(request, "state", STATES)
    today = timezone.localdate()
    tasks = _listed(request.user, scope, state)
    page = Paginator(tasks, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "company": company_settings(request),
        "scope": scope,
        "state": state,
        "page": page,
        "today": today,
        "overdue_count": tasks.overdue(today).count() if state == "open" else 0,
    }
    template = "tasks/task_list.html" + ("#board" if _wants_board(request) else "")
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response


def _posted(request):
    """The POST data, bound even when empty (`request.POST or None` would show a fresh form)."""
    return request.POST if request.method == "POST" else None


def _preassigned(request) -> Customer | None:
    value = request.GET.get("customer", "")
    if not (value.isascii() and value.isdigit() and len(value) <= 18):
        return None
    return Customer.objects.filter(pk=int(value)).first()


def _form_page(request, form: TaskForm, task: Task | None, customer: Customer | None = None):
    context = {
        "company": company_settings(request),
        "form": form,
        "task": task,
        "customer": customer or (task.customer if task else None),
        "next": safe_next(request, ""),
    }
    return render(request, "tasks/task_form.html", context)


def _back(request) -> str:
    return safe_next(request, reverse("tasks:list"))


@tasks_module_required
@permission_required("tasks.add_task", raise_exception=True)
def task_create(request):
    customer = _preassigned(request)
    initial = {"assignee": request.user.pk}
    form = TaskForm(_posted(request), instance=Task(), customer=customer, initial=initial)
    if request.method == "POST" and form.is_valid():
        task = services.task_create(user=request.user, task=form.instance)
        messages.success(request, _("Task “%(title)s” created.") % {"title": task.title})
        return redirect_after_post(request, _back(request))
    return _form_page(request, form, None, customer)


@tasks_module_required
def task_update(request, pk):
    task = load_task(request, pk, "tasks.change_task")
    form = TaskForm(_posted(request), instance=task)
    if request.method == "POST" and form.is_valid():
        services.task_update(task=form.instance)
        messages.success(request, _("Changes saved."))
        return redirect_after_post(request, _back(request))
    return _form_page(request, form, task)


@tasks_module_required
@require_POST
def task_toggle(request, pk):
    """Tick a task off or reopen it: htmx gets the row back, a plain form goes back to `next`."""
    task = load_task(request, pk, "tasks.change_task")
    wanted = {"1": True, "0": False}.get(request.POST.get("done", ""))
    services.task_toggle(user=request.user, task=task, done=wanted)
    if request.htmx:
        hide_customer = bool(request.POST.get("hide_customer"))
        rows = TaskRows.for_request(
            request, today=timezone.localdate(), back=_back(request), hide_customer=hide_customer
        )
        return HttpResponse(rows.row(task))
    return HttpResponseRedirect(_back(request))


@tasks_module_required
def task_delete(request, pk):
    task = load_task(request, pk, "tasks.delete_task")
    if request.method == "POST":
        services.task_delete(task=task)
        messages.success(request, _("Task “%(title)s” deleted.") % {"title": task.title})
        return redirect_after_post(request, _back(request))
    context = {"company": company_settings(request), "task": task, "next": safe_next(request, "")}
    return render(request, "tasks/task_confirm_delete.html", context)


@tasks_module_required
@permission_required("customers.view_customer", raise_exception=True)
@require_safe
def customer_suggest(request):
    """The <datalist> of short names for the customer field of the task form."""
    customers = customer_suggestions(request.GET.get("customer_name", ""))
    return render(request, "tasks/task_form.html#customer_suggestions", {"customers": customers})
