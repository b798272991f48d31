"""`manage.py undo_import N`: undo import N, or say why it cannot be undone (exit status 1)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from kundenakte.imports import services
from kundenakte.imports.models import ImportRun


class Command(BaseCommand):
    help = "Undo an applied import of customers."

    def add_arguments(self, parser):
        parser.add_argument("run", type=int, help="the import's number")

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            run = ImportRun.objects.filter(pk=options["run"]).first()
            if run is None:
                raise CommandError(_("There is no import %(number)s.") % {"number": options["run"]})
            try:
                services.import_undo(run=run, user=None)
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from exc
            self.stdout.write(_("Import %(number)s has been undone.") % {"number": run.pk})
