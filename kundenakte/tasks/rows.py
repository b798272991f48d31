"""Task rows: one task as a list item, with its tick-off button, wherever tasks are listed.

Built in Python rather than by including a template per row: the customer file's overview shows
ten rows and must answer within 20 ms, and a template row cost half a millisecond. Even
format_html() and mark_safe() per fragment cost a good part of that here (both check every
argument for lazy strings), so the rows are f-strings wrapped in SafeString.

The rule for those f-strings: what goes into them is an int, a fixed word, or a SafeString that
escape() or another function here returned. So values come out escaped as autoescaping would;
the words keep the msgids of the former template, so the German catalogue still applies.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote

from django.middleware.csrf import get_token
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import get_language, gettext, ngettext

from kundenakte.tasks.models import Task

NOTES_SHOWN = 160  # characters; the task form shows all of them
_PK_MARK = 918273645  # stands in for the pk in a reversed URL; no other part contains it


class TaskRows:
    """The rows of one task list, as `<li>` elements; the tasks with customer, assignee and
    done_by selected (else each row queries for them).

    `can_change`: with the tick-off form and the edit link; `back`: where a plain POST and the
    task form return to; `hide_customer`: the list sits in that customer's file, so the rows
    leave out the customer link; `today`: a date, so that all rows agree.
    """

    def __init__(
        self,
        *,
        can_change: bool,
        csrf_token: str,
        today: datetime.date,
        back: str,
        hide_customer: bool,
    ):
        # Worked out once per list: per row, the reverse() calls alone cost more than the row.
        self.can_change = can_change
        self.today = today
        self.hide_customer = hide_customer
        self.words = _Words.translated(get_language())
        self.hidden_fields = _hidden_fields(csrf_token, back, hide_customer)
        self.next_query = escape("?next=" + quote(back, safe="/"))  # as the urlencode filter
        self.toggle_url = _url_for_pk("tasks:toggle")
        self.edit_url = _url_for_pk("tasks:edit")

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
        return SafeString("".join([self.row(task) for task in tasks]))

    def row(self, task: Task) -> SafeString:
        overdue = task.days_overdue(self.today)
        state = " is-done" if task.done else " is-overdue" if overdue else ""
        check = self._tick_off(task) if self.can_change else self._status(task)
        return SafeString(
            f'<li class="task-row{state}" id="task-{task.pk}">'
            f'<div class="task-check-cell">{check}</div>'
            f'<div class="task-main">{self._title(task)}{_notes(task)}</div>'
            f'<div class="task-meta">{self._customer(task)}{self._assignee(task)}'
            f"{self._due(task, overdue)}</div></li>"
        )

    def _tick_off(self, task: Task) -> SafeString:
        url, words = self.toggle_url(task.pk), self.words
        if task.done:
            value, checked, title, label = "0", "true", words.reopen, words.reopen_task
        else:
            value, checked, title, label = "1", "false", words.tick_off, words.tick_off_task
        return SafeString(
            f'<form method="post" action="{url}" hx-post="{url}" hx-target="closest .task-row"'
            f' hx-swap="outerHTML">{self.hidden_fields}<button type="submit" class="task-check"'
            f' id="task-{task.pk}-check" name="done" value="{value}" role="checkbox"'
            f' aria-checked="{checked}" title="{title}"'
            f' aria-label="{_fill(label, title=task.title)}">'
            '<span aria-hidden="true">✓</span></button></form>'
        )

    def _status(self, task: Task) -> SafeString:
        label = self.words.done if task.done else self.words.open
        return SafeString(
            f'<span class="task-check" role="img" aria-label="{label}">'
            '<span aria-hidden="true">✓</span></span>'
        )

    def _title(self, task: Task) -> SafeString:
        title = escape(task.title)
        if self.can_change:
            title = f'<a href="{self.edit_url(task.pk)}{self.next_query}">{title}</a>'
        return SafeString(f'<span class="task-title">{title}</span>')

    def _customer(self, task: Task) -> SafeString:
        link = ""
        if not self.hide_customer and task.customer:  # hidden: not even selected
            url, name = escape(task.customer.get_absolute_url()), escape(task.customer.short_name)
            link = (
                f'<span class="visually-hidden">{self.words.customer}: </span>'
                f'<a href="{url}" title="{name}">{name}</a>'
            )
        return SafeString(f'<div class="task-customer">{link}</div>')

    def _assignee(self, task: Task) -> SafeString:
        if task.assignee:
            name = escape(_user_name(task.assignee))
        else:
            name = f'<span class="muted">{self.words.nobody}</span>'
        return SafeString(
            '<div class="task-assignee">'
            f'<span class="visually-hidden">{self.words.assigned_to}: </span>{name}</div>'
        )

    def _due(self, task: Task, overdue: int) -> SafeString:
        if task.done:
            due = f"<span>{self._done_note(task)}</span>"
        elif task.due_date:
            due = self._due_date(task, overdue)
        else:
            due = ""
        return SafeString(f'<div class="task-due">{due}</div>')

    def _done_note(self, task: Task) -> SafeString:
        # A datetime: the day it was ticked off here, as the date filter reads it, not in UTC.
        date = date_format(timezone.template_localtime(task.done_at), "SHORT_DATE_FORMAT")
        if task.done_by:
            return _fill(self.words.done_on_by, date=date, name=_user_name(task.done_by))
        return _fill(self.words.done_on, date=date)

    def _due_date(self, task: Task, overdue: int) -> SafeString:
        badge = ""
        if overdue:
            badge = f'<span class="badge task-overdue">{_overdue(overdue)}</span>'
        elif task.due_date == self.today:
            badge = f'<span class="badge task-today">{self.words.due_today}</span>'
        shown = _short_date(task.due_date, get_language())
        return SafeString(
            f'<span class="visually-hidden">{self.words.due}: </span>'
            f'<time datetime="{task.due_date.isoformat()}">{shown}</time>{badge}'
        )


@dataclass(frozen=True)
class _Words:
    """What every row says, translated and escaped once per list; `%(name)s` left to fill."""

    tick_off: SafeString
    tick_off_task: SafeString
    reopen: SafeString
    reopen_task: SafeString
    done: SafeString
    open: SafeString
    customer: SafeString
    assigned_to: SafeString
    nobody: SafeString
    due: SafeString
    due_today: SafeString
    done_on: SafeString
    done_on_by: SafeString

    @classmethod
    @lru_cache(maxsize=8)
    def translated(cls, language: str) -> "_Words":
        """The words in `language`, the active one; worked out once per process."""
        return cls(
            tick_off=escape(gettext("Mark as done")),
            tick_off_task=escape(gettext("Mark “%(title)s” as done")),
            reopen=escape(gettext("Reopen")),
            reopen_task=escape(gettext("Reopen “%(title)s”")),
            done=escape(gettext("done")),
            open=escape(gettext("open")),
            customer=escape(gettext("Customer")),
            assigned_to=escape(gettext("Assigned to")),
            nobody=escape(gettext("nobody")),
            due=escape(gettext("Due")),
            due_today=escape(gettext("due today")),
            done_on=escape(gettext("done %(date)s")),
            done_on_by=escape(gettext("done %(date)s by %(name)s")),
        )


def _hidden_fields(csrf_token: str, back: str, hide_customer: bool) -> SafeString:
    return format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
        '<input type="hidden" name="next" value="{}">{}',
        csrf_token,
        back,
        SafeString('<input type="hidden" name="hide_customer" value="1">') if hide_customer else "",
    )


def _url_for_pk(name: str) -> Callable[[int], SafeString]:
    """`escape(reverse(name, args=[pk]))` for many rows at the price of one string format."""
    before, after = _url_parts(name, get_script_prefix())
    return lambda pk: SafeString(f"{before}{pk:d}{after}")


@lru_cache(maxsize=16)
def _url_parts(name: str, script_prefix: str) -> tuple[str, str]:
    before, _, after = escape(reverse(name, args=[_PK_MARK])).partition(str(_PK_MARK))
    return before, after


def _fill(message: SafeString, **values) -> SafeString:
    """An escaped message with its `%(name)s` placeholders filled in with escaped values."""
    return SafeString(message % {name: escape(value) for name, value in values.items()})


def _notes(task: Task) -> SafeString:
    if not task.notes:
        return SafeString()
    notes = escape(Truncator(task.notes).chars(NOTES_SHOWN))
    return SafeString(f'<span class="task-notes">{notes}</span>')


@lru_cache(maxsize=4096)
def _short_date(value: datetime.date, language: str) -> SafeString:
    # Cached per language: every visit of a task list formats the same due dates again.
    return escape(date_format(value, "SHORT_DATE_FORMAT"))


def _overdue(days: int) -> SafeString:
    message = ngettext("overdue by %(days)s day", "overdue by %(days)s days", days)
    return _fill(escape(message), days=days)


def _user_name(user) -> str:
    return user.get_full_name() or user.get_username()
