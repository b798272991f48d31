"""Business rules for tasks. Views call these; they validate with full_clean() before saving."""

from django.db import transaction
from django.utils import timezone

from kundenakte.tasks.models import Task


def task_create(*, user, task: Task) -> Task:
    """Save a new task, created by `user`."""
    task.created_by = user
    task.full_clean()
    task.save()
    return task


def task_update(*, task: Task) -> Task:
    task.full_clean()
    task.save()
    return task


@transaction.atomic
def task_toggle(*, user, task: Task, done: bool | None = None) -> Task:
    """Tick a task off or reopen it; `done=None` flips it.

    A page may be stale: passing the state the user asked for (rather than flipping) keeps a
    double click, or a click on a task someone else ticked off meanwhile, from undoing it.
    """
    locked = Task.objects.select_for_update().get(pk=task.pk)
    task.done, task.done_at, task.done_by_id = locked.done, locked.done_at, locked.done_by_id
    wanted = (not task.done) if done is None else done
    if wanted != task.done:
        task.done = wanted
        task.done_at = timezone.now() if wanted else None
        task.done_by = user if wanted else None
        task.full_clean()
        task.save(update_fields=["done", "done_at", "done_by", "updated_at"])
    return task


def task_delete(*, task: Task) -> None:
    task.delete()
