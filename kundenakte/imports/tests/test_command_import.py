"""`manage.py import_customers` and `undo_import`: one summary line, one line per faulty row,
exit status 1 when nothing could be imported."""

import io

import pytest
from django.core.management import CommandError, call_command

from kundenakte.customers.models import Customer
from kundenakte.customers.tests.factories import make_customer
from kundenakte.imports.models import ImportRun
from kundenakte.imports.tests.engine_helpers import csv_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def write(tmp_path):
    def write(*lines: str, name: str = "kunden.csv", encoding: str = "utf-8-sig") -> str:
        path = tmp_path / name
        path.write_bytes(csv_bytes(*lines, encoding=encoding))
        return str(path)

    return write


def run(*args) -> list[str]:
    out = io.StringIO()
    call_command("import_customers", *args, stdout=out)
    return out.getvalue().splitlines()


GOOD = ("Kundennummer;Firma;E-Mail", "10500;A GmbH;a@a.example", ";B GmbH;")
FAULTY = (*GOOD, ";C GmbH;keine-mail")


def test_an_import_prints_its_number_and_counts(write):
    existing = make_customer(short_name="B", company_name="B GmbH", postal_code="")
    lines = run(write(*GOOD))
    run_ = ImportRun.objects.get()
    assert lines == [
        f"Import {run_.pk}: 1 neu, 0 aktualisiert, 1 unverändert, 0 Dubletten, 0 Fehler"
    ]
    assert Customer.objects.count() == 2 and existing.pk
    assert run_.created_by is None and run_.state == ImportRun.State.APPLIED


def test_faulty_rows_stop_the_import_with_one_line_each_and_status_1(write):
    out = io.StringIO()
    with pytest.raises(CommandError) as failed:
        call_command("import_customers", write(*FAULTY), stdout=out)
    assert failed.value.returncode == 1
    assert out.getvalue().splitlines() == [
        "Nichts importiert: 2 neu, 0 aktualisiert, 0 unverändert, 0 Dubletten, 1 Fehler",
        "Zeile 4, E-Mail: Bitte gültige E-Mail-Adresse eingeben.",
    ]
    assert not Customer.objects.exists() and not ImportRun.objects.exists()


def test_skip_errors_imports_the_other_rows(write):
    lines = run(write(*FAULTY), "--skip-errors")
    assert lines[0].endswith(": 2 neu, 0 aktualisiert, 0 unverändert, 0 Dubletten, 1 Fehler")
    assert lines[0].startswith("Import ")
    assert lines[1] == "Zeile 4, E-Mail: Bitte gültige E-Mail-Adresse eingeben."
    assert Customer.objects.count() == 2


def test_dry_run_writes_nothing(write):
    lines = run(write(*GOOD), "--dry-run")
    assert lines == ["Vorschau: 2 neu, 0 aktualisiert, 0 unverändert, 0 Dubletten, 0 Fehler"]
    assert not Customer.objects.exists() and not ImportRun.objects.exists()


def test_duplicates_are_skipped_unless_asked_to_update(write):
    firm = make_customer(company_name="Müller GmbH", postal_code="10115", city="Berlin")
    path = write("Firma;PLZ;Ort", "Mueller GmbH;10115;Bonn")
    assert (
        run(path)[0]
        == "Nichts importiert: 0 neu, 0 aktualisiert, 0 unverändert, 1 Dubletten, 0 Fehler"
    )
    assert run(path, "--update-duplicates")[0].endswith(
        ": 0 neu, 1 aktualisiert, 0 unverändert, 0 Dubletten, 0 Fehler"
    )
    firm.refresh_from_db()
    assert firm.city == "Bonn"


def test_encoding_and_delimiter_can_be_given(write):
    path = write("Firma,Ort", "Müller GmbH,Köln", encoding="cp1252")
    run(path, "--encoding", "cp1252", "--delimiter", ",")
    assert Customer.objects.get().city == "Köln"


def test_undo_import_undoes_or_says_why_not(write):
    run(write(*GOOD))
    number = ImportRun.objects.get().pk
    out = io.StringIO()
    call_command("undo_import", str(number), stdout=out)
    assert out.getvalue().strip() == f"Import {number} wurde rückgängig gemacht."
    assert not Customer.objects.exists()
    with pytest.raises(CommandError, match="Nur ein ausgeführter Import"):
        call_command("undo_import", str(number))
    with pytest.raises(CommandError, match="gibt es nicht"):
        call_command("undo_import", "999")


def test_a_file_that_is_no_table_is_refused(tmp_path):
    path = tmp_path / "bild.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    with pytest.raises(CommandError, match="CSV- oder XLSX-Datei"):
        call_command("import_customers", str(path))
