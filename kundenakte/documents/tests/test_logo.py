"""The firm's logo: uploaded in the settings, printed on every document."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfReader

from kundenakte.accounts.models import CompanySettings
from kundenakte.documents.pdf import document_pdf_bytes
from kundenakte.documents.tests.factories import make_invoice
from kundenakte.documents.tests.test_views_settings import settings_data

pytestmark = pytest.mark.django_db


def _png(size=(120, 40)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (29, 78, 216)).save(buffer, "PNG")
    return buffer.getvalue()


def _upload(admin_client, content: bytes, name="logo.png", **extra):
    data = {**settings_data(), "company-logo_upload": SimpleUploadedFile(name, content), **extra}
    return admin_client.post("/settings/", data)


def test_an_uploaded_logo_is_stored_and_printed_on_documents(admin_client):
    assert _upload(admin_client, _png()).status_code == 302
    issued_invoice = make_invoice()
    company = CompanySettings.load()
    assert company.logo_type == "image/png"
    reader = PdfReader(io.BytesIO(document_pdf_bytes(issued_invoice)))
    assert len(reader.pages[0].images) == 1


def test_without_a_logo_the_pdf_has_no_image():
    issued_invoice = make_invoice()
    reader = PdfReader(io.BytesIO(document_pdf_bytes(issued_invoice)))
    assert len(reader.pages[0].images) == 0


def test_a_file_that_is_no_image_is_refused(admin_client):
    response = _upload(admin_client, b"%PDF-1.4 not an image", name="logo.png")
    assert response.status_code == 200
    assert not CompanySettings.load().logo


def test_a_logo_can_be_removed(admin_client):
    _upload(admin_client, _png())
    admin_client.post("/settings/", {**settings_data(), "company-logo_remove": "on"})
    assert not CompanySettings.load().logo
