"""The preview of an import: every row read, checked and matched, nothing written but the
run's counts and the ImportLines the preview page shows (engine.py does the walk)."""

from django.conf import settings
from django.db import transaction
from django.utils import translation

from kundenakte.imports import progress, reading
from kundenakte.imports.models import ImportLine, ImportRun

COUNT_FIELDS = {
    "new": "new_count",
    "updated": "updated_count",
    "unchanged": "unchanged_count",
    "duplicate": "duplicate_count",
    "error": "error_count",
}

# What the preview changes on its run, besides the counts.
SAVED_FIELDS = ["analysis_counts", "state", "message", "progress_done", "progress_total"]


def open_run_table(run: ImportRun) -> reading.Table:
    return reading.open_table(
        content=bytes(run.content),
        file_format=run.detected.get("format", "csv"),
        options=run.read_options,
    )


def store_counts(run: ImportRun, counts) -> None:
    for name, value in counts.as_dict().items():
        setattr(run, COUNT_FIELDS[name], value)


def recount(run: ImportRun) -> None:
    """The five counts from the preview's and the user's duplicate decisions: a duplicate to
    be created counts as new, one to update as updated, one to skip stays a duplicate."""
    base = run.analysis_counts
    if not base:
        return
    duplicates = run.lines.filter(outcome=ImportLine.Outcome.DUPLICATE)
    decided = [
        decision or run.duplicates for decision in duplicates.values_list("decision", flat=True)
    ]
    run.new_count = base["new"] + decided.count(ImportRun.Duplicates.CREATE)
    run.updated_count = base["updated"] + decided.count(ImportRun.Duplicates.UPDATE)
    run.unchanged_count = base["unchanged"]
    run.duplicate_count = decided.count(ImportRun.Duplicates.SKIP)
    run.error_count = base["error"]


def analyse(run: ImportRun) -> None:
    """Prepare the preview of `run`: the run ends READY with its counts and lines."""
    from kundenakte.imports.analysis.engine import Walk

    with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
        table = open_run_table(run)
        run.lines.all().delete()
        walk = Walk(run, run.headings, run.mapping, progress=progress.reporter(run))
        counts = walk.walk(table.rows, table.total)
        run.analysis_counts = counts.as_dict()
        recount(run)
        run.state = ImportRun.State.READY
        run.message = ""
        run.progress_done = run.progress_total = table.total
        # Not the whole run: its file would be sent to the database again (on PostgreSQL as
        # escaped text, 100 MB of memory for a 20 MB file).
        run.save(update_fields=[*SAVED_FIELDS, *COUNT_FIELDS.values()])
    progress.clear(run)
