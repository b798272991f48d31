"""The columns of the customer list and its export (customers/columns.py), and the status badge."""

import csv
import io
import re

import pytest
from django.db.models import CharField, F, TextField
from django.utils.translation import override
from openpyxl import load_workbook

from kundenakte.customers import columns, export
from kundenakte.customers.columns import Column
from kundenakte.customers.models import Customer, Status
from kundenakte.customers.tests.factories import make_customer, make_person
from kundenakte.customers.tests.listing_helpers import URL
from kundenakte.jinja2 import macros

pytestmark = pytest.mark.django_db


def csv_rows(response) -> list[dict]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))


def xlsx_rows(response) -> list[list]:
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


def header_cells(html: str) -> list[str]:
    thead = html.split('<table class="table customer-table">')[1].split("</thead>")[0]
    # the label of every header cell but the select column's
    return re.findall(r'<th(?: (?!class="select")[^>]*)?>(?:<a[^>]*>)?([^<]*)', thead)


def test_a_new_column_shows_in_the_list_header_the_rows_the_csv_and_the_xlsx(
    staff_client, monkeypatch
):
    fax = Column("fax", "Faxnummer", header="Fax", export=F("fax"))
    monkeypatch.setattr(columns, "COLUMNS", [*columns.COLUMNS, fax])
    make_customer(short_name="Korn", fax="030 123", tags=["Bio"])
    html = staff_client.get(URL).content.decode()
    assert header_cells(html)[-1] == "Faxnummer"
    assert '<td class="fax">030 123</td></tr>' in html
    (row,) = csv_rows(staff_client.get("/customers/export.csv"))
    # after the tags, which the export reads apart from the other values
    assert list(row)[-2:] == ["Tags", "Fax"] and row["Fax"] == "030 123"
    assert row["Tags"] == "Bio" and row["Kurzname"] == "Korn"
    header, values = xlsx_rows(staff_client.get("/customers/export.xlsx"))
    assert header == list(row) and values[-2:] == ["Bio", "030 123"]


def test_the_list_header_names_every_listed_column_in_the_request_language(staff_client):
    make_customer(short_name="Korn")
    english = header_cells(staff_client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode())
    german = header_cells(staff_client.get(URL).content.decode())
    with override("en"):
        assert english == [str(column.label) for column in columns.listed()]
    with override("de"):
        assert german == [str(column.label) for column in columns.listed()]
    assert english != german


def test_an_empty_list_spans_its_message_over_every_column(staff_client):
    html = staff_client.get(URL, {"q": "gibt es nicht"}).content.decode()
    assert f'<td colspan="{len(columns.listed())}" class="empty">' in html
    assert len(header_cells(html)) == len(columns.listed())


def test_every_export_value_is_text(db):
    """The CSV packs a row's values into a JSON array and uses its text as the CSV line
    (customers/export.py): a number or date there would be written without quotes or in
    JSON's spelling, so every export value must have a text output."""
    statuses = list(Status.objects.all())
    queryset = export._with_contact(Customer.objects.all())
    for column in columns.exported():
        value = column.export_value(statuses)
        if value is columns.TAGS:
            continue
        resolved = queryset.annotate(value=value).query.annotations["value"]
        assert isinstance(resolved.output_field, CharField | TextField), column.key


def test_an_export_value_that_is_not_text_is_caught(db):
    """The check above fails for a number, as a column of payment terms would be."""
    queryset = Customer.objects.annotate(value=F("payment_terms_days"))
    field = queryset.query.annotations["value"].output_field
    assert not isinstance(field, CharField | TextField)


def test_a_status_shows_as_the_one_badge_in_the_list_the_file_the_detail_and_the_settings(
    admin_client,
):
    customer = make_customer(short_name="Korn")
    make_person(customer, first_name="Eva", last_name="Erst")
    badge = str(macros("customers/status_badge.html").status_badge(customer.status))
    assert customer.status.name in badge and customer.status.color in badge
    pages = (URL, f"/customers/{customer.pk}/", f"/customers/{customer.pk}/persons/")
    for url in (*pages, "/settings/statuses/"):
        response = admin_client.get(url)
        assert response.status_code == 200 and badge in response.content.decode(), url
