"""The money arithmetic, without a database."""

from decimal import Decimal as D

from kundenakte.documents.totals import (
    Line,
    VatLine,
    compute_totals,
    line_net,
    round_cents,
    totals_from_stored,
)


def test_a_line_is_quantity_times_price_less_discount_in_cents():
    assert line_net(quantity=D("3"), unit_price=D("19.99"), discount_percent=D("10")) == D("53.97")


def test_half_a_cent_rounds_up_and_away_from_zero():
    assert line_net(quantity=D("0.5"), unit_price=D("0.01")) == D("0.01")
    assert line_net(quantity=D("-0.5"), unit_price=D("0.01")) == D("-0.01")
    # Banker's rounding would give 0.02 here; commercial rounding gives 0.03.
    assert line_net(quantity=D("1"), unit_price=D("0.05"), discount_percent=D("50")) == D("0.03")
    assert round_cents(D("2.345")) == D("2.35")


def test_a_line_without_price_counts_nothing():
    assert line_net(quantity=D("5"), unit_price=None) == D("0.00")
    assert compute_totals([Line(quantity=D("5"), unit_price=None, vat_rate=None)]).gross == 0


def test_mixed_rates_give_one_vat_line_per_rate_highest_first():
    totals = compute_totals(
        [
            Line(quantity=D("1"), unit_price=D("50.00"), vat_rate=D("7")),
            Line(quantity=D("2"), unit_price=D("50.00"), vat_rate=D("19")),
            Line(quantity=D("1"), unit_price=D("10.00"), vat_rate=D("0")),
        ]
    )
    assert totals.breakdown == (
        VatLine(rate=D("19.00"), net=D("100.00"), vat=D("19.00")),
        VatLine(rate=D("7.00"), net=D("50.00"), vat=D("3.50")),
        VatLine(rate=D("0.00"), net=D("10.00"), vat=D("0.00")),
    )
    assert (totals.net, totals.vat, totals.gross) == (D("160.00"), D("22.50"), D("182.50"))


def test_vat_is_computed_on_the_net_sum_of_a_rate_not_per_line():
    lines = [Line(quantity=D("1"), unit_price=D("0.03"), vat_rate=D("19"))] * 3
    # Per line 0.0057 would round to 0.01 each (0.03); on the sum 0.09 it is 0.0171 → 0.02.
    assert compute_totals(lines).vat == D("0.02")


def test_vat_rounds_half_up():
    line = Line(quantity=D("1"), unit_price=D("0.50"), vat_rate=D("5"))
    assert compute_totals([line]).vat == D("0.03")  # 0.025


def test_discounts_apply_before_vat():
    line = Line(quantity=D("4"), unit_price=D("25.00"), vat_rate=D("19"), discount_percent=D("15"))
    totals = compute_totals([line])
    assert (totals.net, totals.vat, totals.gross) == (D("85.00"), D("16.15"), D("101.15"))


def test_a_small_business_charges_no_vat_at_all():
    lines = [
        Line(quantity=D("1"), unit_price=D("100.00"), vat_rate=D("19")),
        Line(quantity=D("1"), unit_price=D("50.00"), vat_rate=D("7")),
    ]
    totals = compute_totals(lines, small_business=True)
    assert (totals.net, totals.vat, totals.gross) == (D("150.00"), D("0.00"), D("150.00"))
    assert totals.breakdown == ()


def test_negated_lines_give_exactly_negated_totals():
    lines = [
        Line(quantity=D("3"), unit_price=D("0.35"), vat_rate=D("19"), discount_percent=D("5")),
        Line(quantity=D("1.5"), unit_price=D("9.99"), vat_rate=D("7")),
    ]
    mirrored = [
        Line(-line.quantity, line.unit_price, line.vat_rate, line.discount_percent)
        for line in lines
    ]
    totals, negated = compute_totals(lines), compute_totals(mirrored)
    assert (negated.net, negated.vat, negated.gross) == (-totals.net, -totals.vat, -totals.gross)


def test_no_amount_is_a_negative_zero():
    totals = compute_totals([Line(quantity=D("-1"), unit_price=D("12.00"), vat_rate=D("0"))])
    assert str(totals.breakdown[0].vat) == "0.00"
    assert str(line_net(quantity=D("-0.001"), unit_price=D("1.00"))) == "0.00"


def test_stored_totals_read_back_as_they_were():
    totals = compute_totals([Line(quantity=D("1"), unit_price=D("10.00"), vat_rate=D("7"))])
    stored = totals_from_stored(
        net=totals.net, vat=totals.vat, gross=totals.gross, breakdown=totals.breakdown_json()
    )
    assert stored == totals
    assert totals.breakdown_json() == [{"rate": "7.00", "net": "10.00", "vat": "0.70"}]
