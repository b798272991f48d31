"""CSV and XLSX exports of the customer list's selection; they take the list's URL parameters."""

import tempfile

from django.contrib.auth.decorators import permission_required
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

from kundenakte.customers import export, listing

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filename(extension: str) -> str:
    return f"kunden-{timezone.localdate():%Y-%m-%d}.{extension}"


@permission_required("customers.view_customer", raise_exception=True)
def customer_export_csv(request):
    pieces = export.csv_chunks(listing.select(request.GET))
    response = StreamingHttpResponse(pieces, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, _filename("csv"))
    return response


@permission_required("customers.view_customer", raise_exception=True)
def customer_export_xlsx(request):
    # The file is compressed into a temporary file as the rows are read, so memory stays flat;
    # a zip needs its directory at the end, so it is sent once complete (customers/xlsx.py).
    # FileResponse closes the file once it is sent.
    target = tempfile.TemporaryFile()  # noqa: SIM115
    export.write_xlsx(export.export_rows(listing.select(request.GET)), target)
    target.seek(0)
    return FileResponse(
        target, as_attachment=True, filename=_filename("xlsx"), content_type=XLSX_TYPE
    )
