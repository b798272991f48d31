"""Dates of business must be plausible: no year before 2000, none more than ten years ahead,
no payment received tomorrow, no quote that expires before its own date."""

import datetime

import pytest
from django.utils import timezone

from kundenakte.documents.models import Payment
from kundenakte.documents.tests.factories import Kind, make_draft, make_invoice

pytestmark = pytest.mark.django_db

RANGE_MESSAGE = "Enter a date between 01/01/2000 and 12/31/{year}."


@pytest.fixture(autouse=True)
def english_pages(settings):
    settings.LANGUAGE_CODE = "en"


def latest_year() -> int:
    return timezone.localdate().year + 10


def range_message() -> str:
    return RANGE_MESSAGE.format(year=latest_year())


def pay(client, invoice, day: str):
    return client.post(f"/documents/{invoice.pk}/payments/", {"date": day, "amount": "10"})


@pytest.mark.parametrize("day", ["01.01.1900", "31.12.1999", "01.01.2099"])
def test_a_payment_dated_in_another_century_is_refused_on_its_field(staff_client, day):
    invoice = make_invoice()
    response = pay(staff_client, invoice, day)
    assert response.context["payment_form"].errors == {"date": [range_message()]}
    assert range_message() in response.content.decode()
    assert not Payment.objects.exists()


def test_a_payment_cannot_be_received_tomorrow(staff_client):
    invoice = make_invoice()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = pay(staff_client, invoice, tomorrow.isoformat())
    assert response.context["payment_form"].errors == {
        "date": ["A payment date cannot lie in the future."]
    }
    assert not Payment.objects.exists()


def test_a_payment_received_today_is_recorded(staff_client):
    invoice = make_invoice()
    pay(staff_client, invoice, timezone.localdate().isoformat())
    assert Payment.objects.get().date == timezone.localdate()


def header(client, document, **fields):
    return client.post(f"/documents/{document.pk}/edit/", {"subject": "x", **fields})


def test_a_quote_valid_until_1900_is_refused(staff_client):
    quote = make_draft(kind=Kind.QUOTE)
    response = header(staff_client, quote, valid_until="01.01.1900")
    assert response.context["header_form"].errors == {"valid_until": [range_message()]}
    quote.refresh_from_db()
    assert quote.valid_until.year > 2000


def test_a_quote_cannot_expire_before_its_own_date(staff_client):
    quote = make_draft(kind=Kind.QUOTE, today=datetime.date(2026, 3, 2))
    response = header(staff_client, quote, valid_until="01.03.2026")
    assert response.context["header_form"].errors == {
        "valid_until": ["A quote cannot expire before its date (03/02/2026)."]
    }
    quote.refresh_from_db()
    assert quote.valid_until != datetime.date(2026, 3, 1)


@pytest.mark.parametrize(
    "fields",
    [
        {"service_date": "01.01.1900"},
        {"service_date": "01.03.2026", "service_period_end": "31.12.2099"},
    ],
)
def test_a_service_date_or_period_in_another_century_is_refused(staff_client, fields):
    invoice = make_draft()
    before = (invoice.service_date, invoice.service_period_end)
    response = header(staff_client, invoice, **fields)
    errors = response.context["header_form"].errors
    assert list(errors.values()) == [[range_message()]]
    invoice.refresh_from_db()
    assert (invoice.service_date, invoice.service_period_end) == before


def test_a_delivery_date_ten_years_ahead_is_still_accepted(staff_client):
    note = make_draft(kind=Kind.DELIVERY_NOTE, items=[])
    day = datetime.date(latest_year(), 12, 31)
    response = header(staff_client, note, service_date=day.isoformat())
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.service_date == day


def test_the_message_speaks_german_with_german_dates(staff_client, settings):
    settings.LANGUAGE_CODE = "de"
    invoice = make_invoice()
    page = pay(staff_client, invoice, "01.01.1900").content.decode()
    assert f"Bitte ein Datum zwischen 01.01.2000 und 31.12.{latest_year()} eingeben." in page
