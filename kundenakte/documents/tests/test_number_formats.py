"""Amounts, rates and limits in messages are written the way the page's language writes
numbers: "19 %", "1.189.980,00 €", "0,01" in German."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from kundenakte.core.formats import money, percent
from kundenakte.documents import services
from kundenakte.documents.tests.factories import make_draft, make_invoice

pytestmark = pytest.mark.django_db

MILLION = [("10000", "100.00", "19.00")]  # 1,000,000.00 net, 1,190,000.00 gross


def messages_of(error: ValidationError) -> list[str]:
    return [str(message) for message in error.messages]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("de", "Ein USt.-Satz von 16 % gilt am 02.03.2026 nicht."),
        ("en", "A VAT rate of 16 % does not apply on 03/02/2026."),
    ],
)
def test_a_rate_not_in_force_is_named_without_decimals(language, expected):
    draft = make_draft(items=[("1", "100.00", "16.00")])
    with translation.override(language), pytest.raises(ValidationError) as refused:
        services.invoice_issue(invoice=draft, user=None)
    assert messages_of(refused.value) == [expected]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("de", "Der Betrag übersteigt den offenen Betrag von 1.190.010,00 €."),
        ("en", "The amount exceeds the open amount of 1,190,010.00 €."),
    ],
)
def test_the_open_amount_in_a_refusal_groups_its_thousands(language, expected):
    invoice = make_invoice(items=[*MILLION, ("1", "10.00", "0.00")])
    with translation.override(language), pytest.raises(ValidationError) as refused:
        services.payment_record(invoice=invoice, amount=D("2000000"), date=invoice.date, user=None)
    assert messages_of(refused.value) == [expected]


def test_the_smallest_payment_is_named_with_a_decimal_comma(staff_client, settings):
    settings.LANGUAGE_CODE = "de"
    invoice = make_invoice()
    response = staff_client.post(
        f"/documents/{invoice.pk}/payments/", {"date": "05.03.2026", "amount": "0,001"}
    )
    errors = response.context["payment_form"].errors["amount"]
    assert any("0,01" in error for error in errors), errors
    assert not any("0.01" in error for error in errors), errors


def test_the_recorded_payment_names_the_open_amount_grouped(staff_client, settings):
    settings.LANGUAGE_CODE = "de"
    invoice = make_invoice(items=MILLION)
    response = staff_client.post(
        f"/documents/{invoice.pk}/payments/",
        {"date": "05.03.2026", "amount": "0,01"},
        follow=True,
    )
    messages = [str(m) for m in response.context["messages"]]
    assert messages == ["Zahlung erfasst. Offener Betrag: 1.189.999,99 €."]


@pytest.mark.parametrize(
    ("value", "german", "english"),
    [
        (D("19.00"), "19", "19"),
        (D("5.50"), "5,5", "5.5"),
        (D("0.00"), "0", "0"),
    ],
)
def test_percent_drops_the_zeros_after_the_comma(value, german, english):
    with translation.override("de"):
        assert percent(value) == german
    with translation.override("en"):
        assert percent(value) == english


def test_money_has_two_decimals_and_groups_thousands():
    with translation.override("de"):
        assert money(D("1189980")) == "1.189.980,00"
        assert money(D("0.01")) == "0,01"
        assert money(D("-1234.5")) == "-1.234,50"
    with translation.override("en"):
        assert money(D("1189980")) == "1,189,980.00"
