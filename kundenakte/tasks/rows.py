"""Task rows: one task as a list item, with its tick-off button, wherever tasks are listed.

The rows are Jinja2 macros (templates/jinja2/tasks/task_rows.html): the customer file's overview
shows ten of them and must answer within 20 ms, and a Django template row cost half a
millisecond.
"""

import datetime
from collections.abc import Iterable
from urllib.parse import quote

from django.middleware.csrf import get_token
from django.utils.safestring import SafeString, mark_safe

from kundenakte.jinja2 import macros
from kundenakte.tasks.models import Task

NOTES_SHOWN = 160  # characters; the task form shows all of them
TEMPLATE = "tasks/task_rows.html"


class TaskRows:
    """The rows of one task list, as `<li>` elements; the tasks with customer, assignee and
    done_by selected (else each row queries for them).

    `can_change`: with the tick-off form and the edit link; `back`: where a plain POST and the
    task form return to; `hide_customer`: the list sits in that customer's file, so the rows
    leave out the customer link; `today`: a date, so that all rows agree.
    """

    notes_shown = NOTES_SHOWN

    def __init__(
        self,
        *,
        can_change: bool,
        csrf_token: str,
        today: datetime.date,
        back: str,
        hide_customer: bool,
    ):
        self.can_change = can_change
        self.csrf_token = csrf_token
        self.today = today
        self.back = back
        self.hide_customer = hide_customer
        self.next_query = "?next=" + quote(back, safe="/")  # as the urlencode filter

    @classmethod
    def for_request(
        cls, request, *, today: datetime.date, back: str, hide_customer: bool
    ) -> "TaskRows":
        can_change = request.user.has_perm("tasks.change_task")
        return cls(
            can_change=can_change,
            csrf_token=get_token(request) if can_change else "",
            today=today,
            back=back,
            hide_customer=hide_customer,
        )

    def html(self, tasks: Iterable[Task]) -> SafeString:
        # mark_safe: the output of an autoescaping template
        return mark_safe(macros(TEMPLATE).rows(tasks, self))

    def row(self, task: Task) -> SafeString:
        return mark_safe(macros(TEMPLATE).row(task, self))
