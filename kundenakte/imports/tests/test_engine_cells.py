"""The preview's shortcuts through a cell's checks give what the checks themselves give: the
quick e-mail and phone tests accept only what Django's validators accept, and a remembered cell
(same value again, further down the file) has the outcome it had the first time."""

import pytest
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from hypothesis import given
from hypothesis import strategies as st

from kundenakte.customers.models import Customer, phone_validator
from kundenakte.imports.analysis import cells
from kundenakte.imports.analysis.cells import CellParser
from kundenakte.imports.models import ImportLine
from kundenakte.imports.tests.engine_helpers import counts, csv_bytes, preview

pytestmark = pytest.mark.django_db

_email = EmailValidator()
_quick_email = cells._fast(_email)
_quick_phone = cells._fast(phone_validator)


def _accepted(validator, value: str) -> bool:
    try:
        validator(value)
    except ValidationError:
        return False
    return True


@given(st.from_regex(cells._PLAIN_EMAIL, fullmatch=True))
def test_every_address_the_quick_email_test_passes_the_validator_passes_too(address):
    if _quick_email(address):
        assert _accepted(_email, address)


@pytest.mark.parametrize(
    "address",
    [
        "info@mueller.de",
        "a.b-c+d@sub.example.co.uk",
        "max..muster@example.de",
        ".max@example.de",
        "max@-example.de",
        "max@example.d3",
        "max@example",
        "müller@example.de",
        "max@exämple.de",
        '"max muster"@example.de',
        "max@[127.0.0.1]",
        "x" * 300 + "@example.de",
    ],
)
def test_the_quick_email_test_agrees_with_the_validator_or_leaves_it_to_it(address):
    if _quick_email(address):
        assert _accepted(_email, address)
    else:  # the validator decides: the parser's answer is the validator's
        parser = CellParser()
        value, message = parser.error("email", address)
        assert (message == "") is _accepted(_email, address)


@given(st.text(alphabet="+0123456789 ()/.-x\n", max_size=45))
def test_the_quick_phone_test_is_the_phone_validator(value):
    assert _quick_phone(value) is _accepted(phone_validator, value)


def test_a_remembered_cell_gives_the_same_value_or_the_same_message():
    parser = CellParser()
    for key, raw in [
        ("country", "Österreich"),
        ("country", "Atlantis"),
        ("email", "kein-at-zeichen"),
        ("tags", "Gold, Silber"),
        ("person_salutation", "Frau"),
    ]:
        first = parser.error(key, raw)
        assert parser.error(key, raw) == first
        assert parser.memo[key][raw] == first
    assert parser.error("tags", "Gold, Silber") == (("Gold", "Silber"), "")


def test_every_row_with_the_same_faulty_cell_is_faulty_and_the_valid_ones_import():
    lines = ["Firma;PLZ;Land;E-Mail"]
    for i in range(6):
        country = "Atlantis" if i % 2 else "Deutschland"
        lines.append(f"Firma {i};1011{i};{country};info{i}@firma.de")
    run = preview(csv_bytes(*lines))
    assert counts(run) == (3, 0, 0, 0, 3)
    errors = run.lines.filter(outcome=ImportLine.Outcome.ERROR).order_by("line")
    assert [line.line for line in errors] == [3, 5, 7]
    assert all("Atlantis" in line.errors[0][1] for line in errors)
    assert not Customer.objects.exists()
