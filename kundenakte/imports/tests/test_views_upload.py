"""The upload page: who may import, what the form refuses, and the list of earlier imports."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kundenakte.imports.models import ImportRun
from kundenakte.imports.tests.conftest import make_run

pytestmark = pytest.mark.django_db

START = "/customers/import/"


def upload(client, name: str, content: bytes):
    return client.post(START, {"file": SimpleUploadedFile(name, content)})


def test_the_upload_page_lives_under_customers():
    assert reverse("imports:start") == START


@pytest.mark.parametrize("who", ["admin_client", "staff_client"])
def test_administrators_and_staff_see_the_upload_form(request, engine, who):
    response = request.getfixturevalue(who).get(START)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'type="file"' in html and 'enctype="multipart/form-data"' in html
    assert "nichts geschrieben" in html  # the promise that the preview writes nothing


def test_read_only_users_are_refused_the_page_and_the_upload(engine, readonly_client):
    assert readonly_client.get(START).status_code == 403
    assert upload(readonly_client, "kunden.csv", b"Firma\r\nA\r\n").status_code == 403
    assert engine.calls == []


def test_anonymous_visitors_are_sent_to_the_login(engine, anonymous_client):
    response = anonymous_client.get(START)
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_the_customer_list_links_to_the_import_only_for_those_who_may_import(
    engine, staff_client, readonly_client
):
    assert f'href="{START}"' in staff_client.get("/customers/").content.decode()
    assert f'href="{START}"' not in readonly_client.get("/customers/").content.decode()


def test_a_csv_file_goes_to_the_service_and_the_user_to_its_page(engine, staff_client, staff_user):
    response = upload(staff_client, "kunden.csv", b"Firma;PLZ\r\nAdler GmbH;01067\r\n")
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{START}{run.pk}/"
    name, kwargs = engine.calls[0]
    assert name == "import_start"
    assert kwargs == {
        "user": staff_user,
        "file_name": "kunden.csv",
        "content": b"Firma;PLZ\r\nAdler GmbH;01067\r\n",
    }


def test_an_xlsx_file_is_taken_too(engine, staff_client):
    response = upload(staff_client, "Kunden 2026.XLSX", b"PK\x03\x04 not really a workbook")
    assert response.status_code == 302
    assert engine.names() == ["import_start"]


def test_a_post_without_a_file_asks_for_one(engine, staff_client):
    response = staff_client.post(START, {})
    assert response.status_code == 200
    assert "Bitte die Datei für den Import auswählen." in response.content.decode()
    assert engine.calls == []


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("foto.png", "Nur CSV- oder XLSX-Dateien"),
        ("kunden", "Nur CSV- oder XLSX-Dateien"),
        ("kunden.xls", "als XLSX oder CSV speichern"),
    ],
)
def test_other_file_types_are_refused_with_a_clear_message(engine, staff_client, name, message):
    response = upload(staff_client, name, b"\x89PNG\r\n\x1a\n")
    assert response.status_code == 200
    assert message in response.content.decode()
    assert engine.calls == [] and not ImportRun.objects.exists()


@pytest.mark.parametrize("name", ["kunden.csv", "kunden.xlsx"])
def test_an_empty_file_is_refused_before_the_service(engine, staff_client, name):
    response = upload(staff_client, name, b"")
    assert "Die Datei ist leer." in response.content.decode()
    assert engine.calls == []


def test_what_the_service_refuses_is_shown_on_the_field_and_nothing_is_created(
    engine, staff_client
):
    engine.refuse = "Die Datei ist weder CSV noch XLSX."
    response = upload(staff_client, "bild.csv", b"\x89PNG\r\n\x1a\n\x00\x00")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Die Datei ist weder CSV noch XLSX." in html and 'id="id_file_error"' in html
    assert not ImportRun.objects.exists()


def test_a_file_over_the_size_limit_is_refused_without_reading_it(engine, staff_client, settings):
    settings.IMPORT_MAX_BYTES = 10
    response = upload(staff_client, "kunden.csv", b"Firma\r\n" + b"A" * 20)
    assert "größer als 10" in response.content.decode()
    assert engine.calls == []


def test_the_list_shows_who_uploaded_what_with_counts_state_and_link(
    engine, staff_client, staff_user
):
    ready = make_run(staff_user, new_count=12, updated_count=3, error_count=1)
    make_run(None, file_name="debitoren.xlsx", state=ImportRun.State.APPLIED, new_count=1500)
    html = staff_client.get(START).content.decode()
    assert f'href="{START}{ready.pk}/"' in html
    assert "kunden.csv" in html and "debitoren.xlsx" in html
    assert "Sven" in html and "System" in html  # the command line's import has no user
    assert "12 neu · 3 aktualisiert · 0 unverändert · 0 mögliche Dubletten · 1 fehlerhaft" in html
    assert "1.500 neu" in html
    assert "Vorschau bereit" in html and "importiert" in html


def test_only_an_applied_import_offers_undo_in_the_list(engine, staff_client):
    applied = make_run(state=ImportRun.State.APPLIED)
    make_run(state=ImportRun.State.UNDONE)
    make_run(state=ImportRun.State.READY)
    html = staff_client.get(START).content.decode()
    assert html.count("/undo/") == 1 and f"{START}{applied.pk}/undo/" in html
    assert 'name="next" value="/customers/import/"' in html


def test_the_list_is_paginated(engine, staff_client):
    for number in range(25):
        make_run(file_name=f"datei-{number:02}.csv")
    first = staff_client.get(START).content.decode()
    second = staff_client.get(START, {"page": "2"}).content.decode()
    assert "datei-24.csv" in first and "datei-00.csv" not in first
    assert "datei-00.csv" in second and "Seite 2 von 2" in second
    assert staff_client.get(START, {"page": "x<script>"}).status_code == 200
