"""The columns of the customer list and of its CSV/XLSX export, each declared once.

The list's header, its row cells and the empty row's colspan, the CSV and the XLSX all iterate
COLUMNS, each in the registry's order. Adding a column is one entry here plus the translation
of its label; a list cell other than the plain value is a branch of the `rows` macro in
templates/jinja2/customers/customer_list_parts.html.

The export headings are the merge fields of a Word mail merge (Serienbrief), so they stay
German whatever the interface language is. Each export value is an SQL expression with a text
output, so that the database does the per-row work for 100,000 customers (customers/export.py
packs them into one JSON array per row; test_every_export_value_is_text guards that).
The short name, phone and e-mail are two entries each: the list leads with the name, the mail
merge with the number, and the list shows how to reach a firm (its contact's phone if it has none).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from kundenakte.customers import export_columns as sql
from kundenakte.customers.models import Status

# The tags are read in one query for the whole export (customers/export.py), not per row.
TAGS = object()


@dataclass(frozen=True)
class Column:
    """`label`: the list's header, None if the column is only exported; `sort`: the list's sort
    key when the header sorts; `fields`: the customer fields its cell reads (default: `key`).
    `header`: the export's heading, None if only listed; `export`: its value, an expression with
    a text output, or a function of the statuses returning one (or TAGS)."""

    key: str
    label: Any = None
    sort: str | None = None
    fields: tuple[str, ...] | None = None
    header: str | None = None
    export: Any = None

    @property
    def listed(self) -> bool:
        return self.label is not None

    @property
    def exported(self) -> bool:
        return self.header is not None

    def customer_fields(self) -> tuple[str, ...]:
        return (self.key,) if self.fields is None else self.fields

    def export_value(self, statuses: list[Status]):
        value = self.export
        return value(statuses) if isinstance(value, Callable) else value


COLUMNS: list[Column] = [
    Column("name", _("Short name"), sort="name", fields=("short_name",)),
    Column(
        "number",
        _("No."),
        sort="number",
        header="Kundennummer",
        export=Coalesce(F("number"), Value("")),
    ),
    Column("short_name", header="Kurzname", export=F("short_name")),
    Column("company_name", header="Firma", export=sql.firm("company_name")),
    Column("company_name_2", header="Firma 2", export=sql.firm("company_name_2")),
    Column("salutation", header="Anrede", export=sql.per_addressee(sql.anrede)),
    Column("title", header="Titel", export=sql.per_addressee(sql.text("title"))),
    Column("first_name", header="Vorname", export=sql.per_addressee(sql.text("first_name"))),
    Column("last_name", header="Nachname", export=sql.per_addressee(sql.text("last_name"))),
    Column("letter_salutation", header="Briefanrede", export=sql.per_addressee(sql.briefanrede)),
    Column("street", header="Straße", export=F("street")),
    Column("postal_code", header="PLZ", export=F("postal_code")),
    Column("city", _("City"), sort="city", header="Ort", export=F("city")),
    Column("country", header="Land", export=sql.country),
    Column("own_phone", header="Telefon", export=F("phone")),
    Column("mobile", header="Mobil", export=F("mobile")),
    Column("own_email", header="E-Mail", export=F("email")),
    Column("website", header="Website", export=F("website")),
    Column(
        "status",
        _("Status"),
        sort="status",
        fields=("status_id",),
        header="Status",
        export=sql.status,
    ),
    Column("tags", _("Tags"), fields=(), header="Tags", export=TAGS),
    # A firm without a switchboard number or address of its own is reached via its contact.
    Column("contact", _("Primary contact"), fields=()),
    Column("phone", _("Phone"), fields=("phone",)),
    Column("email", _("Email"), fields=("email",)),
]


def listed() -> list[Column]:
    return [column for column in COLUMNS if column.listed]


def exported() -> list[Column]:
    return [column for column in COLUMNS if column.exported]


def export_headers() -> list[str]:
    return [column.header for column in exported()]
