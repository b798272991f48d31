"""Per-customer document tallies, kept current by the database, for the customer file.

The file of a customer with 3,500 documents must open in 20 ms. Counting its documents for the
tabs and summing its invoices per month for the revenue chart cost 4–5 ms of that on every
visit, so triggers keep two small tables up to date inside the same transaction as every
change to a document:

- documents per (customer, kind, status), drafts included, for the tab counts and sections;
- net revenue in cents per (customer, "YYYY-MM"), for the chart, which reads at most 60 rows.

What counts: invoices and cancellation invoices (Stornorechnungen) that are not drafts. A
cancellation's totals are the negated original's, so a cancelled invoice nets out in the month
of its cancellation. Amounts are kept in cents as integers: SQLite stores decimals as floats,
and thousands of float additions would drift.

The tables are the models RevenueMonth and CustomerDocumentCount; `triggers()` is their SQL,
applied by migrations (kundenakte.core.triggers); `manage.py recount_derived` recounts them.
"""

import datetime
from decimal import Decimal

from django.db import connections

from kundenakte.core.triggers import function, statement_trigger, trigger
from kundenakte.documents import kinds

TABLE = "documents_revenue_month"
COUNT_TABLE = "documents_customer_count"
_COUNT_KEY = "customer_id, kind, status"


def revenue_kinds() -> tuple[str, ...]:
    """The document kinds whose issued documents count as revenue (`counts_as_revenue` in
    documents.kinds: invoices and cancellation invoices). The revenue triggers are generated from
    this, so a change there needs a migration (`Triggers(revenue.triggers, …)`; the fingerprint
    test says so)."""
    return tuple(kinds.revenue_kinds())


def _counted(row: str) -> str:
    counted = ", ".join(f"'{kind}'" for kind in revenue_kinds())
    return f"{row}.kind IN ({counted}) AND {row}.status <> 'draft'"


def _refill(month: str, cents: str) -> list[str]:
    return [
        f"DELETE FROM {TABLE}",
        f"INSERT INTO {TABLE} (customer_id, month, cents) "
        f"SELECT d.customer_id, {month.format(row='d')}, sum({cents.format(row='d')}) "
        f"FROM documents_document d WHERE {_counted('d')} GROUP BY 1, 2",
        f"DELETE FROM {COUNT_TABLE}",
        f"INSERT INTO {COUNT_TABLE} ({_COUNT_KEY}, n) "
        f"SELECT {_COUNT_KEY}, count(*) FROM documents_document GROUP BY {_COUNT_KEY}",
    ]


# --- SQLite: row-level triggers ---------------------------------------------------------------
# Dates are ISO text in SQLite, so the month is a prefix.

_SQLITE_MONTH = "substr({row}.date, 1, 7)"
_SQLITE_CENTS = "CAST(round({row}.net_total * 100) AS INTEGER)"


def _sqlite_add(row: str, sign: str) -> str:
    month, cents = _SQLITE_MONTH.format(row=row), _SQLITE_CENTS.format(row=row)
    return (
        f"INSERT INTO {TABLE} (customer_id, month, cents) "
        f"SELECT {row}.customer_id, {month}, {sign}{cents} WHERE {_counted(row)} "
        "ON CONFLICT (customer_id, month) DO UPDATE SET cents = cents + excluded.cents;"
    )


def _sqlite_count(row: str, delta: str) -> str:
    return (
        f"INSERT INTO {COUNT_TABLE} ({_COUNT_KEY}, n) "
        f"VALUES ({row}.customer_id, {row}.kind, {row}.status, {delta}) "
        f"ON CONFLICT ({_COUNT_KEY}) DO UPDATE SET n = n + excluded.n;"
    )


def _sqlite() -> dict[str, str]:
    on = "ON documents_document BEGIN"
    return {
        "documents_revenue_ai": f"AFTER INSERT {on} {_sqlite_add('new', '')} END",
        "documents_revenue_ad": f"AFTER DELETE {on} {_sqlite_add('old', '-')} END",
        "documents_revenue_au": "AFTER UPDATE OF kind, status, customer_id, date, net_total "
        f"{on} {_sqlite_add('old', '-')} {_sqlite_add('new', '')} END",
        "documents_count_ai": f"AFTER INSERT {on} {_sqlite_count('new', '1')} END",
        "documents_count_ad": f"AFTER DELETE {on} {_sqlite_count('old', '-1')} END",
        "documents_count_au": "AFTER UPDATE OF kind, status, customer_id ON documents_document "
        "WHEN old.kind IS NOT new.kind OR old.status IS NOT new.status "
        "OR old.customer_id IS NOT new.customer_id "
        f"BEGIN {_sqlite_count('old', '-1')} {_sqlite_count('new', '1')} END",
    }


# --- PostgreSQL: statement-level triggers over transition tables --------------------------------
# Rows are upserted in key order, so concurrent writers lock the tally rows in the same order; an
# update that leaves a document's contribution as it was (a payment) writes nothing.

_PG_MONTH = "to_char({row}.date, 'YYYY-MM')"
_PG_CENTS = "round({row}.net_total * 100)::bigint"


def _pg_rows(table: str, sign: str) -> str:
    month, cents = _PG_MONTH.format(row="r"), _PG_CENTS.format(row="r")
    return (
        f"SELECT r.customer_id, {month} AS month, {sign}{cents} AS delta FROM {table} r "
        f"WHERE {_counted('r')}"
    )


def _pg_upsert(changes: str, table: str, key: str, value: str) -> str:
    return (
        f"INSERT INTO {table} AS t ({key}, {value}) "
        f"SELECT {key}, sum(delta) FROM ({changes}) AS changes "
        f"GROUP BY {key} HAVING sum(delta) <> 0 ORDER BY {key} "
        f"ON CONFLICT ({key}) DO UPDATE SET {value} = t.{value} + excluded.{value};"
    )


def _pg_functions() -> list:
    revenue = {
        "documents_revenue_insert": _pg_rows("new_rows", ""),
        "documents_revenue_delete": _pg_rows("old_rows", "-"),
        "documents_revenue_update": f"{_pg_rows('new_rows', '')} UNION ALL "
        f"{_pg_rows('old_rows', '-')}",
    }
    counts = {
        "documents_count_insert": f"SELECT {_COUNT_KEY}, 1 AS delta FROM new_rows",
        "documents_count_delete": f"SELECT {_COUNT_KEY}, -1 AS delta FROM old_rows",
        "documents_count_update": f"SELECT {_COUNT_KEY}, 1 AS delta FROM new_rows UNION ALL "
        f"SELECT {_COUNT_KEY}, -1 AS delta FROM old_rows",
    }
    reset = f"DELETE FROM {TABLE}; DELETE FROM {COUNT_TABLE};"
    return [
        function("documents_revenue_reset", reset),
        *[
            function(n, _pg_upsert(c, TABLE, "customer_id, month", "cents"))
            for n, c in revenue.items()
        ],
        *[function(n, _pg_upsert(c, COUNT_TABLE, _COUNT_KEY, "n")) for n, c in counts.items()],
    ]


_OLD, _NEW = "OLD TABLE AS old_rows", "NEW TABLE AS new_rows"
_PG_TRIGGERS = [
    ("documents_revenue_ai", "INSERT", _NEW, "documents_revenue_insert"),
    ("documents_revenue_ad", "DELETE", _OLD, "documents_revenue_delete"),
    ("documents_revenue_au", "UPDATE", f"{_OLD} {_NEW}", "documents_revenue_update"),
    ("documents_count_ai", "INSERT", _NEW, "documents_count_insert"),
    ("documents_count_ad", "DELETE", _OLD, "documents_count_delete"),
    ("documents_count_au", "UPDATE", f"{_OLD} {_NEW}", "documents_count_update"),
    # A TRUNCATE (as by `flush`, which also truncates the tallies) fires no row triggers.
    ("documents_revenue_at", "TRUNCATE", "", "documents_revenue_reset"),
]

REFILL = {
    "sqlite": _refill(_SQLITE_MONTH, _SQLITE_CENTS),
    "postgresql": _refill(_PG_MONTH, _PG_CENTS),
}


def triggers() -> dict:
    table = "documents_document"
    sqlite = [trigger(n, table, f"CREATE TRIGGER {n} {sql}") for n, sql in _sqlite().items()]
    postgresql = _pg_functions()
    postgresql += [statement_trigger(n, e, table, r, f) for n, e, r, f in _PG_TRIGGERS]
    return {"sqlite": sqlite, "postgresql": postgresql}


def revenue_read(customer_id: int, since: datetime.date, using: str = "default") -> dict:
    """{"YYYY-MM": net revenue} of one customer from the month of `since` on."""
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"SELECT month, cents FROM {TABLE} WHERE customer_id = %s AND month >= %s",
            [customer_id, f"{since.year:04}-{since.month:02}"],
        )
        return {month: Decimal(cents).scaleb(-2) for month, cents in cursor.fetchall()}


def counts_read(customer_id: int, using: str = "default") -> dict[tuple[str, str], int]:
    """{(kind, status): documents} of one customer, drafts included."""
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"SELECT kind, status, n FROM {COUNT_TABLE} WHERE customer_id = %s AND n > 0",
            [customer_id],
        )
        return {(kind, status): n for kind, status, n in cursor.fetchall()}
