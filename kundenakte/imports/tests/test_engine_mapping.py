"""Headings are matched to fields in German and English, whatever their spelling."""

import pytest

from kundenakte.customers import columns
from kundenakte.imports import fields

VARIANTS = {
    "company_name": ["Firma", "Firmenname", "Name 1", "NAME1", "Company"],
    "company_name_2": ["Name 2", "Firma 2"],
    "street": ["Straße", "Strasse", "Str.", "STRASSE", "Street"],
    "postal_code": ["PLZ", "Postleitzahl", "Zip code"],
    "city": ["Ort", "Stadt", "City"],
    "country": ["Land", "Country"],
    "phone": ["Telefon", "Tel.", "Phone"],
    "mobile": ["Mobil", "Handy", "Mobile"],
    "fax": ["Fax", "Telefax"],
    "email": ["E-Mail", "Email", "Mail", "e-mail", "EMail"],
    "website": ["Website", "Internet", "Homepage"],
    "number": ["Kundennummer", "Kd.-Nr.", "Kd-Nr", "Debitor", "Debitorennummer", "Customer no"],
    "short_name": ["Kurzname", "Suchname", "Matchcode"],
    "person_salutation": ["Anrede", "Salutation"],
    "person_title": ["Titel", "Title"],
    "person_first_name": ["Vorname", "First name"],
    "person_last_name": ["Nachname", "Last name"],
    "person_position": ["Position", "Funktion"],
    "person_phone": ["Telefon Ansprechpartner"],
    "person_email": ["E-Mail Ansprechpartner"],
    "vat_id": ["USt-IdNr.", "UStID", "USt-ID", "VAT ID"],
    "tax_number": ["Steuernummer", "St.-Nr."],
    "payment_terms_days": ["Zahlungsziel", "Payment terms"],
    "status": ["Status"],
    "tags": ["Tags", "Schlagworte", "Schlagwörter", "Kategorien"],
    "notes": ["Notiz", "Bemerkung", "Bemerkungen", "Notes"],
}


@pytest.mark.parametrize(
    ("key", "heading"), [(key, heading) for key, names in VARIANTS.items() for heading in names]
)
def test_every_usual_heading_is_matched_to_its_field(key, heading):
    assert fields.guess_mapping([heading]) == [{"field": key, "clear": False}]


def test_every_field_has_variants_in_this_test():
    assert set(VARIANTS) | {"person_mobile"} == set(fields.BY_KEY)


def test_an_unknown_heading_and_a_second_column_for_the_same_field_stay_unmapped():
    mapping = fields.guess_mapping(["Firma", "Lieblingsfarbe", "Firmenname"])
    assert [entry["field"] for entry in mapping] == ["company_name", "", ""]


def test_our_exports_headings_map_and_its_computed_columns_are_ignored():
    headings = columns.export_headers()
    mapping = fields.guess_mapping(headings)
    by_heading = dict(zip(headings, (entry["field"] for entry in mapping), strict=True))
    assert by_heading["Briefanrede"] == ""
    assert by_heading["Telefon"] == "phone"
    assert by_heading["Anrede"] == "person_salutation"
    assert all(key for heading, key in by_heading.items() if heading != "Briefanrede")


def test_every_exported_column_is_either_imported_or_known_as_computed():
    """A new export column must be given its import field (or None) in fields.EXPORT_COLUMNS."""
    assert {column.key for column in columns.exported()} == set(fields.EXPORT_COLUMNS)


def test_the_dropdown_choices_start_with_not_importing():
    assert fields.FIELD_CHOICES[0][0] == ""
    assert [key for key, _label in fields.FIELD_CHOICES[1:]] == [f.key for f in fields.FIELDS]
