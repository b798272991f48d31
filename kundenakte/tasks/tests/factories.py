"""Building test tasks through the real services."""

import datetime
from itertools import count

from django.utils import timezone

from kundenakte.tasks import services
from kundenakte.tasks.models import Task

_seq = count(1)


def days_from_today(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def make_task(*, user=None, done: bool = False, **fields) -> Task:
    """A valid task; pass fields to override, `done=True` to tick it off (by `user`)."""
    fields.setdefault("title", f"Aufgabe {next(_seq)}")
    task = services.task_create(user=user, task=Task(**fields))
    if done:
        task = services.task_toggle(user=user, task=task, done=True)
    return task
