"""Business rules of the import: start, configure, decide, apply, undo (see docs/architecture.md).

Views and the management commands call these; every refusal is a ValidationError with a German
message for the user. The preview and the import run in the background (tasks.py); the
management command runs them in its own process instead (`import_create` and tasks.run_phase).
"""

from itertools import islice

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from kundenakte.imports import fields, progress, reading, tasks, undo
from kundenakte.imports.analysis import recount
from kundenakte.imports.models import ImportLine, ImportRun

State = ImportRun.State


def open_headings(run: ImportRun) -> list[str]:
    """The file's headings as the run's read options give them; the first two data rows are
    kept in `run.detected["samples"]`, so the mapping shows what each column holds."""
    try:
        table = reading.open_table(
            content=bytes(run.content),
            file_format=run.detected["format"],
            options=run.read_options,
        )
    except reading.FileError as exc:
        raise ValidationError(str(exc)) from exc
    samples = [cells for _line, cells in islice(table.rows, 2)]
    run.detected = {**run.detected, "samples": samples}
    return table.headings


def import_create(*, user, file_name: str, content: bytes) -> ImportRun:
    """A new run for the file, its format and headings detected and its mapping guessed, in
    state ANALYSING; nothing is queued (import_start queues, the command runs it itself)."""
    if not content:
        raise ValidationError(_("The file is empty."))
    if len(content) > settings.IMPORT_MAX_BYTES:
        limit = settings.IMPORT_MAX_BYTES // (1024 * 1024)
        raise ValidationError(
            _("The file is too large: at most %(limit)s MB can be imported at once."),
            params={"limit": limit},
        )
    try:
        options, detected = reading.detect(file_name=file_name, content=content)
    except reading.FileError as exc:
        raise ValidationError(
            _("Please upload a CSV or XLSX file (%(reason)s)"), params={"reason": str(exc)}
        ) from exc
    run = ImportRun(
        file_name=file_name[:255],
        content=content,
        created_by=user,
        read_options=options,
        detected=detected,
    )
    run.headings = open_headings(run)
    run.mapping = fields.guess_mapping(run.headings)
    run.full_clean()
    run.save()
    return run


@transaction.atomic
def import_start(*, user, file_name: str, content: bytes) -> ImportRun:
    run = import_create(user=user, file_name=file_name, content=content)
    tasks.queue_analysis(run)
    return run


def _check_mapping(mapping: list[dict], headings: list[str]) -> list[dict]:
    if not isinstance(mapping, list) or len(mapping) != len(headings):
        raise ValidationError(_("The column mapping does not fit the file's columns."))
    checked, seen = [], set()
    for entry in mapping:
        key = str(entry.get("field") or "") if isinstance(entry, dict) else ""
        if key and key not in fields.BY_KEY:
            raise ValidationError(_("Unknown field in the column mapping."))
        if key and key in seen:
            label = fields.BY_KEY[key].label
            raise ValidationError(
                _("The field “%(field)s” is chosen for more than one column."),
                params={"field": label},
            )
        seen.add(key)
        checked.append({"field": key, "clear": bool(key and entry.get("clear"))})
    return checked


@transaction.atomic
def import_configure(
    *, run: ImportRun, user, read_options: dict, mapping: list[dict], duplicates: str
) -> ImportRun:
    run = ImportRun.objects.select_for_update().get(pk=run.pk)
    if run.state not in (State.READY, State.FAILED):
        raise ValidationError(_("This import cannot be changed any more."))
    if duplicates not in ImportRun.Duplicates.values:
        raise ValidationError(_("Choose what happens with possible duplicates."))
    try:
        options = reading.check_options(
            file_format=run.detected.get("format", "csv"),
            detected=run.detected,
            options=read_options or {},
        )
    except reading.FileError as exc:
        raise ValidationError(str(exc)) from exc
    if options != run.read_options:
        run.read_options = options
        run.headings = open_headings(run)
        run.mapping = fields.guess_mapping(run.headings)
    else:
        run.mapping = _check_mapping(mapping, run.headings)
    run.duplicates = duplicates
    run.state, run.message = State.ANALYSING, ""
    run.save_without_file()
    tasks.queue_analysis(run)
    return run


@transaction.atomic
def import_decide(*, run: ImportRun, user, decisions: dict[int, str]) -> None:
    run = ImportRun.objects.select_for_update().get(pk=run.pk)
    if run.state != State.READY:
        raise ValidationError(_("This import cannot be changed any more."))
    allowed = {*ImportRun.Duplicates.values, ""}
    if any(decision not in allowed for decision in decisions.values()):
        raise ValidationError(_("Choose update, create or skip for each possible duplicate."))
    lines = run.lines.filter(outcome=ImportLine.Outcome.DUPLICATE, line__in=list(decisions))
    changed = []
    for line in lines:
        line.decision = decisions[line.line]
        changed.append(line)
    ImportLine.objects.bulk_update(changed, ["decision"])
    recount(run)
    run.save_without_file()


@transaction.atomic
def import_apply(*, run: ImportRun, user) -> ImportRun:
    run = ImportRun.objects.select_for_update().get(pk=run.pk)
    if run.state != State.READY:
        raise ValidationError(_("Only an import whose preview is ready can be applied."))
    run.state, run.message = State.APPLYING, ""
    run.save(update_fields=["state", "message"])
    tasks.queue_apply(run, user)
    return run


def import_undo(*, run: ImportRun, user) -> None:
    undo.undo(run, user=user)


def import_progress(run: ImportRun) -> tuple[int, int]:
    return progress.current(run)


def import_runs_for_list() -> QuerySet[ImportRun]:
    return ImportRun.objects.select_related("created_by", "applied_by").defer("content")
