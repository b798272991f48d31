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

# Which documents a section lists (DocumentQuerySet.open_items(), .unanswered_quotes()) and in
# which order: {kind: (status, further condition, order)}.
_SECTIONS = {
    Kind.INVOICE: (Status.ISSUED, " AND paid_total < gross_total", "due_date NULLS LAST, date, id"),
    Kind.QUOTE: (Status.SENT, "", "date, id"),
}
_COLUMNS = "id, number, date, due_date, valid_until, subject, gross_total, paid_total"


def section_rows_read(
    customer_id: int, counts: dict[tuple[str, str], int]
) -> dict[str, SectionRows]:
    """{Kind.INVOICE: the open items, Kind.QUOTE: the unanswered quotes}; `counts` (the tally)
    spares the query when the customer has neither issued invoices nor sent quotes."""
    found = {kind: SectionRows([]) for kind in _SECTIONS}
    kinds = tuple(kind for kind, (status, *_) in _SECTIONS.items() if counts.get((kind, status)))
    if not kinds:
        return found
    rows, totals = defaultdict(list), {}
    params = [value for kind in kinds for value in (customer_id, kind, _SECTIONS[kind][0])]
    with _connection().cursor() as cursor:
        cursor.execute(_rows_sql(kinds), params)
        for kind, *values, count, gross, paid, _position in cursor.fetchall():
            rows[kind].append(_row(*values))
            totals[kind] = (count, _money(gross), _money(paid))
    return found | {kind: SectionRows(rows[kind], *totals[kind]) for kind in rows}


@lru_cache(maxsize=4)
def _rows_sql(kinds: tuple[str, ...]) -> str:
    # The window functions see every document of the section: they run before the LIMIT.
    selects = []
    for kind in kinds:
        _status, condition, order = _SECTIONS[kind]
        selects.append(
            f"SELECT * FROM (SELECT kind, {_COLUMNS}, count(*) OVER () AS n,"
            " sum(gross_total) OVER () AS gross, sum(paid_total) OVER () AS paid,"
            f" row_number() OVER (ORDER BY {order}) AS position FROM {Document._meta.db_table}"
            f" WHERE customer_id = %s AND kind = %s AND status = %s{condition}"
            f" ORDER BY {order} LIMIT {SECTION_ROWS}) AS {kind}_rows"
        )
    return " UNION ALL ".join(selects) + " ORDER BY kind, position"


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
