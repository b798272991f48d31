"""Running an import in a test the way the worker does, without a worker."""

from kundenakte.imports import services
from kundenakte.imports.analysis import analyse
from kundenakte.imports.applying import apply
from kundenakte.imports.models import ImportLine, ImportRun


def csv_bytes(*lines: str, encoding: str = "utf-8-sig", newline: str = "\r\n") -> bytes:
    return (newline.join(lines) + newline).encode(encoding)


def preview(content: bytes, *, file_name: str = "kunden.csv", user=None, **config) -> ImportRun:
    """A run for the file with its preview prepared; `config` overrides the run's fields."""
    run = services.import_create(user=user, file_name=file_name, content=content)
    for name, value in config.items():
        setattr(run, name, value)
    run.save()
    analyse(run)
    run.refresh_from_db()
    return run


def applied(run: ImportRun, *, user=None) -> ImportRun:
    run.state = ImportRun.State.APPLYING
    run.save(update_fields=["state"])
    apply(run, user=user)
    run.refresh_from_db()
    return run


def imported(content: bytes, *, user=None, **config) -> ImportRun:
    return applied(preview(content, user=user, **config), user=user)


def counts(run: ImportRun) -> tuple[int, int, int, int, int]:
    return (
        run.new_count,
        run.updated_count,
        run.unchanged_count,
        run.duplicate_count,
        run.error_count,
    )


def errors(run: ImportRun) -> list[tuple[int, str, str]]:
    lines = run.lines.filter(outcome=ImportLine.Outcome.ERROR).order_by("line")
    return [(line.line, column, message) for line in lines for column, message in line.errors]
