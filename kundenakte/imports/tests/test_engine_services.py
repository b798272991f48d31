"""The services the web pages call: start, configure, decide, apply, undo, progress."""

import pytest
from django.core.exceptions import ValidationError

from kundenakte.customers.models import Customer
from kundenakte.customers.tests.factories import make_customer
from kundenakte.imports import progress, services
from kundenakte.imports.models import ImportRun
from kundenakte.imports.tests.engine_helpers import counts, csv_bytes

pytestmark = pytest.mark.django_db
FILE = csv_bytes("Firma;Ort;E-Mail", "Neu GmbH;Berlin;a@b.example", "Kaputt GmbH;Köln;nein")


def start(django_capture_on_commit_callbacks, user, content=FILE, name="kunden.csv"):
    with django_capture_on_commit_callbacks(execute=True):
        run = services.import_start(user=user, file_name=name, content=content)
    run.refresh_from_db()
    return run


def test_a_started_import_detects_the_file_and_prepares_its_preview(
    django_capture_on_commit_callbacks, staff_user
):
    run = start(django_capture_on_commit_callbacks, staff_user)
    assert run.state == ImportRun.State.READY
    assert run.detected == {
        "format": "csv",
        "encoding": "utf-8",
        "delimiter": ";",
        "samples": [["Neu GmbH", "Berlin", "a@b.example"], ["Kaputt GmbH", "Köln", "nein"]],
    }
    assert run.headings == ["Firma", "Ort", "E-Mail"]
    assert [entry["field"] for entry in run.mapping] == ["company_name", "city", "email"]
    assert counts(run) == (1, 0, 0, 0, 1)
    assert services.import_progress(run) == (2, 2)
    assert list(services.import_runs_for_list()) == [run]


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "leer.csv", "Die Datei ist leer."),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "bild.png", "CSV- oder XLSX-Datei"),
        (b"PK\x03\x04kaputt", "kaputt.xlsx", "CSV- oder XLSX-Datei"),
    ],
)
def test_empty_and_foreign_files_are_refused(staff_user, content, name, message):
    with pytest.raises(ValidationError) as refused:
        services.import_start(user=staff_user, file_name=name, content=content)
    assert message in refused.value.messages[0]
    assert not ImportRun.objects.exists()


def test_a_file_above_the_limit_is_refused(staff_user, settings):
    settings.IMPORT_MAX_BYTES = 10
    with pytest.raises(ValidationError, match="zu groß"):
        services.import_start(user=staff_user, file_name="k.csv", content=FILE)


def test_configure_checks_the_mapping_and_analyses_again(
    django_capture_on_commit_callbacks, staff_user
):
    run = start(django_capture_on_commit_callbacks, staff_user)
    for mapping, message in (
        ([{"field": "nope"}, {"field": ""}, {"field": ""}], "Unbekanntes Feld"),
        ([{"field": "city"}, {"field": "city"}, {"field": ""}], "mehr als einer Spalte"),
        ([{"field": "city"}], "passt nicht"),
    ):
        with pytest.raises(ValidationError, match=message):
            services.import_configure(
                run=run,
                user=staff_user,
                read_options=run.read_options,
                mapping=mapping,
                duplicates="skip",
            )
    mapping = [{"field": "company_name"}, {"field": "city"}, {"field": ""}]
    with django_capture_on_commit_callbacks(execute=True):
        services.import_configure(
            run=run,
            user=staff_user,
            read_options=run.read_options,
            mapping=mapping,
            duplicates="update",
        )
    run.refresh_from_db()
    assert (run.state, run.duplicates, counts(run)) == ("ready", "update", (2, 0, 0, 0, 0))


def test_changed_read_options_read_the_headings_again(
    django_capture_on_commit_callbacks, staff_user
):
    run = start(django_capture_on_commit_callbacks, staff_user)
    with pytest.raises(ValidationError, match="Trennzeichen"):
        services.import_configure(
            run=run,
            user=staff_user,
            read_options={"encoding": "utf-8", "delimiter": "|"},
            mapping=run.mapping,
            duplicates="skip",
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.import_configure(
            run=run,
            user=staff_user,
            read_options={"encoding": "utf-8", "delimiter": ","},
            mapping=run.mapping,
            duplicates="skip",
        )
    run.refresh_from_db()
    assert run.headings == ["Firma;Ort;E-Mail"]


def test_apply_and_undo_only_in_their_states(django_capture_on_commit_callbacks, staff_user):
    run = start(django_capture_on_commit_callbacks, staff_user)
    with pytest.raises(ValidationError):
        services.import_undo(run=run, user=staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        services.import_apply(run=run, user=staff_user)
    run.refresh_from_db()
    assert run.state == ImportRun.State.APPLIED and run.applied_by == staff_user
    assert Customer.objects.get().created_by == staff_user
    with pytest.raises(ValidationError):
        services.import_apply(run=run, user=staff_user)
    with pytest.raises(ValidationError):
        services.import_decide(run=run, user=staff_user, decisions={})


def test_decide_refuses_unknown_choices(django_capture_on_commit_callbacks, staff_user):
    make_customer(company_name="Neu GmbH", postal_code="", city="Hamburg")
    run = start(django_capture_on_commit_callbacks, staff_user)
    assert run.duplicate_count == 1
    with pytest.raises(ValidationError):
        services.import_decide(run=run, user=staff_user, decisions={2: "löschen"})


def test_a_crashing_task_leaves_the_run_failed_with_a_message(
    django_capture_on_commit_callbacks, staff_user, monkeypatch
):
    from kundenakte.imports import tasks

    def crash(run):
        raise RuntimeError("boom")

    monkeypatch.setattr(tasks, "analyse", crash)
    run = start(django_capture_on_commit_callbacks, staff_user)
    assert run.state == ImportRun.State.FAILED
    assert "internen Fehlers" in run.message


def test_progress_is_read_from_the_shared_cache_while_a_phase_runs(staff_user):
    run = services.import_create(user=staff_user, file_name="k.csv", content=FILE)
    progress.report(run, 2000, 150000)
    assert services.import_progress(run) == (2000, 150000)
    progress.clear(run)
    assert services.import_progress(run) == (0, 0)
