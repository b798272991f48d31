"""The import's pages: the upload with the list of earlier imports, and one page per import
that shows where it stands — progress, the preview with its mapping and decisions, the result —
and takes its actions. Every action is a service call (`imports.services`); what the service
refuses comes back as a message and changes nothing.
"""

import re
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from kundenakte.core.http import redirect_after_post, safe_next
from kundenakte.imports.access import load_run, require_import
from kundenakte.imports.forms import DecisionsForm, MappingForm, ReadOptionsForm, UploadForm
from kundenakte.imports.models import ImportLine, ImportRun

RUNS_PER_PAGE = 20
LINES_PER_PAGE = 50
PROGRESS_TARGET = "import-progress"
RUNNING = (ImportRun.State.ANALYSING, ImportRun.State.APPLYING)
Outcome = ImportLine.Outcome
# The preview's lists, in the order the page shows them: what to fix first, then what changes.
SECTIONS = (Outcome.ERROR, Outcome.UPDATE, Outcome.DUPLICATE)
_LINE_KEY = re.compile(r"line_([0-9]{1,9})")


def _services():
    """The engine's services, imported when a view runs so that the URL configuration loads
    without importing the whole engine (its reading and task modules) at start-up."""
    from kundenakte.imports import services

    return services


def _run_url(run: ImportRun, anchor: str = "") -> str:
    return reverse("imports:run", args=[run.pk]) + (f"#{anchor}" if anchor else "")


def _call(request, action: Callable[[], object]) -> bool:
    """Run a service call; what it refuses becomes an error message on the next page."""
    try:
        action()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return False
    return True


def _form_error(request, form) -> None:
    messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))


# --- Upload and list ----------------------------------------------------------------------------


def import_start(request):
    require_import(request.user)
    posted = request.method == "POST"
    form = UploadForm(request.POST, request.FILES) if posted else UploadForm()
    if posted and form.is_valid():
        upload = form.cleaned_data["file"]
        limit = getattr(settings, "IMPORT_MAX_BYTES", None)
        if limit and upload.size > limit:
            form.add_error(
                "file",
                _("The file is larger than %(limit)s: split it, or use the command line.")
                % {"limit": filesizeformat(limit)},
            )
        else:
            try:
                run = _services().import_start(
                    user=request.user, file_name=upload.name, content=upload.read()
                )
            except ValidationError as exc:
                form.add_error("file", exc)
            else:
                return redirect_after_post(request, _run_url(run))
    runs = Paginator(_services().import_runs_for_list(), RUNS_PER_PAGE)
    context = {"form": form, "runs": runs.get_page(request.GET.get("page"))}
    return render(request, "imports/import_start.html", context)


# --- One import ---------------------------------------------------------------------------------


def import_run(request, pk):
    run = load_run(request, pk)
    if request.htmx and request.htmx.target == PROGRESS_TARGET:
        if run.state not in RUNNING:
            return HttpResponseClientRefresh()  # done: the whole page shows the new state
        return render(request, "imports/import_run.html#progress", _progress(run))
    return _render_run(request, run)


def _render_run(request, run: ImportRun, mapping_form: MappingForm | None = None):
    context: dict = {"run": run, "run_url": _run_url(run)}
    if run.state in RUNNING:
        context.update(_progress(run))
    elif run.state == ImportRun.State.READY:
        context.update(_preview(request, run, mapping_form))
    elif run.state == ImportRun.State.FAILED:
        context["read_form"] = ReadOptionsForm(run=run)
    return render(request, "imports/import_run.html", context)


def _progress(run: ImportRun) -> dict:
    done, total = _services().import_progress(run)
    percent = min(100, round(100 * done / total)) if total else None
    return {"run": run, "run_url": _run_url(run), "done": done, "total": total, "percent": percent}


def _preview(request, run: ImportRun, mapping_form: MappingForm | None) -> dict:
    shown = request.GET.get("outcome")
    sections = {
        outcome: Paginator(
            run.lines.filter(outcome=outcome).select_related("customer"), LINES_PER_PAGE
        ).get_page(request.GET.get("page") if shown == outcome else 1)
        for outcome in SECTIONS
    }
    duplicates = sections[Outcome.DUPLICATE]
    mapping_form = mapping_form or MappingForm(run=run)
    return {
        "read_form": ReadOptionsForm(run=run),
        "mapping_form": mapping_form,
        "mapping_rows": mapping_form.rows(_samples(run)),
        "unmapped": [
            h for h, m in zip(run.headings, run.mapping, strict=False) if not m.get("field")
        ],
        "errors": sections[Outcome.ERROR],
        "updates": sections[Outcome.UPDATE],
        "duplicates": duplicates,
        "decisions_form": DecisionsForm(run=run, lines=duplicates.object_list),
        "to_write": run.new_count + run.updated_count,
    }


def _samples(run: ImportRun) -> list[list[str]]:
    """Up to two non-empty values per column, from the first rows the engine kept."""
    rows = run.detected.get("samples") or []
    columns: list[list[str]] = [[] for _heading in run.headings]
    for row in rows:
        for index, value in enumerate(row[: len(columns)]):
            if value and len(columns[index]) < 2:
                columns[index].append(str(value))
    return columns


@require_POST
def import_read_options(request, pk):
    run = load_run(request, pk)
    form = ReadOptionsForm(request.POST, run=run)
    if not form.is_valid():
        _form_error(request, form)
    elif _call(
        request,
        lambda: _services().import_configure(
            run=run,
            user=request.user,
            read_options=form.read_options(run),
            mapping=run.mapping,
            duplicates=run.duplicates,
        ),
    ):
        messages.success(request, _("The file is read again with the new settings."))
    return redirect_after_post(request, _run_url(run))


@require_POST
def import_mapping(request, pk):
    run = load_run(request, pk)
    if run.state != ImportRun.State.READY:
        messages.error(request, _("The mapping can only be changed while the preview is shown."))
        return redirect_after_post(request, _run_url(run))
    form = MappingForm(request.POST, run=run)
    if not form.is_valid():
        return _render_run(request, run, mapping_form=form)
    configure = _services().import_configure
    if _call(
        request,
        lambda: configure(
            run=run,
            user=request.user,
            read_options=run.read_options,
            mapping=form.mapping(),
            duplicates=run.duplicates,
        ),
    ):
        messages.success(request, _("Mapping applied; the preview is prepared again."))
    return redirect_after_post(request, _run_url(run))


@require_POST
def import_decide(request, pk):
    run = load_run(request, pk)
    numbers = [int(m[1]) for key in request.POST if (m := _LINE_KEY.fullmatch(key))]
    lines = run.lines.filter(outcome=Outcome.DUPLICATE, line__in=numbers[:LINES_PER_PAGE])
    form = DecisionsForm(request.POST, run=run, lines=lines)
    if not form.is_valid():
        _form_error(request, form)
        return redirect_after_post(request, _run_url(run, "lines-duplicate"))
    services, rows = _services(), form.decisions()
    saved = not rows or _call(
        request, lambda: services.import_decide(run=run, user=request.user, decisions=rows)
    )
    default = form.cleaned_data["duplicates"]
    if saved and default and default != run.duplicates:
        # The choice for all is one of the import's settings: the preview is prepared again.
        saved = _call(
            request,
            lambda: services.import_configure(
                run=run,
                user=request.user,
                read_options=run.read_options,
                mapping=run.mapping,
                duplicates=default,
            ),
        )
    if saved:
        messages.success(request, _("Decisions on possible duplicates saved."))
    return redirect_after_post(request, _run_url(run, "lines-duplicate"))


@require_POST
def import_apply(request, pk):
    run = load_run(request, pk)
    _call(request, lambda: _services().import_apply(run=run, user=request.user))
    return redirect_after_post(request, _run_url(run))


@require_POST
def import_undo(request, pk):
    run = load_run(request, pk)
    if _call(request, lambda: _services().import_undo(run=run, user=request.user)):
        messages.success(request, _("Import %(number)s has been undone.") % {"number": run.pk})
    return redirect_after_post(request, safe_next(request, _run_url(run)))
