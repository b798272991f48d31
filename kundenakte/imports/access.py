"""Loading an import for a view: the run, or 404 / 403."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from kundenakte.imports.models import ImportRun

PERMISSION = "imports.add_importrun"


def require_import(user) -> None:
    """Importing and undoing are for administrators and staff, never for read-only users."""
    if not user.has_perm(PERMISSION):
        raise PermissionDenied


def load_run(request, pk: int) -> ImportRun:
    require_import(request.user)
    # The file itself can be 50 MB; a page never needs it (the services load it when they do).
    runs = ImportRun.objects.defer("content").select_related(
        "created_by", "applied_by", "undone_by"
    )
    return get_object_or_404(runs, pk=pk)
