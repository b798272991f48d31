"""What the customer file's overview reads about documents, in two plain queries.

The overview must answer in 20 ms however many documents a customer has. Through the ORM its
documents took five queries, and building them cost more than running them (~4 ms a page). So
they are written out, as accounts/backends.py does for permissions: one query reads both tallies
the database keeps (documents.revenue), the other the first rows of "Offene Posten" and
"Unbeantwortete Angebote" together with the count and sums of all of them.
"""

import datetime
import decimal
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from django.db import connections, router

from kundenakte.documents import kinds
from kundenakte.documents.models import Document
from kundenakte.documents.revenue import COUNT_TABLE
from kundenakte.documents.revenue import TABLE as REVENUE_TABLE

Kind, Status = Document.Kind, Document.Status
SECTION_ROWS = 10  # the oldest open items / unanswered quotes; the tabs list them all
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Row:
    """A document as the sections show it."""

    pk: int
    number: str
    date: datetime.date
    due_date: datetime.date | None
    valid_until: datetime.date | None
    subject: str
    gross_total: Decimal
    paid_total: Decimal


@dataclass(frozen=True)
class SectionRows:
    """The first rows of a section, and the count and sums of all its documents."""

    rows: list[Row]
    count: int = 0
    gross: Decimal = ZERO
    paid: Decimal = ZERO


def _connection():
    return connections[router.db_for_read(Document)]


# --- The tallies --------------------------------------------------------------------------------

# counts_read() and revenue_read() of documents.revenue in one query; a month's kind is "".
_TALLIES_SQL = (
    f"SELECT kind, status, n FROM {COUNT_TABLE} WHERE customer_id = %s AND n > 0"
    f" UNION ALL SELECT '', month, cents FROM {REVENUE_TABLE}"
    " WHERE customer_id = %s AND month >= %s"
)


def tallies_read(
    customer_id: int, since: datetime.date
) -> tuple[dict[tuple[str, str], int], dict[str, Decimal]]:
    """({(kind, status): documents}, {"YYYY-MM": net revenue from the month of `since` on})."""
    counts, revenue = {}, {}
    first_month = f"{since.year:04}-{since.month:02}"
    with _connection().cursor() as cursor:
        cursor.execute(_TALLIES_SQL, [customer_id, customer_id, first_month])
        for kind, status_or_month, number in cursor.fetchall():
            if kind:
                counts[kind, status_or_month] = number
            else:
                revenue[status_or_month] = Decimal(number).scaleb(-2)
    return counts, revenue


# --- The sections' rows -------------------------------------------------------------------------

OPEN_ITEMS, UNANSWERED_QUOTES = "open_items", "unanswered_quotes"


@dataclass(frozen=True)
class _Section:
    """Which documents a section lists, and in which order."""

    kinds: tuple[str, ...]
    status: str
    condition: str
    order: str


def _sections() -> dict[str, _Section]:
    """DocumentQuerySet.open_items() and .unanswered_quotes() in SQL; which kinds are
    receivables (open items) the registry says (documents.kinds)."""
    return {
        OPEN_ITEMS: _Section(
            kinds.receivable_kinds(),
            Status.ISSUED,
            " AND paid_total < gross_total",
            "due_date NULLS LAST, date, id",
        ),
        UNANSWERED_QUOTES: _Section((Kind.QUOTE,), Status.SENT, "", "date, id"),
    }


_COLUMNS = "id, number, date, due_date, valid_until, subject, gross_total, paid_total"


def section_rows_read(
    customer_id: int, counts: dict[tuple[str, str], int]
) -> dict[str, SectionRows]:
    """{OPEN_ITEMS: the open items, UNANSWERED_QUOTES: the unanswered quotes}; `counts` (the
    tally) spares the query when the customer has neither issued invoices nor sent quotes."""
    sections = _sections()
    found = {key: SectionRows([]) for key in sections}
    wanted = tuple(
        (key, section.kinds)
        for key, section in sections.items()
        if any(counts.get((kind, section.status)) for kind in section.kinds)
    )
    if not wanted:
        return found
    rows, totals = defaultdict(list), {}
    params = []
    for key, section_kinds in wanted:
        params += [customer_id, *section_kinds, sections[key].status]
    with _connection().cursor() as cursor:
        cursor.execute(_rows_sql(wanted), params)
        for key, *values, count, gross, paid, _position in cursor.fetchall():
            rows[key].append(_row(*values))
            totals[key] = (count, _money(gross), _money(paid))
    return found | {key: SectionRows(rows[key], *totals[key]) for key in rows}


@lru_cache(maxsize=8)
def _rows_sql(wanted: tuple[tuple[str, tuple[str, ...]], ...]) -> str:
    # The window functions see every document of the section: they run before the LIMIT.
    selects = []
    sections = _sections()
    for key, section_kinds in wanted:
        section = sections[key]
        placeholders = ", ".join(["%s"] * len(section_kinds))
        selects.append(
            f"SELECT * FROM (SELECT '{key}' AS section, {_COLUMNS}, count(*) OVER () AS n,"
            " sum(gross_total) OVER () AS gross, sum(paid_total) OVER () AS paid,"
            f" row_number() OVER (ORDER BY {section.order}) AS position"
            f" FROM {Document._meta.db_table} WHERE customer_id = %s"
            f" AND kind IN ({placeholders}) AND status = %s{section.condition}"
            f" ORDER BY {section.order} LIMIT {SECTION_ROWS}) AS {key}_rows"
        )
    return " UNION ALL ".join(selects) + " ORDER BY section, position"


def _row(pk, number, date, due_date, valid_until, subject, gross, paid) -> Row:
    return Row(pk, number, date, due_date, valid_until, subject, _money(gross), _money(paid))


_CENT = Decimal("0.01")
_FLOATS = decimal.Context(prec=15)


def _money(value: Decimal | float | int) -> Decimal:
    # PostgreSQL returns numeric columns as Decimal; SQLite stores them as floats (or integers),
    # converted here to the cent as Django's SQLite backend converts them.
    if isinstance(value, Decimal):
        return value
    return _FLOATS.create_decimal_from_float(value).quantize(_CENT)
