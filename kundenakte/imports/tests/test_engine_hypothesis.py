"""Whatever a file's cells hold, the import neither fails with an exception nor writes part of
a customer: each row is either imported whole, with valid data, or listed as faulty."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kundenakte.customers.models import Customer, Person
from kundenakte.customers.tests.factories import make_customer
from kundenakte.imports.models import ImportRun
from kundenakte.imports.tests.engine_helpers import applied, preview

pytestmark = pytest.mark.django_db

HEADINGS = [
    "Kundennummer",
    "Firma",
    "Kurzname",
    "Anrede",
    "Vorname",
    "Nachname",
    "E-Mail",
    "PLZ",
    "Land",
    "USt-IdNr.",
    "Status",
    "Tags",
    "Zahlungsziel",
    "Website",
    "Notiz",
]
_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=30)
_CELLS = st.one_of(
    _TEXT,
    st.text(st.characters(exclude_categories=["Cs"]), min_size=100, max_size=6000),
    st.sampled_from(["=1+1", "+49 30 1", "-5", "@SUM(A1)", "'=x", "10000", "010001", "Kunde"]),
    st.sampled_from(["Interessent", "Herr", "DE", "Österreich", "DE136695976", "10115", ""]),
)
_ROWS = st.lists(st.lists(_CELLS, min_size=len(HEADINGS), max_size=len(HEADINGS)), max_size=6)


def _csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADINGS)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8", errors="surrogatepass")


@settings(
    max_examples=60,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rows=_ROWS)
def test_arbitrary_cells_never_raise_and_never_write_a_partial_import(rows):
    with transaction.atomic():
        make_customer(short_name="Vorhanden", number=True)
        before = Customer.objects.count()
        try:
            run = preview(_csv(rows))
        except ValidationError:
            transaction.set_rollback(True)
            return  # refused as a whole, with a message
        assert run.state == ImportRun.State.READY, run.message
        run = applied(run)
        assert run.state == ImportRun.State.APPLIED, run.message
        assert Customer.objects.count() == before + run.new_count
        for customer in Customer.objects.all():
            customer.full_clean()
        for person in Person.objects.all():
            person.full_clean()
        transaction.set_rollback(True)
