"""The background work of an import (django-tasks): the preview and the import itself.

Queued with `transaction.on_commit`, so the worker never looks for a run that is not saved
yet. A task that fails sets its run FAILED with a message; it never stays "analysing".
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from kundenakte.imports import progress
from kundenakte.imports.analysis import analyse
from kundenakte.imports.applying import apply
from kundenakte.imports.models import ImportRun
from kundenakte.imports.reading import FileError

logger = logging.getLogger(__name__)


def _failed(run_id: int, message: str) -> None:
    ImportRun.objects.filter(pk=run_id).update(state=ImportRun.State.FAILED, message=message)
    progress.clear(ImportRun(pk=run_id))


def run_phase(run: ImportRun, phase, **kwargs) -> bool:
    """Run the preview or the import of `run` here and now; False (and the run FAILED) when
    it fails. Used by the tasks and, without a worker, by the management command."""
    with translation.override(settings.LANGUAGE_CODE):
        try:
            phase(run, **kwargs)
        except FileError as exc:
            _failed(run.pk, str(exc))
            return False
        except Exception:
            logger.exception("import %s failed", run.pk)
            _failed(
                run.pk, _("The import failed because of an internal error; nothing was written.")
            )
            return False
    return True


@task()
def analyse_run(run_id: int) -> None:
    run = ImportRun.objects.filter(pk=run_id, state=ImportRun.State.ANALYSING).first()
    if run is not None:
        run_phase(run, analyse)


@task()
def apply_run(run_id: int, user_id: int | None) -> None:
    run = ImportRun.objects.filter(pk=run_id, state=ImportRun.State.APPLYING).first()
    if run is None:
        return
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    run_phase(run, apply, user=user)


def queue_analysis(run: ImportRun) -> None:
    transaction.on_commit(lambda: analyse_run.enqueue(run.pk))


def queue_apply(run: ImportRun, user) -> None:
    user_id = user.pk if user is not None else None
    transaction.on_commit(lambda: apply_run.enqueue(run.pk, user_id))
