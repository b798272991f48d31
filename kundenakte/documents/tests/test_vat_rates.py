from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from kundenakte.core.models import NumberRange
from kundenakte.documents import services
from kundenakte.documents.models import Document
from kundenakte.documents.tests.factories import make_draft

pytestmark = pytest.mark.django_db


def rates(day: date) -> list[D]:
    return services.vat_rates_on(day=day)


def test_19_7_and_since_2023_0_percent_apply_today():
    assert rates(date(2026, 3, 2)) == [D("19"), D("7"), D("0")]
    assert rates(date(2022, 12, 31)) == [D("19"), D("7")]


def test_the_second_half_of_2020_has_16_and_5_percent():
    assert rates(date(2020, 6, 30)) == [D("19"), D("7")]
    assert rates(date(2020, 7, 1)) == [D("16"), D("5")]
    assert rates(date(2020, 12, 31)) == [D("16"), D("5")]
    assert rates(date(2021, 1, 1)) == [D("19"), D("7")]


def test_a_new_item_gets_the_standard_rate_of_the_service_date():
    draft = make_draft(items=[], service_date=date(2020, 8, 1))
    item = services.item_add(document=draft, description="Regal", unit_price=D("10.00"))
    assert item.vat_rate == D("16")


def test_an_invoice_at_a_rate_not_in_force_on_its_service_date_is_refused():
    draft = make_draft(items=[("1", "100.00", "19")], service_date=date(2020, 8, 1))
    with pytest.raises(ValidationError, match="19"):
        services.invoice_issue(invoice=draft, user=None, today=date(2020, 8, 3))
    assert Document.objects.get(pk=draft.pk).status == Document.Status.DRAFT
    assert NumberRange.objects.get(key="invoice").next_value == 1


def test_the_end_of_a_service_period_decides_the_rate():
    period = {"service_date": date(2020, 6, 1), "service_period_end": date(2020, 7, 15)}
    refused = make_draft(items=[("1", "100.00", "19")], **period)
    with pytest.raises(ValidationError):
        services.invoice_issue(invoice=refused, user=None, today=date(2020, 7, 20))
    issued = services.invoice_issue(
        invoice=make_draft(items=[("1", "100.00", "16")], **period),
        user=None,
        today=date(2020, 7, 20),
    )
    assert issued.vat_total == D("16.00")
