"""`manage.py import_customers FILE`: the web import's preview and import in one go, without a
worker, for scripted and very large imports. Prints one summary line, then one line per faulty
row; with faulty rows and without --skip-errors it writes nothing and exits with status 1."""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from kundenakte.imports import reading, services
from kundenakte.imports.analysis import analyse
from kundenakte.imports.applying import apply
from kundenakte.imports.models import ImportLine, ImportRun
from kundenakte.imports.tasks import run_phase


def summary(run: ImportRun) -> str:
    return _(
        "%(new)s new, %(updated)s updated, %(unchanged)s unchanged, "
        "%(duplicates)s duplicates, %(errors)s errors"
    ) % {
        "new": run.new_count,
        "updated": run.updated_count,
        "unchanged": run.unchanged_count,
        "duplicates": run.duplicate_count,
        "errors": run.error_count,
    }


def error_lines(run: ImportRun):
    lines = run.lines.filter(outcome=ImportLine.Outcome.ERROR).order_by("line")
    for line in lines.iterator():
        for column, message in line.errors:
            where = _("Row %(line)s") % {"line": line.line}
            yield f"{where}, {column}: {message}" if column else f"{where}: {message}"


class Command(BaseCommand):
    help = "Import customers from a CSV or XLSX file (the same rules as the web import)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="check only, write nothing")
        parser.add_argument(
            "--skip-errors", action="store_true", help="import the valid rows, skip faulty ones"
        )
        parser.add_argument(
            "--update-duplicates",
            action="store_true",
            help="update possible duplicates (same name and postal code) instead of skipping",
        )
        parser.add_argument("--encoding", choices=[code for code, _label in reading.ENCODINGS])
        parser.add_argument("--delimiter", help="separator of a CSV file: ';', ',' or 'tab'")
        parser.add_argument("--sheet", help="the sheet of an XLSX file (default: the first)")

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            self._import(options)

    def _import(self, options) -> None:
        path: Path = options["file"]
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise CommandError(
                _("Cannot read %(file)s: %(reason)s") % {"file": path, "reason": exc.strerror}
            ) from exc
        try:
            run = services.import_create(user=None, file_name=path.name, content=content)
            self._configure(run, options)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        if not run_phase(run, analyse):
            run.refresh_from_db()
            raise CommandError(run.message)
        run.refresh_from_db()
        if options["dry_run"] or (run.error_count and not options["skip_errors"]):
            self._report(_("Preview") if options["dry_run"] else _("Nothing imported"), run)
            run.delete()
            if run.error_count and not options["skip_errors"]:
                raise CommandError(
                    _(
                        "The file has faulty rows, so nothing was imported; "
                        "--skip-errors imports the others."
                    ),
                    returncode=1,
                )
            return
        self._apply(run)

    def _configure(self, run: ImportRun, options) -> None:
        wanted = dict(run.read_options)
        for name in ("encoding", "sheet"):
            if options[name]:
                wanted[name] = options[name]
        if options["delimiter"]:
            wanted["delimiter"] = (
                "\t" if options["delimiter"].lower() in ("tab", "\\t") else options["delimiter"]
            )
        try:
            checked = reading.check_options(
                file_format=run.detected["format"], detected=run.detected, options=wanted
            )
        except reading.FileError as exc:
            raise ValidationError(str(exc)) from exc
        if checked != run.read_options:
            run.read_options = checked
            table = services.open_headings(run)
            run.headings = table
            run.mapping = services.fields.guess_mapping(table)
        run.duplicates = (
            ImportRun.Duplicates.UPDATE
            if options["update_duplicates"]
            else ImportRun.Duplicates.SKIP
        )
        run.save()

    def _apply(self, run: ImportRun) -> None:
        run.state = ImportRun.State.APPLYING
        run.save(update_fields=["state"])
        if not run_phase(run, apply, user=None):
            run.refresh_from_db()
            raise CommandError(run.message)
        run.refresh_from_db()
        if run.new_count or run.updated_count:
            self._report(f"Import {run.pk}", run)
        else:
            self._report(_("Nothing imported"), run)
            run.delete()

    def _report(self, head: str, run: ImportRun) -> None:
        self.stdout.write(f"{head}: {summary(run)}")
        for line in error_lines(run):
            self.stdout.write(line)
