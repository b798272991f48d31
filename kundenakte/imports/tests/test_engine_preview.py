"""The preview: what each row would do, every fault with its row, column and German message,
and nothing written to the customers."""

import pytest

from kundenakte.customers.models import Customer, Person
from kundenakte.customers.tests.factories import make_customer, make_person
from kundenakte.imports.models import ImportLine
from kundenakte.imports.tests.engine_helpers import counts, csv_bytes, errors, preview

pytestmark = pytest.mark.django_db
WRONG_CLASS = "Ein Kunde ohne Nummer braucht einen Status der Klasse „ohne Kundennummer“."


def one_row_errors(heading: str, value: str, *extra: str) -> list[tuple[int, str, str]]:
    headings = ";".join(["Firma", heading, *[e.split("=")[0] for e in extra]])
    values = ";".join(["Neue Firma GmbH", value, *[e.split("=")[1] for e in extra]])
    return errors(preview(csv_bytes(headings, values)))


@pytest.mark.parametrize(
    ("heading", "value", "message"),
    [
        ("E-Mail", "keine-mail", "Bitte gültige E-Mail-Adresse eingeben."),
        ("USt-IdNr.", "DE123456789", "Das ist keine gültige USt-IdNr."),
        ("PLZ", "1234", "Eine deutsche Postleitzahl hat genau fünf Ziffern."),
        ("Status", "Goldkunde", "Unbekannter Status „Goldkunde“"),
        ("Kundennummer", "K-17", "Eine Kundennummer besteht nur aus Ziffern"),
        ("Kundennummer", "99999999", "liegt außerhalb dieses Bereichs"),
        ("Telefon", "ruf an!", "Telefonnummer"),
        ("Website", "kein url", "gültige Adresse"),
        ("Land", "Atlantis", "Unbekanntes Land „Atlantis“"),
        ("Zahlungsziel", "bald", "Zahlungsziel als Anzahl Tage"),
        ("Anrede", "Exzellenz", "Unbekannte Anrede"),
        ("Steuernummer", "12", "keine gültige deutsche Steuernummer"),
        ("Kurzname", "x" * 61, "höchstens 60 Zeichen"),
        ("Ort", "Ber\x0blin", "unsichtbare Steuerzeichen"),
    ],
)
def test_every_faulty_cell_is_named_with_its_row_column_and_a_german_message(
    heading, value, message
):
    (line, column, text), *_rest = one_row_errors(heading, value)
    assert (line, column) == (2, heading)
    assert message in text


def test_a_status_of_the_wrong_class_is_refused():
    assert one_row_errors("Status", "Kunde") == [(2, "Status", WRONG_CLASS)]


def test_a_row_lists_all_its_faults_at_once():
    run = preview(csv_bytes("Firma;E-Mail;PLZ", "A GmbH;x;1"))
    assert [column for _line, column, _text in errors(run)] == ["E-Mail", "PLZ"]


def test_a_number_given_twice_in_the_file_to_different_firms_is_an_error():
    run = preview(csv_bytes("Kundennummer;Firma", "10500;A GmbH", "10500;B GmbH"))
    assert errors(run) == [
        (
            3,
            "Kundennummer",
            "Die Kundennummer 10500 ist schon in Zeile 2 einem anderen Kunden gegeben.",
        )
    ]


def test_a_former_number_of_another_customer_is_taken():
    make_customer(short_name="Alt", legacy_number="10777")
    run = preview(csv_bytes("Kundennummer;Firma", "10777;Neu GmbH"))
    assert errors(run) == [(2, "Kundennummer", "Die Nummer 10777 ist die frühere Nummer von Alt.")]


def test_a_customer_found_by_vat_id_with_another_number_is_an_error():
    make_customer(short_name="Vorhanden", vat_id="DE136695976", number=True)
    run = preview(csv_bytes("Kundennummer;Firma;USt-IdNr.", "10900;Vorhanden GmbH;DE136695976"))
    assert "hat schon die Nummer 10000" in errors(run)[0][2]


def test_the_preview_writes_no_customer():
    run = preview(csv_bytes("Firma;Vorname;Nachname", "A GmbH;Kim;Weber", "B GmbH;;"))
    assert counts(run) == (2, 0, 0, 0, 0)
    assert not Customer.objects.exists() and not Person.objects.exists()


def test_rows_match_by_number_then_vat_id_or_email_then_name_and_postal_code():
    by_number = make_customer(short_name="Nummer", number=True)
    by_vat = make_customer(short_name="Vat", vat_id="DE136695976")
    by_email = make_customer(short_name="Mail", email="info@mail.example")
    by_name = make_customer(company_name="Müller Haustechnik GmbH", postal_code="50667")
    run = preview(
        csv_bytes(
            "Kundennummer;Firma;USt-IdNr.;E-Mail;PLZ;Ort",
            f"{by_number.number};;;;;Neustadt",
            ";;DE 136 695 976;;;Neustadt",
            ";;;INFO@mail.example;;Neustadt",
            ";Mueller Haustechnik GmbH & Co. KG;;;50667;Neustadt",
            ";Ganz Neu GmbH;;;50667;Neustadt",
        )
    )
    assert counts(run) == (1, 3, 0, 1, 0)
    updates = run.lines.filter(outcome=ImportLine.Outcome.UPDATE).order_by("line")
    assert [line.customer for line in updates] == [by_number, by_vat, by_email]
    assert updates[0].changes == [["Ort", "Berlin", "Neustadt"]]
    duplicate = run.lines.get(outcome=ImportLine.Outcome.DUPLICATE)
    assert (duplicate.line, duplicate.customer) == (5, by_name)


def test_an_empty_cell_leaves_the_value_unless_the_column_clears():
    customer = make_customer(short_name="Firma", email="a@b.example", number=True, city="Berlin")
    content = csv_bytes("Kundennummer;E-Mail;Ort", f"{customer.number};;")
    assert counts(preview(content)) == (0, 0, 1, 0, 0)
    mapping = [
        {"field": "number", "clear": False},
        {"field": "email", "clear": True},
        {"field": "city", "clear": False},
    ]
    run = preview(content, mapping=mapping)
    assert counts(run) == (0, 1, 0, 0, 0)
    assert run.lines.get().changes == [["E-Mail", "a@b.example", ""]]


def test_several_rows_of_one_customer_are_one_customer_with_several_persons():
    existing = make_customer(short_name="Bekannt", number=True)
    make_person(existing, first_name="Eva", last_name="Alt")
    run = preview(
        csv_bytes(
            "Kundennummer;Firma;PLZ;Vorname;Nachname",
            ";Neu GmbH;10115;Kim;Weber",
            ";Neu GmbH;10115;Tom;Schulz",
            f"{existing.number};;;Eva;Alt",
            f"{existing.number};;;Ole;Neu",
        )
    )
    assert counts(run) == (1, 1, 0, 0, 0)
    line = run.lines.get(outcome=ImportLine.Outcome.UPDATE)
    assert (line.line, line.changes) == (5, [["Person", "", "Ole Neu"]])
