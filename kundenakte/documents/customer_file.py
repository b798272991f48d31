"""What the documents app adds to the customer file (see kundenakte.customers.file).

Every overview section reads a bounded number of rows with a fixed number of queries, so the
file of a customer with thousands of documents costs what a new customer's file costs.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode

from django.db.models import Count, F, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kundenakte.customers import file
from kundenakte.customers.models import Customer
from kundenakte.documents.models import Document

Kind, Status = Document.Kind, Document.Status
VIEW = "documents.view_document"
SECTION_ROWS = 10  # the oldest open items / unanswered quotes; the tabs list them all
REVENUE_YEARS = 5
REVENUE_MONTHS = 12
ZERO = Decimal("0.00")
# What a section row shows and what Document.is_overdue_on / is_expired_on read.
ROW_FIELDS = ("pk", "kind", "status", "number", "date", "gross_total")

_NEW = [
    (_("Quote"), "quotes", "quotes_enabled", 10),
    (_("Invoice"), "invoices", "invoices_enabled", 20),
    (_("Delivery note"), "delivery-notes", "delivery_notes_enabled", 30),
]
# Tab key: (label, URL name, module, order). The invoices tab holds the cancellations too.
_TABS = {
    "quotes": (_("Quotes"), "customer_documents:quotes", "quotes_enabled", 20),
    "invoices": (_("Invoices"), "customer_documents:invoices", "invoices_enabled", 30),
    "delivery_notes": (
        _("Delivery notes"),
        "customer_documents:delivery_notes",
        "delivery_notes_enabled",
        40,
    ),
}
TAB_OF_KIND = {
    Kind.QUOTE: "quotes",
    Kind.INVOICE: "invoices",
    Kind.CANCELLATION: "invoices",
    Kind.DELIVERY_NOTE: "delivery_notes",
}


def document_counts(customer: Customer) -> dict[str, int]:
    """The tab counts, drafts included, in one grouped query."""
    counts = dict.fromkeys(_TABS, 0)
    rows = Document.objects.for_customer(customer).values("kind").annotate(n=Count("id"))
    for row in rows.order_by():
        counts[TAB_OF_KIND[row["kind"]]] += row["n"]
    return counts


def customer_new_url(customer: Customer, slug: str) -> str:
    """A "new document" link preassigned to the customer, returning to the file."""
    query = urlencode({"customer": customer.pk, "next": customer.get_absolute_url()})
    return f"{reverse('documents:create', args=[slug])}?{query}"


# --- Offene Posten ------------------------------------------------------------------------------


def open_items_context(request, customer: Customer) -> dict:
    today = timezone.localdate()
    invoices = Document.objects.for_customer(customer).of_kind(Kind.INVOICE)
    receivable = Q(status=Status.ISSUED, paid_total__lt=F("gross_total"))  # = open_items()
    totals = invoices.aggregate(
        invoices=Count("id"),
        open_count=Count("id", filter=receivable),
        open_sum=Sum(F("gross_total") - F("paid_total"), filter=receivable),
    )
    rows = (
        invoices.open_items()
        .with_open_amount()
        .order_by(F("due_date").asc(nulls_last=True), "date", "pk")
    )
    rows = rows.only(*ROW_FIELDS, "due_date", "paid_total")
    items = [_open_item(document, today) for document in rows[:SECTION_ROWS]]
    return {
        "items": items,
        "count": totals["open_count"],
        "total": totals["open_sum"] or ZERO,
        "has_invoices": totals["invoices"] > 0,
        "list_url": f"{reverse('documents:list', args=['invoices'])}?customer={customer.pk}"
        "&status=issued",
    }


@dataclass(frozen=True)
class OpenItem:
    document: Document
    open: Decimal
    days_overdue: int


def _open_item(document: Document, today: datetime.date) -> OpenItem:
    overdue = (today - document.due_date).days if document.is_overdue_on(today) else 0
    return OpenItem(document, document.open, overdue)


# --- Unbeantwortete Angebote --------------------------------------------------------------------


@dataclass(frozen=True)
class OpenQuote:
    document: Document
    age_days: int
    expired: bool


def unanswered_quotes_context(request, customer: Customer) -> dict:
    today = timezone.localdate()
    quotes = Document.objects.for_customer(customer).of_kind(Kind.QUOTE)
    unanswered = Q(status=Status.SENT)
    totals = quotes.aggregate(
        quotes=Count("id"),
        count=Count("id", filter=unanswered),
        total=Sum("gross_total", filter=unanswered),
    )
    rows = quotes.unanswered_quotes().order_by("date", "pk")
    rows = rows.only(*ROW_FIELDS, "valid_until", "subject")
    items = [
        OpenQuote(quote, (today - quote.date).days, quote.is_expired_on(today))
        for quote in rows[:SECTION_ROWS]
    ]
    return {
        "items": items,
        "count": totals["count"],
        "total": totals["total"] or ZERO,
        "has_quotes": totals["quotes"] > 0,
        "list_url": reverse("customer_documents:quotes", args=[customer.pk]),
        "new_url": customer_new_url(customer, "quotes"),
        "may_add": request.user.has_perm("documents.add_document"),
    }


# --- Umsatz -------------------------------------------------------------------------------------


def _month_start(day: datetime.date, back: int) -> datetime.date:
    """The first day of the month `back` months before `day`'s month."""
    index = day.year * 12 + day.month - 1 - back
    return datetime.date(index // 12, index % 12 + 1, 1)


def _revenue_sum(start: datetime.date, end: datetime.date) -> Sum:
    return Sum("net_total", filter=Q(date__gte=start, date__lt=end), default=ZERO)


def revenue_sums(
    customer: Customer, months: list[datetime.date], years: list[int]
) -> tuple[list[Decimal], list[Decimal]]:
    """Net revenue of each month (given by its first day) and each year, in one query.

    Issued, paid and cancelled invoices count, and so do the cancellations: their totals are
    the negated original's, so a cancelled invoice nets out (in the month of its cancellation).
    Plain date ranges rather than ExtractMonth: SQLite extracts with a Python function per row.
    """
    ends = [*months[1:], _month_start(months[-1], -1)]
    sums = {f"m{i}": _revenue_sum(a, b) for i, (a, b) in enumerate(zip(months, ends, strict=True))}
    for year in years:
        sums[f"y{year}"] = _revenue_sum(datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1))
    since = min(months[0], datetime.date(years[0], 1, 1))
    found = (
        Document.objects.for_customer(customer)
        .filter(kind__in=(Kind.INVOICE, Kind.CANCELLATION), date__gte=since)
        .exclude(status=Status.DRAFT)
        .aggregate(**sums)
    )
    return [found[f"m{i}"] for i in range(len(months))], [found[f"y{year}"] for year in years]


@dataclass(frozen=True)
class Bar:
    key: datetime.date | int  # a month (its first day) or a year
    value: Decimal
    x: float
    y: float
    height: float
    label_x: float


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    zero_y: float
    bar_width: float
    width: int = 600
    height: int = 180
    label_y: float = 172


def bar_chart(points: list[tuple[object, Decimal]], *, width: int = 600) -> Chart:
    """Bar geometry for an SVG: values above and below a zero line, scaled to the largest."""
    top, plot = 8.0, 144.0
    high = max([value for _, value in points] + [ZERO])
    low = min([value for _, value in points] + [ZERO])
    span = (high - low) or Decimal(1)
    zero_y = top + plot * float(high / span)
    slot = width / len(points)
    bar_width = round(slot * 0.7, 1)
    bars = []
    for index, (key, value) in enumerate(points):
        height = plot * float(abs(value) / span)
        y = zero_y - height if value >= 0 else zero_y
        x = index * slot + (slot - bar_width) / 2
        bars.append(
            Bar(key, value, round(x, 1), round(y, 1), round(height, 1), round(x + bar_width / 2, 1))
        )
    return Chart(bars, round(zero_y, 1), bar_width, width)


def revenue_context(request, customer: Customer) -> dict:
    today = timezone.localdate()
    months = [_month_start(today, back) for back in range(REVENUE_MONTHS - 1, -1, -1)]
    years = list(range(today.year - REVENUE_YEARS + 1, today.year + 1))
    month_values, year_values = revenue_sums(customer, months, years)
    return {
        "months": bar_chart(list(zip(months, month_values, strict=True))),
        "years": bar_chart(list(zip(years, year_values, strict=True)), width=300),
        "month_total": sum(month_values, ZERO),
        "has_revenue": any(month_values) or any(year_values),
    }


def register_customer_file_parts() -> None:
    file.register(
        tabs=[
            file.Tab(key, label, url_name, VIEW, module, order)
            for key, (label, url_name, module, order) in _TABS.items()
        ],
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
        new_entries=[
            file.NewEntry(
                label, "documents:create", "documents.add_document", module, order, (slug,)
            )
            for label, slug, module, order in _NEW
        ],
        counter=document_counts,
    )
