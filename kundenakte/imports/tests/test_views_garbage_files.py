"""Files that are no customer list, uploaded through the page to the real engine: never a
server error, never a customer written, and the user is told what is wrong — on the upload
form, or on the import's page when only reading the whole file shows it."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kundenakte.accounts.roles import Role, role_permissions
from kundenakte.customers.models import Customer
from kundenakte.imports.models import ImportRun
from kundenakte.imports.tests.conftest import NEEDS_ENGINE

pytestmark = [pytest.mark.django_db, NEEDS_ENGINE]

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


def _zip(name: str, data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, data)
    return buffer.getvalue()


GARBAGE = {
    "binary junk": ("kunden.csv", bytes(range(256)) * 40),
    "a PNG named .csv": ("kunden.csv", PNG),
    "a PNG named .xlsx": ("kunden.xlsx", PNG),
    "a zip that is no workbook": ("kunden.xlsx", _zip("hallo.txt", b"hallo")),
    "a CSV named .xlsx": ("kunden.xlsx", b"Firma;PLZ\r\nAdler GmbH;01067\r\n"),
    "only a heading": ("kunden.csv", b"Firma;PLZ;Ort\r\n"),
    "only a BOM": ("kunden.csv", b"\xef\xbb\xbf"),
    "NUL bytes in UTF-16": ("kunden.csv", "Firma;PLZ\r\nAdler;01067\r\n".encode("utf-16")),
}


@pytest.mark.parametrize("case", sorted(GARBAGE))
def test_garbage_is_refused_or_fails_with_a_message_and_writes_nothing(
    staff_client, django_capture_on_commit_callbacks, case
):
    name, content = GARBAGE[case]
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            "/customers/import/", {"file": SimpleUploadedFile(name, content)}
        )
    assert response.status_code in (200, 302), f"{case}: {response.status_code}"
    if response.status_code == 200:  # refused on the form, with a message at the file field
        assert 'id="id_file_error"' in response.content.decode()
        assert not ImportRun.objects.exists()
    else:
        page = staff_client.get(response["Location"])
        assert page.status_code == 200
        run = ImportRun.objects.get()
        assert run.state in (ImportRun.State.READY, ImportRun.State.FAILED)
        if run.state == ImportRun.State.FAILED:
            assert run.message and run.message in page.content.decode()
    assert not Customer.objects.exists()


@pytest.mark.parametrize("name", ["kunden.csv", "kunden.xlsx"])
def test_a_zero_byte_file_is_refused_on_the_form(staff_client, name):
    response = staff_client.post("/customers/import/", {"file": SimpleUploadedFile(name, b"")})
    assert "Die Datei ist leer." in response.content.decode()
    assert not ImportRun.objects.exists()


def test_the_roles_give_importing_to_administrators_and_staff_only(db):
    def may_import(role: Role) -> bool:
        return any(
            p.content_type.app_label == "imports" and p.codename == "add_importrun"
            for p in role_permissions(role)
        )

    assert may_import(Role.ADMIN) and may_import(Role.STAFF)
    assert not may_import(Role.READ_ONLY)
