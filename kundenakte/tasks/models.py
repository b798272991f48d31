"""Tasks (Aufgaben): a to-do with an optional due date, assignee and customer."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kundenakte.core.clean_text import CleanTextModel
from kundenakte.core.models import user_reference
from kundenakte.customers.models import Customer


class TaskQuerySet(models.QuerySet):
    """Chainable reads for the task page and the customer file."""

    def open(self):
        return self.filter(done=False)

    def done(self):
        return self.filter(done=True)

    def for_customer(self, customer: Customer):
        return self.filter(customer=customer)

    def for_user(self, user):
        """The tasks assigned to `user`."""
        return self.filter(assignee=user)

    def overdue(self, today: datetime.date):
        """Open tasks whose due date lies before `today`."""
        return self.open().filter(due_date__lt=today)

    def by_urgency(self):
        """Open before done; then by due date, so overdue tasks come first and tasks without a
        due date last. Matches the (…, done, due_date) indexes."""
        return self.order_by("done", F("due_date").asc(nulls_last=True), "pk")

    def recently_done(self):
        return self.order_by("-done_at", "-pk")


class Task(CleanTextModel):
    title = models.CharField(_("title"), max_length=200)
    notes = models.TextField(_("notes"), max_length=5000, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("assigned to"),
    )
    # A prospect deleted (customers.services.customer_delete) takes its tasks along.
    customer = models.ForeignKey(
        Customer,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("customer"),
    )
    done = models.BooleanField(_("done"), default=False)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = user_reference(_("done by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = user_reference(_("created by"))
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        ordering = ["done", F("due_date").asc(nulls_last=True), "pk"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        indexes = [
            models.Index(fields=["customer", "done", "due_date"], name="task_customer_idx"),
            models.Index(fields=["assignee", "done", "due_date"], name="task_assignee_idx"),
            # The "all" view of the task page: every open (or done) task by due date.
            models.Index(fields=["done", "due_date"], name="task_done_due_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="task_title_not_empty"),
            models.CheckConstraint(
                condition=Q(done=True, done_at__isnull=False) | Q(done=False, done_at__isnull=True),
                name="task_done_at_iff_done",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("tasks:edit", args=[self.pk])

    def days_overdue(self, today: datetime.date) -> int:
        """Days since the due date passed, for an open task; 0 when it is not overdue."""
        if self.done or self.due_date is None or self.due_date >= today:
            return 0
        return (today - self.due_date).days
