"""The money arithmetic of documents: pure functions on Decimals, no database.

Amounts are rounded half-up to cents (kaufmännische Rundung). VAT is computed once per rate on
the sum of the net amounts of that rate, not per line, so the VAT shown per rate is exactly the
rate applied to the net shown per rate (§ 14 Abs. 4 Nr. 7 and 8 UStG list both per rate).
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
ZERO = Decimal("0.00")


class PricedLine(Protocol):
    """Anything with these attributes: a LineItem, a `Line`, a form's cleaned data wrapper."""

    quantity: Decimal
    unit_price: Decimal | None
    vat_rate: Decimal | None
    discount_percent: Decimal


@dataclass(frozen=True)
class Line:
    """A line for totals that are not (yet) saved, e.g. while the editor's form is typed in."""

    quantity: Decimal
    unit_price: Decimal | None
    vat_rate: Decimal | None
    discount_percent: Decimal = ZERO


@dataclass(frozen=True)
class VatLine:
    rate: Decimal
    net: Decimal
    vat: Decimal

    def as_json(self) -> dict[str, str]:
        return {"rate": str(self.rate), "net": str(self.net), "vat": str(self.vat)}


@dataclass(frozen=True)
class Totals:
    net: Decimal
    vat: Decimal
    gross: Decimal
    breakdown: tuple[VatLine, ...] = ()

    def breakdown_json(self) -> list[dict[str, str]]:
        return [line.as_json() for line in self.breakdown]


def round_cents(value: Decimal) -> Decimal:
    # Adding zero turns a negative zero (0 % VAT on a cancellation) into "0.00", not "-0.00".
    return value.quantize(CENT, rounding=ROUND_HALF_UP) + ZERO


def line_net(
    *, quantity: Decimal, unit_price: Decimal | None, discount_percent: Decimal = ZERO
) -> Decimal:
    """Quantity × unit price less the discount, in cents; a line without price counts 0."""
    if unit_price is None:
        return ZERO
    return round_cents(quantity * unit_price * (HUNDRED - discount_percent) / HUNDRED)


def vat_amount(*, net: Decimal, rate: Decimal) -> Decimal:
    return round_cents(net * rate / HUNDRED)


def _net_per_rate(lines: Iterable[PricedLine]) -> dict[Decimal, Decimal]:
    per_rate: dict[Decimal, Decimal] = defaultdict(lambda: ZERO)
    for line in lines:
        if line.unit_price is None or line.vat_rate is None:
            continue  # delivery-note lines carry no price
        net = line_net(
            quantity=line.quantity,
            unit_price=line.unit_price,
            discount_percent=line.discount_percent or ZERO,
        )
        per_rate[round_cents(line.vat_rate)] += net
    return per_rate


def compute_totals(lines: Iterable[PricedLine], *, small_business: bool = False) -> Totals:
    """Net, VAT per rate and gross of the lines.

    A small business (Kleinunternehmer, § 19 UStG) charges no VAT at all, so its totals have
    no VAT lines and the gross equals the net.
    """
    per_rate = _net_per_rate(lines)
    net = sum(per_rate.values(), ZERO)
    if small_business:
        return Totals(net=net, vat=ZERO, gross=net)
    breakdown = tuple(
        VatLine(rate=rate, net=amount, vat=vat_amount(net=amount, rate=rate))
        for rate, amount in sorted(per_rate.items(), reverse=True)
    )
    vat = sum((line.vat for line in breakdown), ZERO)
    return Totals(net=net, vat=vat, gross=net + vat, breakdown=breakdown)


def totals_from_stored(
    *, net: Decimal, vat: Decimal, gross: Decimal, breakdown: list[dict[str, str]]
) -> Totals:
    """The Totals of an issued document, rebuilt from its stored columns."""
    lines = tuple(
        VatLine(rate=Decimal(b["rate"]), net=Decimal(b["net"]), vat=Decimal(b["vat"]))
        for b in breakdown
    )
    return Totals(net=net, vat=vat, gross=gross, breakdown=lines)
