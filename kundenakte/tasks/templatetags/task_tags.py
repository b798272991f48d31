"""Template tags for task rows, usable wherever the row partial is included."""

import datetime

from django import template
from django.utils import timezone

from kundenakte.tasks.models import Task

register = template.Library()


def _today(context) -> datetime.date:
    # Pages may pass `today` so that all rows agree; without it, ask the clock. (A tag, not a
    # filter: a filter argument missing from the context would raise.)
    today = context.get("today")
    return today if isinstance(today, datetime.date) else timezone.localdate()


@register.simple_tag(takes_context=True)
def task_days_overdue(context, task: Task) -> int:
    """`{% task_days_overdue task as overdue %}`: days since an open task fell due, else 0."""
    return task.days_overdue(_today(context))


@register.simple_tag(takes_context=True)
def task_due_today(context, task: Task) -> bool:
    return not task.done and task.due_date == _today(context)
