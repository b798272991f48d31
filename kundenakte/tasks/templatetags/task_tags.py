"""`{% task_rows tasks %}`: the rows of a task list, for whoever asked for the page."""

import datetime

from django import template
from django.utils import timezone
from django.utils.safestring import SafeString

from kundenakte.tasks.rows import TaskRows

register = template.Library()


def _today(context) -> datetime.date:
    # Pages may pass `today` so that all rows agree; without it, ask the clock.
    today = context.get("today")
    return today if isinstance(today, datetime.date) else timezone.localdate()


@register.simple_tag(takes_context=True)
def task_rows(context, tasks) -> SafeString:
    """Optional context: `customer` (inside that customer's file: no customer links), `today`
    and `task_next` (where a plain POST returns to; default: this page)."""
    if not tasks:
        return SafeString()  # the translations and URLs the rows share would be wasted
    request = context["request"]
    rows = TaskRows.for_request(
        request,
        today=_today(context),
        back=context.get("task_next") or request.get_full_path(),
        hide_customer=bool(context.get("customer")),
    )
    return rows.html(tasks)
