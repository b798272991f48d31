"""Applying and undoing imports: what is written, its history, the number range, and that our
own exports come back unchanged."""

import pytest
from django.core.exceptions import ValidationError

from kundenakte.core.models import NumberRange
from kundenakte.customers.history import customer_history
from kundenakte.customers.models import Customer, Person, Salutation, Tag
from kundenakte.customers.tests.factories import make_customer, make_person, status
from kundenakte.imports import services
from kundenakte.imports.analysis import recount
from kundenakte.imports.models import ImportLine, ImportRun
from kundenakte.imports.tests.engine_helpers import (
    applied,
    counts,
    csv_bytes,
    imported,
    preview,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def customers(db):
    firm = make_customer(
        company_name="Müller Haustechnik GmbH & Co. KG",
        short_name="Müller Haustechnik",
        number=True,
        tags=["Stammkunde", "Newsletter"],
        email="info@mueller.example",
        phone="+49 221 123456",
        vat_id="DE136695976",
        website="https://mueller.example",
    )
    make_person(firm, salutation=Salutation.MS, title="Dr.", first_name="Eva", last_name="Kurz")
    make_customer(
        kind=Customer.Kind.PERSON,
        salutation=Salutation.MR,
        first_name="Jörg",
        last_name="Öztürk",
        short_name="Öztürk, Jörg",
        postal_code="04109",
        country="DE",
        mobile="0170 1234567",
        tags=["Privat"],
    )
    make_customer(
        company_name="=Formel AG",
        short_name="-Minus",
        city="Köln",
        country="AT",
        postal_code="1010",
    )
    return firm


def _snapshot():
    rows = Customer.objects.order_by("pk").values()
    persons = Person.objects.order_by("pk").values()
    tags = sorted(Customer.tags.through.objects.values_list("customer_id", "tag_id"))
    return list(rows), list(persons), tags


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_our_own_export_imports_back_unchanged(staff_client, customers, kind):
    response = staff_client.get(f"/customers/export.{kind}")
    content = b"".join(response.streaming_content)
    before = _snapshot()
    run = imported(content, file_name=f"export.{kind}")
    assert counts(run) == (0, 0, 3, 0, 0)
    assert _snapshot() == before


def test_new_customers_are_written_with_persons_tags_status_and_history(staff_user):
    run = imported(
        csv_bytes(
            "Kundennummer;Firma;PLZ;Ort;Anrede;Vorname;Nachname;Tags;Status",
            "10500;Neu GmbH;10115;Berlin;Frau;Kim;Weber;Messe 2026, Newsletter;",
            "10500;;;;Herr;Tom;Schulz;;",
            ";;80331;München;Herr;Jörg;Öztürk;;",
        ),
        user=staff_user,
    )
    assert counts(run) == (2, 0, 0, 0, 0)
    firm = Customer.objects.get(number="10500")
    assert firm.status == status("Kunde")
    assert [(p.first_name, p.is_primary) for p in firm.persons.all()] == [
        ("Kim", True),
        ("Tom", False),
    ]
    assert sorted(firm.tags.values_list("name", flat=True)) == ["Messe 2026", "Newsletter"]
    assert "schulz" in firm.search_text and firm.name_key == "neu"
    private = Customer.objects.get(last_name="Öztürk")
    assert (private.kind, private.short_name, private.number) == ("person", "Öztürk, Jörg", None)
    assert private.status == status("Interessent")
    entries = customer_history(customer=firm)
    assert {entry.reason for entry in entries} == {str(run)}
    assert {entry.who for entry in entries} == {staff_user.first_name}
    assert Customer.objects.filter(tags__name="Messe 2026").count() == 1


def test_updates_change_only_what_the_file_says_and_appear_in_the_history(customers, staff_user):
    run = imported(
        csv_bytes(
            "Kundennummer;Ort;Tags;Vorname;Nachname;Position",
            f"{customers.number};Bonn;Neu;Eva;Kurz;Chefin",
        ),
        user=staff_user,
    )
    assert counts(run) == (0, 1, 0, 0, 0)
    customers.refresh_from_db()
    assert (customers.city, customers.street, customers.email) == (
        "Bonn",
        "Hauptstraße 1",
        "info@mueller.example",
    )
    assert sorted(customers.tags.values_list("name", flat=True)) == [
        "Neu",
        "Newsletter",
        "Stammkunde",
    ]
    assert customers.persons.get().position == "Chefin"
    entries = [e for e in customer_history(customer=customers) if e.reason == str(run)]
    fields = {change.field for entry in entries for change in entry.changes}
    assert {"Ort", "Schlagworte", "Position"} <= fields


def test_the_number_range_moves_past_the_highest_imported_number():
    imported(csv_bytes("Kundennummer;Firma", "10400;A GmbH", "12345;B GmbH", ";C GmbH"))
    number_range = NumberRange.objects.get(key="customer")
    assert number_range.next_value == 12346
    assert Customer.objects.get(short_name="C").number is None


def test_possible_duplicates_follow_the_decision_per_row_or_for_all(customers):
    other = make_customer(company_name="Schulz Bau GmbH", postal_code="10115")
    content = csv_bytes(
        "Firma;PLZ;Ort",
        "Müller Haustechnik GmbH;10115;Bonn",
        "Schulz Bau;10115;Potsdam",
    )
    run = preview(content)
    assert counts(run) == (0, 0, 0, 2, 0)
    services.import_decide(run=run, user=None, decisions={2: "update", 3: "create"})
    run.refresh_from_db()
    assert counts(run) == (1, 1, 0, 0, 0)
    run = applied(run)
    customers.refresh_from_db()
    other.refresh_from_db()
    assert (customers.city, other.city) == ("Bonn", "Berlin")
    assert Customer.objects.filter(city="Potsdam").count() == 1


def test_skipped_duplicates_write_nothing(customers):
    run = imported(csv_bytes("Firma;PLZ;Ort", "Mueller Haustechnik;10115;Bonn"))
    assert counts(run) == (0, 0, 0, 1, 0)
    customers.refresh_from_db()
    assert customers.city == "Berlin"


def test_undo_removes_created_customers_and_restores_updated_ones(customers, staff_user):
    before = _snapshot()
    run = imported(
        csv_bytes(
            "Kundennummer;Firma;Ort;Tags;Vorname;Nachname;Position",
            f"{customers.number};;Bonn;Neu;Eva;Kurz;Chefin",
            f"{customers.number};;;;Ole;Neu;",
            "10900;Neu GmbH;Berlin;Neu;Kim;Weber;",
        ),
        user=staff_user,
    )
    assert counts(run) == (1, 1, 0, 0, 0)
    services.import_undo(run=run, user=staff_user)
    run.refresh_from_db()
    assert run.state == ImportRun.State.UNDONE
    after = _snapshot()
    strip = [
        {k: v for k, v in row.items() if k not in ("updated_at", "updated_by_id")}
        for row in after[0]
    ]
    assert strip == [
        {k: v for k, v in row.items() if k not in ("updated_at", "updated_by_id")}
        for row in before[0]
    ]
    assert after[1:] == before[1:]
    reasons = {entry.reason for entry in customer_history(customer=customers)}
    assert f"Rückgängig: Import {run.pk}" in reasons
    with pytest.raises(ValidationError):
        services.import_undo(run=run, user=staff_user)


def test_undo_is_refused_once_a_document_was_issued_for_a_created_customer(staff_user):
    from kundenakte.accounts.models import CompanySettings
    from kundenakte.documents.tests.conftest import SELLER
    from kundenakte.documents.tests.factories import make_invoice

    settings = CompanySettings.load()
    for name, value in SELLER.items():
        setattr(settings, name, value)
    settings.save()
    run = imported(
        csv_bytes("Firma;Straße;PLZ;Ort", "Rechnung GmbH;Weg 1;10115;Berlin", "Ohne GmbH;;;")
    )
    invoiced = Customer.objects.get(short_name="Rechnung")
    make_invoice(customer=invoiced)
    with pytest.raises(ValidationError) as refused:
        services.import_undo(run=run, user=staff_user)
    assert "Rechnung" in refused.value.messages[0]
    assert Customer.objects.count() == 2
    assert ImportRun.objects.get(pk=run.pk).state == ImportRun.State.APPLIED


def test_faulty_rows_are_skipped_and_stay_listed_after_the_import():
    run = imported(csv_bytes("Firma;E-Mail", "Gut GmbH;a@b.example", "Schlecht GmbH;nein"))
    assert counts(run) == (1, 0, 0, 0, 1)
    assert run.lines.get(outcome=ImportLine.Outcome.ERROR).line == 3
    assert list(Customer.objects.values_list("short_name", flat=True)) == ["Gut"]


def test_a_failing_import_writes_nothing_and_says_so(monkeypatch):
    from kundenakte.imports import applying
    from kundenakte.imports.tasks import run_phase

    run = preview(csv_bytes("Firma", *[f"Firma {n} GmbH" for n in range(2500)]))

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(applying, "refresh_search_texts", broken)
    monkeypatch.setattr(applying.Writer, "finish", broken)
    run.state = ImportRun.State.APPLYING
    run.save()
    assert run_phase(run, applying.apply, user=None) is False
    run.refresh_from_db()
    assert run.state == ImportRun.State.FAILED and run.message
    assert not Customer.objects.exists() and not Tag.objects.exists()


def test_recount_without_a_preview_changes_nothing():
    run = ImportRun(file_name="x.csv")
    recount(run)
    assert counts(run) == (0, 0, 0, 0, 0)


def test_a_prospect_found_by_email_gets_the_files_number_and_undo_takes_it_back(staff_user):
    prospect = make_customer(short_name="Interessent", email="neu@kunde.example")
    run = imported(csv_bytes("Kundennummer;E-Mail", "10777;neu@kunde.example"), user=staff_user)
    assert counts(run) == (0, 1, 0, 0, 0)
    prospect.refresh_from_db()
    assert (prospect.number, prospect.status) == ("10777", status("Kunde"))
    services.import_undo(run=run, user=staff_user)
    prospect.refresh_from_db()
    assert (prospect.number, prospect.status) == (None, status("Interessent"))
