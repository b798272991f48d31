"""CSV and XLSX exports of a customer selection, ready for a mail merge (Serienbrief).

The column names are the merge fields in Word, so they stay German whatever the interface
language is. For a company the person columns come from its primary contact; for a private
person from the customer itself. Rows are read as plain values in chunks, with the primary
contacts and tags of each chunk fetched in one query each, so 100,000 customers cost about 150
queries and memory stays flat. Rows travel in chunks, not one by one, and csv.writer.writerows
writes a whole chunk in C: at 100,000 rows every call per row and value shows in the time.
"""

import csv
import io
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import chain, islice
from typing import NamedTuple

from django.db import connections
from django.db.models import FilteredRelation, Q
from django.db.models.expressions import RawSQL
from django.utils import translation
from django_countries import countries
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font

from kundenakte.customers import listing
from kundenakte.customers.addressing import letter_salutation
from kundenakte.customers.models import Customer, Salutation, Tag

CHUNK_SIZE = 2000
COLUMNS = (
    "Kundennummer",
    "Kurzname",
    "Firma",
    "Firma 2",
    "Anrede",
    "Titel",
    "Vorname",
    "Nachname",
    "Briefanrede",
    "Straße",
    "PLZ",
    "Ort",
    "Land",
    "Telefon",
    "Mobil",
    "E-Mail",
    "Website",
    "Status",
    "Tags",
)


class Addressee(NamedTuple):
    """The fields letter_salutation() reads: a customer row has them, so has a contact."""

    salutation: str
    title: str
    first_name: str
    last_name: str
    letter_salutation: str


_ADDRESSEE = Addressee._fields
_CUSTOMER_FIELDS = (
    "pk",
    "kind",
    "number",
    "short_name",
    "company_name",
    "company_name_2",
    "street",
    "postal_code",
    "city",
    "country",
    "phone",
    "mobile",
    "email",
    "website",
    "status_id",
    *_ADDRESSEE,
)
# The primary contact's id and columns come last, in Addressee order.
_FIELDS = (*_CUSTOMER_FIELDS, "contact__id", *(f"contact__{field}" for field in _ADDRESSEE))
_ANREDE = {Salutation.MR.value: "Herr", Salutation.MS.value: "Frau"}
_COMPANY = Customer.Kind.COMPANY.value
_NO_ADDRESSEE = letter_salutation(None)
# OWASP / CWE-1236: a spreadsheet evaluates a cell beginning with one of these as a formula.
_FORMULA_STARTS = frozenset("=+-@\t\r")


def neutralise(row: list[str]) -> list[str]:
    """Prefix would-be formulas with ' so that a spreadsheet shows them as text."""
    return [f"'{value}" if value[:1] in _FORMULA_STARTS else value for value in row]


def _chunks(rows: Iterable, size: int) -> Iterator[list]:
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _id_list(ids: list[int], using: str):
    """The ids of a chunk as a single query parameter.

    Django prepares every element of an IN list one by one, which for 2,000 ids costs more
    than the query itself; the database unpacks one array as fast as it reads it.
    """
    vendor = connections[using].vendor
    if vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", [ids])
    if vendor == "sqlite":
        return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(ids)])
    return ids


def _with_contact(qs):
    """The primary contact joined to each row: one probe of its unique index per customer."""
    primary = FilteredRelation("persons", condition=Q(persons__is_primary=True))
    return qs.annotate(contact=primary)


class _TagNames:
    """The tag names of a chunk of customers, in the order of the tag list."""

    def __init__(self, using: str):
        self.using = using
        tags = Tag.objects.using(using).order_by("key").values_list("pk", "name")
        self.names = dict(tags)
        self.rank = {pk: rank for rank, pk in enumerate(self.names)}

    def __call__(self, ids: list[int]) -> dict[int, str]:
        links = Customer.tags.through.objects.using(self.using)
        links = links.filter(customer_id__in=_id_list(ids, self.using)).order_by()
        by_customer = defaultdict(list)
        for customer_id, tag_id in links.values_list("customer_id", "tag_id"):
            by_customer[customer_id].append(tag_id)
        return {
            pk: ", ".join(self.names[t] for t in sorted(tag_ids, key=self.rank.__getitem__))
            for pk, tag_ids in by_customer.items()
        }


def _country_names() -> dict[str, str]:
    with translation.override("de"):
        return {code: str(name) for code, name in countries}


class _Exporter:
    """Turns customer rows into export rows; holds the lookups shared by all chunks."""

    def __init__(self, selection: listing.Selection):
        self.statuses = {s.pk: s.name for s in selection.statuses}
        self.countries = _country_names()

    def chunks(self, querysets: Iterable) -> Iterator[Iterable[list[str]]]:
        for qs in querysets:
            tag_names = _TagNames(qs.db)
            values = _with_contact(qs).values_list(*_FIELDS)
            for chunk in _chunks(values.iterator(chunk_size=CHUNK_SIZE), CHUNK_SIZE):
                ids = [row[0] for row in chunk]
                tags = tag_names(ids).get
                # Lazily: a chunk of 2,000 finished rows alive at once makes the garbage
                # collector walk them over and over.
                yield map(self._row, chunk, [tags(pk, "") for pk in ids])

    def _row(self, row: tuple, tags: str) -> list[str]:
        # `row` holds _FIELDS in their order: the customer, its own addressee, the contact.
        (_pk, kind, number, short_name, company_name, company_name_2, street, postal_code) = row[:8]
        (city, country, phone, mobile, email, website, status_id) = row[8:15]
        if kind != _COMPANY:
            person = row[15:20]  # a private person is its own addressee
            company_name = company_name_2 = ""
        elif row[20] is not None:
            person = row[21:]
        else:
            person = None
        if person is None:
            salutation, title, first_name, last_name, anrede = "", "", "", "", _NO_ADDRESSEE
        else:
            salutation, title, first_name, last_name, anrede = person
            anrede = anrede or letter_salutation(Addressee(*person))
        return [
            number or "",
            short_name,
            company_name,
            company_name_2,
            _ANREDE.get(salutation, ""),
            title,
            first_name,
            last_name,
            anrede,
            street,
            postal_code,
            city,
            self.countries.get(country, country or ""),
            phone,
            mobile,
            email,
            website,
            self.statuses.get(status_id, ""),
            tags,
        ]


def export_chunks(selection: listing.Selection) -> Iterator[Iterable[list[str]]]:
    """Every customer of the selection in list order, as chunks of export rows (no header)."""
    parts = listing.segments(selection, listing.count(selection))
    return _Exporter(selection).chunks(qs for qs, _size in parts)


def export_rows(selection: listing.Selection) -> Iterator[list[str]]:
    """Every customer of the selection in list order, as export rows (without the header)."""
    return chain.from_iterable(export_chunks(selection))


def csv_chunks(chunks: Iterable[Iterable[list[str]]]) -> Iterator[bytes]:
    """UTF-8 with BOM, `;`, CRLF, a header row: what Excel in a German locale opens as is.

    One piece of the response per chunk of rows (about 430 kB for 2,000 customers).
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    buffer.write("\ufeff")
    writer.writerow(COLUMNS)
    for rows in chunks:
        writer.writerows(map(neutralise, rows))
        yield buffer.getvalue().encode("utf-8")
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def _text_cell(sheet, value: str) -> Cell | str | None:
    if not value:
        return None  # an empty cell is left out of the file instead of written as ""
    if value[0] != "=":
        return value
    # openpyxl stores a string beginning with "=" as a formula; as typed text it stays inert.
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell


def _header_cell(sheet, name: str) -> Cell:
    cell = WriteOnlyCell(sheet, value=name)
    cell.font = Font(bold=True)
    return cell


def write_xlsx(rows: Iterable[list[str]], target) -> None:
    """Write the rows into an XLSX file object; every cell is text, so postal codes keep their
    leading zeros and customer numbers stay as written."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Kunden")
    sheet.freeze_panes = "A2"
    sheet.append([_header_cell(sheet, name) for name in COLUMNS])
    for row in rows:
        sheet.append([_text_cell(sheet, value) for value in row])
    workbook.save(target)
