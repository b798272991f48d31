"""The page of one import in each of its states: progress, preview, result, failure, undone."""

import pytest

from kundenakte.customers.tests.factories import make_customer
from kundenakte.imports.models import ImportLine, ImportRun
from kundenakte.imports.tests.conftest import make_line, make_run

pytestmark = pytest.mark.django_db

Outcome = ImportLine.Outcome


def page(client, run, **params) -> str:
    response = client.get(f"/customers/import/{run.pk}/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_read_only_users_cannot_open_an_import(engine, readonly_client):
    run = make_run()
    assert readonly_client.get(f"/customers/import/{run.pk}/").status_code == 403


def test_an_unknown_import_is_not_found(engine, staff_client):
    assert staff_client.get("/customers/import/999999/").status_code == 404


@pytest.mark.parametrize("state", [ImportRun.State.ANALYSING, ImportRun.State.APPLYING])
def test_a_running_import_shows_its_progress_in_german_numbers_and_polls(
    engine, staff_client, state
):
    engine.progress = (12_000, 100_000)
    run = make_run(state=state)
    html = page(staff_client, run)
    assert "12.000 von 100.000 Zeilen" in html and "(12 %)" in html
    assert 'hx-trigger="every 1s"' in html and f'hx-get="/customers/import/{run.pk}/"' in html
    assert 'max="100000" value="12000"' in html
    assert "Sie können diese Seite verlassen" in html


def test_before_the_rows_are_counted_the_bar_runs_without_a_value(engine, staff_client):
    engine.progress = (0, 0)
    html = page(staff_client, make_run(state=ImportRun.State.ANALYSING))
    assert "Die Datei wird gelesen" in html and 'value="' not in html.split("<progress")[1][:80]


def test_the_poll_answers_with_the_progress_fragment_while_it_runs(engine, staff_client):
    engine.progress = (500, 1_000)
    run = make_run(state=ImportRun.State.APPLYING)
    response = staff_client.get(
        f"/customers/import/{run.pk}/",
        headers={"HX-Request": "true", "HX-Target": "import-progress"},
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="import-progress"')
    assert "500 von 1.000 Zeilen" in html and "<html" not in html


def test_the_poll_reloads_the_page_once_the_import_has_finished(engine, staff_client):
    run = make_run(state=ImportRun.State.APPLIED)
    response = staff_client.get(
        f"/customers/import/{run.pk}/",
        headers={"HX-Request": "true", "HX-Target": "import-progress"},
    )
    assert response["HX-Refresh"] == "true"


def test_the_preview_shows_the_detected_format_as_choices(engine, staff_client):
    html = page(staff_client, make_run())
    assert '<option value="utf-8" selected>UTF-8</option>' in html
    assert '<option value=";" selected>Semikolon ;</option>' in html
    assert "CSV-Datei" in html and "Neu einlesen" in html


def test_an_excel_preview_offers_its_sheets_instead(engine, staff_client):
    run = make_run(
        file_name="kunden.xlsx",
        read_options={"sheet": "Kunden"},
        detected={"format": "xlsx", "sheets": ["Tabelle1", "Kunden"]},
    )
    html = page(staff_client, run)
    assert '<option value="Kunden" selected>Kunden</option>' in html
    assert "Tabelle1" in html and "Excel-Datei (XLSX)" in html and "Zeichensatz" not in html


def test_the_mapping_shows_each_heading_with_examples_its_field_and_what_is_ignored(
    engine, staff_client
):
    html = page(staff_client, make_run())
    assert html.count('class="import-heading"') == 4
    assert '<span class="import-sample">01067</span>' in html
    assert '<option value="postal_code" selected>PLZ</option>' in html
    assert 'name="clear_2" id="id_clear_2" checked' in html  # Ort: empty cells clear
    # Bemerkung is not mapped: marked in its row and named above the table.
    assert html.count("wird ignoriert") == 1
    assert 'Ignorierte Spalten: <span class="tag tag-muted">Bemerkung</span>' in html
    assert "Zuordnung übernehmen" in html


def test_the_counts_are_shown_as_tiles(engine, staff_client):
    run = make_run(
        new_count=1200, updated_count=3, unchanged_count=284, duplicate_count=2, error_count=1
    )
    html = page(staff_client, run)
    for count, label in [
        ("1.200", "neu"),
        ("3", "aktualisiert"),
        ("284", "unverändert"),
        ("2", "mögliche Dubletten"),
        ("1", "fehlerhaft"),
    ]:
        assert f'<span class="import-tile-count">{count}</span> {label}' in html


def test_faulty_rows_are_listed_with_row_column_and_message(engine, staff_client):
    run = make_run(error_count=1)
    make_line(
        run,
        17,
        Outcome.ERROR,
        label="Adler GmbH",
        errors=[["E-Mail", "Keine gültige E-Mail-Adresse."], ["PLZ", "Fünf Ziffern."]],
    )
    html = page(staff_client, run)
    assert "1 fehlerhafte Zeile – sie wird übersprungen" in html
    assert '<td class="num">17</td><td>Adler GmbH</td><td>E-Mail</td>' in html
    assert "Keine gültige E-Mail-Adresse." in html and "Fünf Ziffern." in html
    assert "Importieren (fehlerhafte Zeilen überspringen)" in html


def test_updates_show_the_customer_and_each_field_old_to_new(engine, staff_client):
    customer = make_customer(short_name="Adler")
    run = make_run(updated_count=1)
    make_line(
        run,
        2,
        Outcome.UPDATE,
        label="Adler GmbH",
        customer=customer,
        changes=[["Ort", "Berlin", "Dresden"], ["Telefon", "", "0351 123"]],
    )
    html = page(staff_client, run)
    assert f'<a href="/customers/{customer.pk}/">Adler GmbH</a>' in html
    assert "Ort:</span> <del>Berlin</del> → <ins>Dresden</ins>" in html
    assert 'Telefon:</span> <span class="muted">—</span> → <ins>0351 123</ins>' in html


def test_possible_duplicates_offer_a_choice_per_row_and_one_for_all(engine, staff_client):
    existing = make_customer(short_name="Adler", postal_code="01067", city="Dresden")
    run = make_run(duplicate_count=2, duplicates=ImportRun.Duplicates.CREATE)
    make_line(run, 3, Outcome.DUPLICATE, label="Adler GmbH", customer=existing)
    make_line(run, 4, Outcome.DUPLICATE, label="Adler", customer=existing, decision="skip")
    html = page(staff_client, run)
    assert f'<a href="/customers/{existing.pk}/">' in html and "01067 Dresden" in html
    assert '<select name="line_3" id="id_line_3">' in html
    assert '<option value="" selected>wie für alle (neuen Kunden anlegen)</option>' in html
    assert '<option value="skip" selected>überspringen</option>' in html  # row 4's choice
    assert '<option value="create" selected>neuen Kunden anlegen</option>' in html  # for all
    assert "Entscheidungen dieser Zeilen speichern" in html and "Für alle übernehmen" in html


def test_each_list_is_paginated_by_fifty_rows(engine, staff_client):
    run = make_run(error_count=60)
    for line in range(2, 62):
        make_line(run, line, Outcome.ERROR, errors=[["PLZ", f"Meldung {line}"]])
    first = page(staff_client, run)
    assert "Meldung 51<" in first and "Meldung 52<" not in first
    assert 'href="?outcome=error&amp;page=2#lines-error"' in first
    second = page(staff_client, run, outcome="error", page="2")
    assert "Meldung 52<" in second and "Meldung 51<" not in second
    assert page(staff_client, run, outcome="error", page="<x>")  # a bad page is page 1


def test_the_preview_reads_no_more_than_a_few_queries(
    engine, staff_client, django_assert_max_num_queries
):
    run = make_run(error_count=50, updated_count=50)
    customer = make_customer()
    for line in range(2, 52):
        make_line(run, line, Outcome.ERROR, errors=[["PLZ", "x"]])
        make_line(run, line + 100, Outcome.UPDATE, customer=customer, changes=[["Ort", "a", "b"]])
    staff_client.get(f"/customers/import/{run.pk}/")  # warm the reference cache
    with django_assert_max_num_queries(20):
        page(staff_client, run)


def test_the_rows_to_be_written_are_named_on_the_button(engine, staff_client):
    html = page(staff_client, make_run(new_count=12, updated_count=3))
    assert "15 Kunden werden angelegt oder aktualisiert." in html
    assert 'action="/customers/import/' in html and "Abbrechen" in html


def test_an_applied_import_shows_its_result_and_offers_undo(engine, staff_client, staff_user):
    from django.utils import timezone

    run = make_run(
        state=ImportRun.State.APPLIED,
        new_count=12,
        applied_by=staff_user,
        applied_at=timezone.now(),
    )
    html = page(staff_client, run)
    assert '<span class="import-tile-count">12</span> neu' in html
    assert f'action="/customers/import/{run.pk}/undo/"' in html and "data-confirm=" in html
    assert 'href="/customers/"' in html and "Importiert am" in html and "Sven" in html


def test_a_failed_import_explains_itself_and_offers_another_try(engine, staff_client):
    run = make_run(state=ImportRun.State.FAILED, message="Die Datei ist keine gültige XLSX-Datei.")
    html = page(staff_client, run)
    assert "Die Datei ist keine gültige XLSX-Datei." in html
    assert f'action="/customers/import/{run.pk}/read-options/"' in html
    assert 'href="/customers/import/"' in html and "Andere Datei hochladen" in html


def test_an_undone_import_says_when_and_by_whom(engine, staff_client, admin_user):
    from django.utils import timezone

    run = make_run(state=ImportRun.State.UNDONE, undone_by=admin_user, undone_at=timezone.now())
    html = page(staff_client, run)
    assert "Rückgängig gemacht am" in html and "Anna-Admin" in html
    assert "/undo/" not in html


def test_values_from_the_file_are_escaped(engine, staff_client):
    run = make_run(
        file_name="<b>x</b>.csv",
        headings=["<script>alert(1)</script>", "PLZ", "Ort", "Bemerkung"],
        error_count=1,
    )
    make_line(run, 2, Outcome.ERROR, label="<i>A</i>", errors=[["<s>", "<img src=x>"]])
    html = page(staff_client, run)
    assert "<script>alert(1)</script>" not in html and "<img src=x>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
