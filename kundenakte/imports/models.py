"""An import of customers from a CSV or XLSX file: the uploaded file, the user's choices, the
preview's findings per row and, once applied, what it wrote so that it can be undone."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kundenakte.core.clean_text import CleanTextModel
from kundenakte.core.models import user_reference


class ImportRun(CleanTextModel):
    class State(models.TextChoices):
        ANALYSING = "analysing", _("preview is being prepared")
        READY = "ready", _("preview ready")
        APPLYING = "applying", _("being imported")
        APPLIED = "applied", _("imported")
        FAILED = "failed", _("failed")
        UNDONE = "undone", _("undone")

    class Duplicates(models.TextChoices):
        SKIP = "skip", _("skip")
        UPDATE = "update", _("update the existing customer")
        CREATE = "create", _("create a new customer")

    file_name = models.CharField(_("file"), max_length=255)
    # The file itself, in the database: the worker that reads it needs no shared disk, and a
    # backup holds it with the import it belongs to.
    content = models.BinaryField(editable=False)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    created_by = user_reference(_("uploaded by"))
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.ANALYSING
    )
    # How the file is read: {"encoding": "utf-8", "delimiter": ";", "sheet": "Tabelle1"} — as
    # detected, then as the user changed it. `detected` keeps what was found (sheets, …).
    read_options = models.JSONField(default=dict, blank=True)
    detected = models.JSONField(default=dict, blank=True)
    headings = models.JSONField(default=list, blank=True)
    # One entry per heading: {"field": "<key of imports.fields>" or "", "clear": bool}, where
    # "clear" means an empty cell clears the stored value instead of leaving it.
    mapping = models.JSONField(default=list, blank=True)
    duplicates = models.CharField(
        _("possible duplicates"),
        max_length=10,
        choices=Duplicates.choices,
        default=Duplicates.SKIP,
    )
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    # The preview's counts, replaced by what the import really did once it is applied.
    new_count = models.PositiveIntegerField(_("new"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)
    duplicate_count = models.PositiveIntegerField(_("possible duplicates"), default=0)
    error_count = models.PositiveIntegerField(_("faulty rows"), default=0)
    message = models.TextField(_("message"), blank=True)
    # The preview's counts before any duplicate was decided, from which import_decide
    # recomputes the five counts: {"new": …, "updated": …, …}.
    analysis_counts = models.JSONField(default=dict, blank=True, editable=False)
    applied_at = models.DateTimeField(_("imported"), null=True, blank=True)
    applied_by = user_reference(_("imported by"))
    undone_at = models.DateTimeField(_("undone"), null=True, blank=True)
    undone_by = user_reference(_("undone by"))

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"Import {self.pk} ({self.file_name})"

    def save_without_file(self) -> None:
        """Save every field but the uploaded file, which never changes after the upload and
        would otherwise travel to the database again (tens of MB for a large import)."""
        kept = {"id", "content"}
        self.save(update_fields=[f.name for f in self._meta.concrete_fields if f.name not in kept])


class ImportLine(CleanTextModel):
    """A row of the file that the preview has something to say about: one that updates a
    customer (with its changes), a possible duplicate (with the user's decision) or a faulty
    row (with its errors). New and unchanged rows are only counted."""

    class Outcome(models.TextChoices):
        NEW = "new", _("new")
        UPDATE = "update", _("updated")
        UNCHANGED = "unchanged", _("unchanged")
        DUPLICATE = "duplicate", _("possible duplicate")
        ERROR = "error", _("faulty")

    run = models.ForeignKey(ImportRun, models.CASCADE, related_name="lines")
    # Numbered as a spreadsheet shows the rows: the heading is row 1.
    line = models.PositiveIntegerField(_("row"))
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    label = models.CharField(_("customer"), max_length=255, blank=True)
    # The customer the row updates, or the one it may duplicate.
    customer = models.ForeignKey(
        "customers.Customer", models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # [[field label, old, new], …] for an update; [[column heading, message], …] for an error.
    changes = models.JSONField(default=list, blank=True)
    errors = models.JSONField(default=list, blank=True)
    # For a possible duplicate: the user's choice for this row, or "" for the import's default.
    decision = models.CharField(
        max_length=10, choices=ImportRun.Duplicates.choices, blank=True, default=""
    )

    class Meta:
        ordering = ["run", "line"]
        indexes = [models.Index(fields=["run", "outcome", "line"], name="import_line_outcome_idx")]

    def __str__(self) -> str:
        return f"{self.run_id}:{self.line}"


class ImportedCustomer(CleanTextModel):
    """What an applied import did to one customer, so that it can be undone: created it, or
    changed it from the `previous` values ({field: value}, "tags": [tag ids]). An import that
    touched a customer in several chunks has several records; undo replays them newest first."""

    run = models.ForeignKey(ImportRun, models.CASCADE, related_name="records")
    customer = models.ForeignKey("customers.Customer", models.CASCADE, related_name="+")
    created = models.BooleanField(default=False)
    previous = models.JSONField(default=dict, blank=True)
    persons_created = models.JSONField(default=list, blank=True)
    # {person id: {field: value}} of the persons the import changed.
    persons_previous = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["run", "id"]

    def __str__(self) -> str:
        return f"{self.run_id}:{self.customer_id}"
