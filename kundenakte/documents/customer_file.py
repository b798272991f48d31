"""What the documents app adds to the customer file (see kundenakte.customers.file).

Every overview section reads a bounded number of rows with a fixed number of queries, so the
file of a customer with thousands of documents costs what a new customer's file costs: the
sections share two plain queries per request (customer_file_rows).
"""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from urllib.parse import urlencode

from django.utils import timezone

from kundenakte.customers import file
from kundenakte.customers.models import Customer
from kundenakte.documents import customer_file_html as html
from kundenakte.documents import kinds
from kundenakte.documents.customer_file_rows import (
    OPEN_ITEMS,
    UNANSWERED_QUOTES,
    ZERO,
    Row,
    SectionRows,
    section_rows_read,
    tallies_read,
)
from kundenakte.documents.models import Document
from kundenakte.documents.revenue import counts_read, revenue_read

Kind = Document.Kind
VIEW = "documents.view_document"
REVENUE_YEARS = 5
REVENUE_MONTHS = 12


def kind_tab(definition: kinds.DocumentKind) -> file.Tab:
    """A kind's tab: after the overview (order 10), in the kinds' order."""
    return file.Tab(
        definition.tab,
        definition.plural,
        "customer_documents:tab",
        VIEW,
        definition.module,
        definition.order + 10,
        (definition.slug,),
    )


def kind_new_entry(definition: kinds.DocumentKind) -> file.NewEntry:
    """A kind's entry of the "Neu" menu."""
    return file.NewEntry(
        definition.label,
        "documents:create",
        "documents.add_document",
        definition.module,
        definition.order,
        (definition.slug,),
    )


def status_counts(customer: Customer) -> dict[tuple[str, str], int]:
    """How many documents of each (kind, status) the customer has, read once per request from
    the tally the database keeps (documents.revenue); the tabs and sections all need them."""
    if not hasattr(customer, "_document_status_counts"):
        customer._document_status_counts = counts_read(customer.pk)
    return customer._document_status_counts


def _overview_tallies(customer: Customer) -> dict[str, Decimal]:
    """The revenue by month for the overview's chart; the counts come with it in one query."""
    if not hasattr(customer, "_document_revenue"):
        months, years = _revenue_window(timezone.localdate())
        since = min(months[0], datetime.date(years[0], 1, 1))
        if hasattr(customer, "_document_status_counts"):
            customer._document_revenue = revenue_read(customer.pk, since)
        else:
            counts, customer._document_revenue = tallies_read(customer.pk, since)
            customer._document_status_counts = counts
    return customer._document_revenue


def section_rows(customer: Customer) -> dict[str, SectionRows]:
    """The open items (Kind.INVOICE) and unanswered quotes (Kind.QUOTE), once per request."""
    if not hasattr(customer, "_document_section_rows"):
        _overview_tallies(customer)
        rows = section_rows_read(customer.pk, status_counts(customer))
        customer._document_section_rows = rows
    return customer._document_section_rows


def _count(customer: Customer, kind: str, status: str | None = None) -> int:
    counts = status_counts(customer).items()
    return sum(n for (k, s), n in counts if k == kind and status in (None, s))


def document_counts(customer: Customer) -> dict[str, int]:
    """The tab counts, drafts included."""
    counts = {definition.tab: 0 for definition in kinds.listed_kinds()}
    for (kind, _status), n in status_counts(customer).items():
        counts[kinds.kind(kind).tab] += n
    return counts


def customer_new_url(customer: Customer, slug: str) -> str:
    """A "new document" link preassigned to the customer, returning to the file."""
    query = urlencode({"customer": customer.pk, "next": file.url("customers:detail", customer.pk)})
    return f"{file.url('documents:create', slug)}?{query}"


# --- Offene Posten, Unbeantwortete Angebote ------------------------------------------------------


@dataclass(frozen=True)
class OpenItem:
    document: Row
    open: Decimal
    days_overdue: int


@dataclass(frozen=True)
class OpenQuote:
    document: Row
    age_days: int
    expired: bool


def open_items_context(request, customer: Customer) -> dict:
    today = timezone.localdate()
    found = section_rows(customer)[OPEN_ITEMS]
    items = [_open_item(row, today) for row in found.rows]
    return {
        "items": items,
        "rows": html.open_item_rows(items),
        "count": found.count,
        "total": found.gross - found.paid,
        "has_invoices": any(_count(customer, kind) for kind in kinds.receivable_kinds()),
        "list_url": f"{file.url('documents:list', 'invoices')}?customer={customer.pk}"
        "&status=issued",
    }


def _open_item(row: Row, today: datetime.date) -> OpenItem:
    # Document.is_overdue_on(): every row is an issued invoice with an amount open.
    overdue = (today - row.due_date).days if row.due_date and row.due_date < today else 0
    return OpenItem(row, row.gross_total - row.paid_total, overdue)


def unanswered_quotes_context(request, customer: Customer) -> dict:
    today = timezone.localdate()
    found = section_rows(customer)[UNANSWERED_QUOTES]
    items = [
        # Document.is_expired_on(): every row is a sent quote.
        OpenQuote(row, (today - row.date).days, bool(row.valid_until and row.valid_until < today))
        for row in found.rows
    ]
    return {
        "items": items,
        "rows": html.quote_rows(items),
        "count": found.count,
        "total": found.gross,
        "has_quotes": _count(customer, Kind.QUOTE) > 0,
        "list_url": file.url("customer_documents:tab", customer.pk, kinds.kind(Kind.QUOTE).slug),
        "new_url": customer_new_url(customer, "quotes"),
        "may_add": request.user.has_perm("documents.add_document"),
    }


# --- Umsatz -------------------------------------------------------------------------------------


def _month_start(day: datetime.date, back: int) -> datetime.date:
    """The first day of the month `back` months before `day`'s month."""
    index = day.year * 12 + day.month - 1 - back
    return datetime.date(index // 12, index % 12 + 1, 1)


def revenue_sums(
    customer: Customer, months: list[datetime.date], years: list[int]
) -> tuple[list[Decimal], list[Decimal]]:
    """Net revenue of each month (given by its first day) and each year, from the revenue tally
    (documents.revenue: issued invoices and their cancellations, which net them out)."""
    found = _overview_tallies(customer)  # read for today's months and years
    by_year = dict.fromkeys(years, ZERO)
    for key, net in found.items():
        year = int(key[:4])
        if year in by_year:
            by_year[year] += net
    month_values = [found.get(f"{m.year:04}-{m.month:02}", ZERO) for m in months]
    return month_values, list(by_year.values())


def _revenue_window(today: datetime.date) -> tuple[list[datetime.date], list[int]]:
    """The first days of the last twelve months, and the last five years."""
    months = [_month_start(today, back) for back in range(REVENUE_MONTHS - 1, -1, -1)]
    return months, list(range(today.year - REVENUE_YEARS + 1, today.year + 1))


@dataclass(frozen=True)
class Bar:
    key: datetime.date | int  # a month (its first day) or a year
    value: Decimal
    x: float
    y: float
    height: float
    label_x: float
    amount: str = ""  # the value written on the bar; "" when it is zero or does not fit
    amount_y: float = 0


@dataclass(frozen=True)
class Tick:
    """A gridline of the value axis and its label ("10.000 €")."""

    value: Decimal
    y: float
    label: str


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    zero_y: float
    bar_width: float
    width: int = 600
    height: int = 180
    label_y: float = 172
    ticks: list[Tick] = field(default_factory=list)
    left: int = 0  # the room for the axis labels


# Room for the axis labels on the left and for a value above the tallest bar.
_LEFT, _TOP, _PLOT = 64, 18.0, 134.0


def _ticks(low: Decimal, high: Decimal) -> list[Decimal]:
    """About four gridlines at round values (1, 2 or 5 times a power of ten) that enclose
    `low` (≤ 0) and `high` (≥ 0) and include zero."""
    if low == high:
        return [ZERO]
    rough = (high - low) / 4
    magnitude = Decimal(10) ** rough.adjusted()
    step = next(f * magnitude for f in (1, 2, 5, 10) if f * magnitude >= rough)
    first = (low / step).to_integral_value(rounding=ROUND_FLOOR)
    last = (high / step).to_integral_value(rounding=ROUND_CEILING)
    return [n * step for n in range(int(first), int(last) + 1)]


def bar_chart(points: list[tuple[object, Decimal]], *, width: int = 600) -> Chart:
    """Bar geometry for an SVG: values above and below a zero line, scaled to round gridlines
    that enclose the largest and smallest value; each value on its bar where it fits."""
    values = [value for _, value in points]
    ticks = _ticks(min([*values, ZERO]), max([*values, ZERO]))
    span = ticks[-1] - ticks[0]

    def y_of(value: Decimal) -> float:
        if not span:  # nothing but zeros: the zero line at the bottom, as on any other chart
            return _TOP + _PLOT
        return round(_TOP + _PLOT * float((ticks[-1] - value) / span), 1)

    zero_y = y_of(ZERO)
    slot = (width - _LEFT) / len(points)
    bar_width = round(slot * 0.7, 1)
    bars = []
    for index, (key, value) in enumerate(points):
        height = _PLOT * float(abs(value) / span) if span else 0.0
        y = zero_y - height if value >= 0 else zero_y
        x = _LEFT + index * slot + (slot - bar_width) / 2
        amount = html.bar_amount(value, room=slot - 4)
        # A negative bar's value stands above the zero line, clear of the month names.
        amount_y = (y if value > 0 else zero_y) - 4
        bars.append(
            Bar(
                key,
                value,
                round(x, 1),
                round(y, 1),
                round(height, 1),
                round(x + bar_width / 2, 1),
                amount,
                round(amount_y, 1),
            )
        )
    grid = [Tick(tick, y_of(tick), html.axis_amount(tick)) for tick in ticks]
    return Chart(bars, zero_y, bar_width, width, ticks=grid, left=_LEFT)


def revenue_context(request, customer: Customer) -> dict:
    months, years = _revenue_window(timezone.localdate())
    month_values, year_values = revenue_sums(customer, months, years)
    month_chart = bar_chart(list(zip(months, month_values, strict=True)))
    year_chart = bar_chart(list(zip(years, year_values, strict=True)), width=300)
    return {
        "months": month_chart,
        "years": year_chart,
        "months_html": html.bar_chart_html(month_chart, monthly=True),
        "years_html": html.bar_chart_html(year_chart, monthly=False),
        "month_total": sum(month_values, ZERO),
        "has_revenue": any(month_values) or any(year_values),
    }


def register_customer_file_parts() -> None:
    file.register(
        tabs=[kind_tab(definition) for definition in kinds.listed_kinds()],
        sections=[
            file.Section(
                "open_items",
                "documents/customer_file/open_items.html",
                VIEW,
                open_items_context,
                "invoices_enabled",
                20,
            ),
            file.Section(
                "unanswered_quotes",
                "documents/customer_file/unanswered_quotes.html",
                VIEW,
                unanswered_quotes_context,
                "quotes_enabled",
                30,
            ),
            file.Section(
                "revenue",
                "documents/customer_file/revenue.html",
                VIEW,
                revenue_context,
                "invoices_enabled",
                40,
            ),
        ],
        new_entries=[kind_new_entry(k) for k in kinds.all_kinds() if k.new_label is not None],
        counter=document_counts,
    )
