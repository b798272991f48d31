"""Loading tasks for a view: the object, or 404 / 403; and the module switch.

Switched off in the settings, the tasks module disappears: every tasks URL answers 404, as if it
were not there.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from kundenakte.accounts.modules import module_required
from kundenakte.tasks.models import Task

# 404 for every request while the tasks module is switched off.
tasks_module_required = module_required("tasks_enabled")


def load_task(request, pk: int, perm: str = "tasks.view_task") -> Task:
    if not request.user.has_perm(perm):
        raise PermissionDenied
    return get_object_or_404(Task.objects.select_related("customer", "assignee", "done_by"), pk=pk)
