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

The SQLite triggers disappear when a migration rebuilds the document table; `revenue_ensure()`
restores them and recounts after every migrate (documents.apps), as customers.tally does.
"""

import datetime
from decimal import Decimal

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper

from kundenakte.core.triggers import execute_all, sqlite_triggers_missing
from kundenakte.documents import kinds
from kundenakte.documents.models import Document

TABLE = "documents_revenue_month"
COUNT_TABLE = "documents_customer_count"
_KINDS = ", ".join(f"'{kind}'" for kind in kinds.revenue_kinds())
_DRAFT = f"'{Document.Status.DRAFT}'"
SQLITE_TRIGGERS = (
    "documents_revenue_ai",
    "documents_revenue_ad",
    "documents_revenue_au",
    "documents_count_ai",
    "documents_count_ad",
    "documents_count_au",
)
_COUNT_KEY = "customer_id, kind, status"

_CREATE = [
    f"CREATE TABLE IF NOT EXISTS {TABLE} (customer_id bigint NOT NULL, month varchar(7) NOT NULL,"
    " cents bigint NOT NULL, PRIMARY KEY (customer_id, month))",
    f"CREATE TABLE IF NOT EXISTS {COUNT_TABLE} (customer_id bigint NOT NULL,"
    f" kind varchar(20) NOT NULL, status varchar(20) NOT NULL, n bigint NOT NULL,"
    f" PRIMARY KEY ({_COUNT_KEY}))",
]


def _counted(row: str) -> str:
    return f"{row}.kind IN ({_KINDS}) AND {row}.status <> {_DRAFT}"


def _recount(month: str, cents: str) -> list[str]:
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


_SQLITE = [
    f"""CREATE TRIGGER IF NOT EXISTS documents_revenue_ai AFTER INSERT ON documents_document
    BEGIN {_sqlite_add("new", "")} END""",
    f"""CREATE TRIGGER IF NOT EXISTS documents_revenue_ad AFTER DELETE ON documents_document
    BEGIN {_sqlite_add("old", "-")} END""",
    f"""CREATE TRIGGER IF NOT EXISTS documents_revenue_au
    AFTER UPDATE OF kind, status, customer_id, date, net_total ON documents_document
    BEGIN {_sqlite_add("old", "-")} {_sqlite_add("new", "")} END""",
    f"""CREATE TRIGGER IF NOT EXISTS documents_count_ai AFTER INSERT ON documents_document
    BEGIN {_sqlite_count("new", "1")} END""",
    f"""CREATE TRIGGER IF NOT EXISTS documents_count_ad AFTER DELETE ON documents_document
    BEGIN {_sqlite_count("old", "-1")} END""",
    f"""CREATE TRIGGER IF NOT EXISTS documents_count_au
    AFTER UPDATE OF kind, status, customer_id ON documents_document
    WHEN old.kind IS NOT new.kind OR old.status IS NOT new.status
        OR old.customer_id IS NOT new.customer_id
    BEGIN {_sqlite_count("old", "-1")} {_sqlite_count("new", "1")} END""",
]

# --- PostgreSQL: statement-level triggers over transition tables --------------------------------
# Rows are upserted in key order, so concurrent writers lock the tally rows in the same order; an
# update that leaves a document's contribution as it was (a payment) writes nothing.

_PG_MONTH = "to_char({row}.date, 'YYYY-MM')"
_PG_CENTS = "round({row}.net_total * 100)::bigint"


def _pg_rows(table: str, sign: str) -> str:
    month, cents = _PG_MONTH.format(row="r"), _PG_CENTS.format(row="r")
    return f"SELECT r.customer_id, {month} AS month, {sign}{cents} AS delta FROM {table} r " + (
        f"WHERE {_counted('r')}"
    )


_PG_CHANGES = {
    "documents_revenue_insert": _pg_rows("new_rows", ""),
    "documents_revenue_delete": _pg_rows("old_rows", "-"),
    "documents_revenue_update": f"{_pg_rows('new_rows', '')} UNION ALL {_pg_rows('old_rows', '-')}",
}
_PG_COUNT_CHANGES = {
    "documents_count_insert": f"SELECT {_COUNT_KEY}, 1 AS delta FROM new_rows",
    "documents_count_delete": f"SELECT {_COUNT_KEY}, -1 AS delta FROM old_rows",
    "documents_count_update": f"SELECT {_COUNT_KEY}, 1 AS delta FROM new_rows UNION ALL "
    f"SELECT {_COUNT_KEY}, -1 AS delta FROM old_rows",
}
_OLD, _NEW = "OLD TABLE AS old_rows", "NEW TABLE AS new_rows"
_PG_TRIGGERS = [
    ("documents_revenue_ai", "INSERT", _NEW, "documents_revenue_insert"),
    ("documents_revenue_ad", "DELETE", _OLD, "documents_revenue_delete"),
    ("documents_revenue_au", "UPDATE", f"{_OLD} {_NEW}", "documents_revenue_update"),
    ("documents_count_ai", "INSERT", _NEW, "documents_count_insert"),
    ("documents_count_ad", "DELETE", _OLD, "documents_count_delete"),
    ("documents_count_au", "UPDATE", f"{_OLD} {_NEW}", "documents_count_update"),
    # Django's test flush truncates tables, and TRUNCATE fires no row or DELETE triggers.
    ("documents_revenue_at", "TRUNCATE", "", "documents_revenue_reset"),
]


def _pg_function(name: str, changes: str, table: str, key: str, value: str) -> str:
    return f"""CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO {table} AS t ({key}, {value})
        SELECT {key}, sum(delta) FROM ({changes}) AS changes
        GROUP BY {key} HAVING sum(delta) <> 0 ORDER BY {key}
        ON CONFLICT ({key}) DO UPDATE SET {value} = t.{value} + excluded.{value};
        RETURN NULL;
    END $$"""


_PG_RESET = f"""CREATE OR REPLACE FUNCTION documents_revenue_reset() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN DELETE FROM {TABLE}; DELETE FROM {COUNT_TABLE}; RETURN NULL; END $$"""


def _postgres_statements() -> list[str]:
    statements = [*_CREATE, _PG_RESET]
    statements += [
        _pg_function(name, changes, TABLE, "customer_id, month", "cents")
        for name, changes in _PG_CHANGES.items()
    ]
    statements += [
        _pg_function(name, changes, COUNT_TABLE, _COUNT_KEY, "n")
        for name, changes in _PG_COUNT_CHANGES.items()
    ]
    for trigger, event, transitions, function in _PG_TRIGGERS:
        referencing = f"REFERENCING {transitions}" if transitions else ""
        statements.append(f"DROP TRIGGER IF EXISTS {trigger} ON documents_document")
        statements.append(
            f"CREATE TRIGGER {trigger} AFTER {event} ON documents_document {referencing} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
        )
    return statements + _recount(_PG_MONTH, _PG_CENTS)


def _sqlite_statements(connection: BaseDatabaseWrapper) -> list[str]:
    if not sqlite_triggers_missing(connection, SQLITE_TRIGGERS):
        return []
    return [*_CREATE, *_SQLITE, *_recount(_SQLITE_MONTH, _SQLITE_CENTS)]


def revenue_ensure(connection: BaseDatabaseWrapper) -> None:
    """Create the tally tables and their triggers where missing, and recount."""
    if connection.vendor == "postgresql":
        execute_all(connection, _postgres_statements())
    elif connection.vendor == "sqlite":
        execute_all(connection, _sqlite_statements(connection))


def revenue_drop(connection: BaseDatabaseWrapper) -> None:
    if connection.vendor == "postgresql":
        statements = [f"DROP TRIGGER IF EXISTS {t[0]} ON documents_document" for t in _PG_TRIGGERS]
        functions = [*_PG_CHANGES, *_PG_COUNT_CHANGES, "documents_revenue_reset"]
        statements += [f"DROP FUNCTION IF EXISTS {name}()" for name in functions]
    elif connection.vendor == "sqlite":
        statements = [f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE_TRIGGERS]
    else:
        return
    tables = [f"DROP TABLE IF EXISTS {table}" for table in (TABLE, COUNT_TABLE)]
    execute_all(connection, [*statements, *tables])


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
