"""The fields a column of an imported file can fill, and how headings are matched to them.

A heading matches a field when both are equal after `normalise()` (case, umlauts, spaces and
punctuation do not count): "E-Mail", "e-mail" and "EMail" are one. The headings of our own
CSV/XLSX export (customers/columns.py) are aliases too, read from that registry, so an export
imports back as it is; its computed columns (Briefanrede) are recognised and ignored.

Person fields (Anrede, Titel, Vorname, Nachname, Position, the person's phone and e-mail) fill
the contact person of a company, or a private person's own name when the row has no company
name — the same columns our export fills from either (customers/export_columns.per_addressee).
"""

import re
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from kundenakte.core import text
from kundenakte.customers import columns

CUSTOMER, PERSON, SPECIAL = "customer", "person", "special"


@dataclass(frozen=True)
class ImportField:
    """`key`: stable name in a run's mapping; `target`: what it fills (a customer field, a
    person field or something handled on its own: number, status, tags); `attr`: the model
    field it writes."""

    key: str
    label: Any
    aliases: tuple[str, ...]
    target: str = CUSTOMER
    attr: str = ""

    @property
    def field_name(self) -> str:
        return self.attr or self.key


def _f(key, label, *aliases, target=CUSTOMER, attr="") -> ImportField:
    return ImportField(key, label, tuple(aliases), target, attr)


FIELDS: tuple[ImportField, ...] = (
    _f(
        "number",
        _("Customer number"),
        "Kundennummer",
        "Kundennr",
        "Kd.-Nr.",
        "KdNr",
        "Kunden-Nr.",
        "Debitor",
        "Debitorennummer",
        "Debitorennr",
        "Debitorenkonto",
        "Customer number",
        "Customer no",
        "Customer ID",
        "Account number",
        target=SPECIAL,
    ),
    _f("short_name", _("Short name"), "Kurzname", "Suchname", "Matchcode", "Short name"),
    _f(
        "company_name",
        _("Company name"),
        "Firma",
        "Firmenname",
        "Name 1",
        "Name1",
        "Unternehmen",
        "Company",
        "Company name",
        "Organisation",
        "Organization",
    ),
    _f(
        "company_name_2",
        _("Company name (line 2)"),
        "Name 2",
        "Name2",
        "Firma 2",
        "Firmenzusatz",
        "Zusatz",
        "Company name 2",
    ),
    _f("person_salutation", _("Salutation"), "Anrede", "Salutation", target=PERSON),
    _f("person_title", _("Title"), "Titel", "Title", "Akademischer Titel", target=PERSON),
    _f("person_first_name", _("First name"), "Vorname", "First name", "Given name", target=PERSON),
    _f(
        "person_last_name",
        _("Last name"),
        "Nachname",
        "Familienname",
        "Last name",
        "Surname",
        "Family name",
        target=PERSON,
    ),
    _f("person_position", _("Position"), "Position", "Funktion", "Job title", target=PERSON),
    _f(
        "person_phone",
        _("Phone of the person"),
        "Telefon Ansprechpartner",
        "Ansprechpartner Telefon",
        "Telefon Person",
        "Person Telefon",
        "Durchwahl",
        "Contact phone",
        target=PERSON,
    ),
    _f(
        "person_mobile",
        _("Mobile of the person"),
        "Mobil Ansprechpartner",
        "Ansprechpartner Mobil",
        "Handy Ansprechpartner",
        "Contact mobile",
        target=PERSON,
    ),
    _f(
        "person_email",
        _("Email of the person"),
        "E-Mail Ansprechpartner",
        "Ansprechpartner E-Mail",
        "E-Mail Person",
        "Person E-Mail",
        "Contact email",
        target=PERSON,
    ),
    _f("street", _("Street and number"), "Straße", "Strasse", "Str.", "Anschrift", "Street"),
    _f(
        "postal_code",
        _("Postal code"),
        "PLZ",
        "Postleitzahl",
        "Postal code",
        "Zip",
        "Zip code",
        "Postcode",
    ),
    _f("city", _("City"), "Ort", "Stadt", "Wohnort", "City", "Town"),
    _f("country", _("Country"), "Land", "Staat", "Country"),
    _f("phone", _("Phone"), "Telefon", "Tel.", "Tel", "Telefonnummer", "Phone", "Telephone"),
    _f("mobile", _("Mobile"), "Mobil", "Mobiltelefon", "Handy", "Mobile", "Cell"),
    _f("fax", _("Fax"), "Fax", "Telefax", "Faxnummer"),
    _f("email", _("Email"), "E-Mail", "Email", "Mail", "E-Mail-Adresse", "Email address"),
    _f("website", _("Website"), "Website", "Webseite", "Homepage", "Internet", "URL", "Web"),
    _f(
        "vat_id",
        _("VAT ID"),
        "USt-IdNr.",
        "UStID",
        "USt-ID",
        "Umsatzsteuer-ID",
        "USt-Identifikationsnummer",
        "VAT ID",
        "VAT number",
    ),
    _f("tax_number", _("Tax number"), "Steuernummer", "StNr", "St.-Nr.", "Tax number"),
    _f(
        "payment_terms_days",
        _("Payment terms (days)"),
        "Zahlungsziel",
        "Zahlungsziel (Tage)",
        "Zahlungsbedingung",
        "Payment terms",
    ),
    _f("status", _("Status"), "Status", "Kundenstatus", target=SPECIAL),
    _f(
        "tags",
        _("Tags"),
        "Tags",
        "Schlagworte",
        "Schlagwörter",
        "Kategorien",
        "Kategorie",
        "Gruppen",
        "Categories",
        target=SPECIAL,
    ),
    _f("notes", _("Notes"), "Notiz", "Notizen", "Bemerkung", "Bemerkungen", "Notes", "Comment"),
)
BY_KEY: dict[str, ImportField] = {field.key: field for field in FIELDS}

FIELD_CHOICES: list[tuple[str, Any]] = [("", _("— do not import —"))] + [
    (field.key, field.label) for field in FIELDS
]

# The export's columns (customers/columns.py, by key) and the field each fills; None marks a
# column the export computes (the Briefanrede), which an import recognises and ignores.
EXPORT_COLUMNS: dict[str, str | None] = {
    "number": "number",
    "short_name": "short_name",
    "company_name": "company_name",
    "company_name_2": "company_name_2",
    "salutation": "person_salutation",
    "title": "person_title",
    "first_name": "person_first_name",
    "last_name": "person_last_name",
    "letter_salutation": None,
    "street": "street",
    "postal_code": "postal_code",
    "city": "city",
    "country": "country",
    "own_phone": "phone",
    "mobile": "mobile",
    "own_email": "email",
    "website": "website",
    "status": "status",
    "tags": "tags",
}

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def normalise(heading: str) -> str:
    """ "E-Mail-Adresse" → "emailadresse", "Straße" → "strasse", "Kd.-Nr." → "kdnr"."""
    return _NOT_ALNUM.sub("", text.fold_expanded(heading))


def _alias_table() -> dict[str, str]:
    table = {
        normalise(alias): field.key for field in FIELDS for alias in (field.key, *field.aliases)
    }
    for column in columns.exported():
        key = EXPORT_COLUMNS.get(column.key)
        if key is not None:
            table[normalise(column.header or "")] = key
    return table


def ignored_headings() -> set[str]:
    """The normalised headings of our export's computed columns."""
    return {
        normalise(column.header or "")
        for column in columns.exported()
        if column.key in EXPORT_COLUMNS and EXPORT_COLUMNS[column.key] is None
    }


def guess_mapping(headings: list[str]) -> list[dict]:
    """One mapping entry per heading: the field it matches, each field at most once."""
    table, ignored = _alias_table(), ignored_headings()
    taken: set[str] = set()
    mapping = []
    for heading in headings:
        name = normalise(heading)
        key = "" if name in ignored else table.get(name, "")
        if key in taken:
            key = ""
        taken.add(key)
        mapping.append({"field": key, "clear": False})
    return mapping
