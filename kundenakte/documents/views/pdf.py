"""The PDF of a document, shown inline in the browser."""

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from kundenakte.documents.access import load_document
from kundenakte.documents.pdf import document_pdf_bytes, document_pdf_filename


@require_safe
def document_pdf(request, pk: int):
    """403 without `documents.view_document`, 404 when the kind's module is switched off
    (cancellations follow the invoices); the login is required by the middleware."""
    document = load_document(request, pk)
    response = HttpResponse(document_pdf_bytes(document), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=False, filename=document_pdf_filename(document)
    )
    return response
