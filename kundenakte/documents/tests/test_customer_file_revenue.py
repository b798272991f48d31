"""The customer file's "Umsatz": net revenue per month and year, and its bar charts."""

import datetime
import re
from decimal import Decimal as D

import pytest
from django.utils import translation

from kundenakte.customers.tests.factories import make_customer
from kundenakte.documents import services
from kundenakte.documents.customer_file import Chart, _month_start, bar_chart
from kundenakte.documents.tests.factories import make_draft, make_invoice, make_quote
from kundenakte.documents.tests.test_customer_file import english_pages, section, today

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures(english_pages.__name__)]


def bar_values(chart: Chart) -> dict:
    return {bar.key: bar.value for bar in chart.bars}


def test_revenue_sums_net_per_month_and_year_and_cancellations_net_out(staff_client):
    customer = make_customer()
    this_year = today().year
    two_months_ago = _month_start(today(), 2) + datetime.timedelta(days=4)
    make_invoice(customer=customer, today=datetime.date(this_year - 6, 3, 1))  # too old
    make_invoice(customer=customer, today=datetime.date(this_year - 4, 2, 10))
    make_invoice(customer=customer, today=datetime.date(this_year - 2, 5, 10))
    make_invoice(customer=customer, today=datetime.date(this_year - 2, 11, 10))
    make_invoice(customer=customer, today=two_months_ago)
    cancelled = make_invoice(customer=customer, today=two_months_ago)
    services.invoice_cancel(invoice=cancelled, user=None, today=two_months_ago)
    paid = make_invoice(customer=customer, today=today())
    services.payment_record(invoice=paid, amount=D("119.00"), date=today(), user=None)
    make_draft(customer=customer)
    make_quote(customer=customer, today=today())

    revenue = section(staff_client.get(customer.get_absolute_url()), "revenue")

    months = bar_values(revenue["months"])
    assert len(months) == 12 and max(months) == _month_start(today(), 0)
    assert months[_month_start(today(), 2)] == D("100.00")  # 200 issued, 100 cancelled
    assert months[_month_start(today(), 0)] == D("100.00")
    assert sum(months.values()) == revenue["month_total"] == D("200.00")
    years = bar_values(revenue["years"])
    assert list(years) == list(range(this_year - 4, this_year + 1))
    assert years[this_year - 4] == D("100.00")
    assert years[this_year - 2] == D("200.00")
    assert years[this_year - 3] == D("0.00")


def test_a_cancellation_in_a_later_month_makes_that_month_negative(staff_client):
    customer = make_customer()
    invoice = make_invoice(customer=customer, today=_month_start(today(), 1))
    services.invoice_cancel(invoice=invoice, user=None, today=today())

    response = staff_client.get(customer.get_absolute_url())

    months = bar_values(section(response, "revenue")["months"])
    assert months[_month_start(today(), 1)] == D("100.00")
    assert months[_month_start(today(), 0)] == D("-100.00")
    page = response.content.decode()
    assert 'class="bar is-negative"' in page
    assert "-100.00 €</title>" in page  # the tooltip
    assert '<table class="visually-hidden">' in page  # the figures for screen readers


def test_the_chart_names_the_months_in_the_language_of_the_page(staff_client, settings):
    customer = make_customer()
    make_invoice(customer=customer, today=today())
    settings.LANGUAGE_CODE = "de"
    german = staff_client.get(customer.get_absolute_url()).content.decode()
    settings.LANGUAGE_CODE = "en"
    english = staff_client.get(customer.get_absolute_url()).content.decode()
    # Twelve months always include a March.
    assert ">Mär</text>" in german and '<th scope="row">März ' in german
    assert ">Mar</text>" in english and '<th scope="row">March ' in english


def test_the_bar_chart_scales_to_the_largest_value_around_the_zero_line():
    chart = bar_chart([(1, D("300")), (2, D("-100")), (3, D("0"))], width=300)
    high, low, zero = chart.bars
    assert high.y + high.height == pytest.approx(chart.zero_y)
    assert low.y == chart.zero_y and low.height == pytest.approx(high.height / 3)
    assert zero.height == 0
    assert high.x < low.x < zero.x


def test_the_bar_chart_of_nothing_has_no_bars_and_no_division_by_zero():
    chart = bar_chart([(year, D("0")) for year in range(2022, 2027)], width=300)
    assert [bar.height for bar in chart.bars] == [0] * 5


def test_a_year_without_revenue_draws_its_zero_line_at_the_bottom_not_the_top():
    chart = bar_chart([(month, D("0")) for month in range(12)])
    assert [tick.y for tick in chart.ticks] == [chart.zero_y]
    assert chart.zero_y == max(bar.y + bar.height for bar in chart.bars) > 100


def test_a_customer_without_revenue_sees_a_note_instead_of_an_empty_chart(staff_client):
    page = staff_client.get(make_customer().get_absolute_url()).content.decode()
    assert "No revenue in the last five years." in page
    assert "<svg" not in page.split('id="section-revenue"')[1]


def chart_of(page: str) -> str:
    return page.split('id="section-revenue"')[1].split("</svg>")[0]


def test_the_chart_has_gridlines_labelled_in_german_and_values_on_its_bars(staff_client, settings):
    settings.LANGUAGE_CODE = "de"
    customer = make_customer()
    make_invoice(customer=customer, today=today(), items=[("1", "12345.00", "19.00")])
    chart = chart_of(staff_client.get(customer.get_absolute_url()).content.decode())
    axis = re.findall(r'<text class="bar-axis-label"[^>]*>([^<]*)</text>', chart)
    assert axis == ["0 €", "5.000 €", "10.000 €", "15.000 €"]
    assert chart.count('<line class="bar-grid"') == 4
    amounts = re.findall(r'<text class="bar-amount"[^>]*>([^<]*)</text>', chart)
    assert amounts == ["12.345"]  # the only month with revenue; empty months stay unlabelled


def test_a_value_too_wide_for_its_bar_is_shortened_or_left_to_the_tooltip():
    with translation.override("de"):
        chart = bar_chart([(month, D("1234567.89")) for month in range(12)])
        assert {bar.amount for bar in chart.bars} == {"1,2 Mio."}
        assert [tick.label for tick in chart.ticks] == [
            "0 €",
            "500.000 €",
            "1 Mio. €",
            "1,5 Mio. €",
        ]
        crowded = bar_chart([(day, D("1234567.89")) for day in range(31)])
        assert {bar.amount for bar in crowded.bars} == {""}


def test_negative_values_get_gridlines_below_the_zero_line():
    with translation.override("en"):
        chart = bar_chart([(1, D("300")), (2, D("-100"))], width=300)
    assert [tick.label for tick in chart.ticks] == ["-100 €", "0 €", "100 €", "200 €", "300 €"]
    zero = next(tick for tick in chart.ticks if tick.label == "0 €")
    assert zero.y == chart.zero_y
    assert [bar.amount for bar in chart.bars] == ["300", "-100"]
