"""Exact customer counts, kept current by the database, for the list's totals and A–Z bar.

The customer list shows the total of its selection, the count of every status entry and which
letters have customers. Counting 100,000 rows per request is what makes comparable products slow,
so triggers keep two small tables up to date, inside the same transaction as every change:

- customers per (archived, status, initial), for the unfiltered and status-filtered list;
- the same per tag, for a list filtered by one tag;
- the customers of each tag by the same keys (customers.tag_members), for a search within tags.

A page then reads a few dozen rows instead of counting the table. Searches and several tags
still count their (smaller) selection. The tables are models (CustomerTally, CustomerTagTally);
`triggers()` is their SQL, applied by migrations (kundenakte.core.triggers), and
`manage.py recount_derived` recounts them (`REFILL`).
"""

from django.db import connections

from kundenakte.core.triggers import function, statement_trigger, trigger
from kundenakte.customers import tag_members

TABLE = "customers_customer_tally"
TAG_TABLE = "customers_customer_tag_tally"
_KEY = "archived, status_id, initial"
_TAG_KEY = f"tag_id, {_KEY}"
# What `manage.py recount_derived` and the migration that made the tables run, in one transaction.
_REFILL = [
    f"DELETE FROM {TABLE}",
    f"INSERT INTO {TABLE} ({_KEY}, n) "
    f"SELECT {_KEY}, count(*) FROM customers_customer GROUP BY {_KEY}",
    f"DELETE FROM {TAG_TABLE}",
    f"INSERT INTO {TAG_TABLE} ({_TAG_KEY}, n) "
    "SELECT l.tag_id, c.archived, c.status_id, c.initial, count(*) "
    "FROM customers_customer_tags l JOIN customers_customer c ON c.id = l.customer_id "
    "GROUP BY l.tag_id, c.archived, c.status_id, c.initial",
]
REFILL = {"sqlite": _REFILL, "postgresql": _REFILL}

# --- SQLite: row-level triggers ---------------------------------------------------------------

_SAME_OLD = "archived = old.archived AND status_id = old.status_id AND initial = old.initial"
_CHANGED = (
    "old.archived IS NOT new.archived OR old.status_id IS NOT new.status_id "
    "OR old.initial IS NOT new.initial"
)
_ADD_NEW = (
    f"INSERT INTO {TABLE} ({_KEY}, n) VALUES (new.archived, new.status_id, new.initial, 1) "
    f"ON CONFLICT ({_KEY}) DO UPDATE SET n = n + 1;"
)
_UPDATED = f"AFTER UPDATE OF {_KEY} ON customers_customer WHEN {_CHANGED}"
_SQLITE = [
    (
        "customers_tally_ai",
        "customers_customer",
        f"AFTER INSERT ON customers_customer BEGIN {_ADD_NEW} END",
    ),
    (
        "customers_tally_ad",
        "customers_customer",
        "AFTER DELETE ON customers_customer "
        f"BEGIN UPDATE {TABLE} SET n = n - 1 WHERE {_SAME_OLD}; END",
    ),
    (
        "customers_tally_au",
        "customers_customer",
        f"{_UPDATED} BEGIN UPDATE {TABLE} SET n = n - 1 WHERE {_SAME_OLD}; {_ADD_NEW} END",
    ),
    (
        "customers_tag_tally_ai",
        "customers_customer_tags",
        f"""AFTER INSERT ON customers_customer_tags BEGIN
        INSERT INTO {TAG_TABLE} ({_TAG_KEY}, n)
        SELECT new.tag_id, archived, status_id, initial, 1 FROM customers_customer
        WHERE id = new.customer_id
        ON CONFLICT ({_TAG_KEY}) DO UPDATE SET n = n + 1;
    END""",
    ),
    # Django deletes a customer's tag links before the customer, so its row is still there.
    (
        "customers_tag_tally_ad",
        "customers_customer_tags",
        f"""AFTER DELETE ON customers_customer_tags BEGIN
        UPDATE {TAG_TABLE} SET n = n - 1 WHERE tag_id = old.tag_id AND ({_KEY}) =
            (SELECT {_KEY} FROM customers_customer WHERE id = old.customer_id);
    END""",
    ),
    (
        "customers_tag_tally_au",
        "customers_customer",
        f"""{_UPDATED} BEGIN
        UPDATE {TAG_TABLE} SET n = n - 1 WHERE {_SAME_OLD} AND tag_id IN
            (SELECT tag_id FROM customers_customer_tags WHERE customer_id = old.id);
        INSERT INTO {TAG_TABLE} ({_TAG_KEY}, n)
        SELECT tag_id, new.archived, new.status_id, new.initial, 1 FROM customers_customer_tags
        WHERE customer_id = new.id
        ON CONFLICT ({_TAG_KEY}) DO UPDATE SET n = n + 1;
    END""",
    ),
]

# --- PostgreSQL: statement-level triggers over transition tables --------------------------------
# A bulk update is one upsert per statement; rows are upserted in key order so that concurrent
# writers lock the tally rows in the same order.

_JOIN_LINKS = "JOIN customers_customer_tags l ON l.customer_id = {rows}.id"
_PG_CHANGES = {
    # function: (tally table, key, the changed rows as (key..., delta))
    "customers_tally_insert": (TABLE, _KEY, f"SELECT {_KEY}, 1 AS delta FROM new_rows"),
    "customers_tally_delete": (TABLE, _KEY, f"SELECT {_KEY}, -1 AS delta FROM old_rows"),
    "customers_tally_update": (
        TABLE,
        _KEY,
        f"SELECT {_KEY}, 1 AS delta FROM new_rows UNION ALL "
        f"SELECT {_KEY}, -1 AS delta FROM old_rows",
    ),
    "customers_tag_tally_link_insert": (
        TAG_TABLE,
        _TAG_KEY,
        "SELECT l.tag_id, c.archived, c.status_id, c.initial, 1 AS delta "
        "FROM new_rows l JOIN customers_customer c ON c.id = l.customer_id",
    ),
    "customers_tag_tally_link_delete": (
        TAG_TABLE,
        _TAG_KEY,
        "SELECT l.tag_id, c.archived, c.status_id, c.initial, -1 AS delta "
        "FROM old_rows l JOIN customers_customer c ON c.id = l.customer_id",
    ),
    "customers_tag_tally_update": (
        TAG_TABLE,
        _TAG_KEY,
        "SELECT l.tag_id, n.archived, n.status_id, n.initial, 1 AS delta "
        f"FROM new_rows n {_JOIN_LINKS.format(rows='n')} UNION ALL "
        "SELECT l.tag_id, o.archived, o.status_id, o.initial, -1 AS delta "
        f"FROM old_rows o {_JOIN_LINKS.format(rows='o')}",
    ),
}
_OLD, _NEW = "OLD TABLE AS old_rows", "NEW TABLE AS new_rows"
_PG_TRIGGERS = [
    # (trigger, event, table, transition tables, function)
    ("customers_tally_ai", "INSERT", "customers_customer", _NEW, "customers_tally_insert"),
    ("customers_tally_ad", "DELETE", "customers_customer", _OLD, "customers_tally_delete"),
    (
        "customers_tally_au",
        "UPDATE",
        "customers_customer",
        f"{_OLD} {_NEW}",
        "customers_tally_update",
    ),
    (
        "customers_tag_tally_au",
        "UPDATE",
        "customers_customer",
        f"{_OLD} {_NEW}",
        "customers_tag_tally_update",
    ),
    (
        "customers_tag_tally_ai",
        "INSERT",
        "customers_customer_tags",
        _NEW,
        "customers_tag_tally_link_insert",
    ),
    (
        "customers_tag_tally_ad",
        "DELETE",
        "customers_customer_tags",
        _OLD,
        "customers_tag_tally_link_delete",
    ),
    # A TRUNCATE (as by `flush`, which also truncates the tallies) fires no row triggers.
    ("customers_tally_at", "TRUNCATE", "customers_customer", "", "customers_tally_reset"),
    ("customers_tag_tally_at", "TRUNCATE", "customers_customer_tags", "", "customers_tally_reset"),
]


def _pg_upsert(table: str, key: str, changes: str) -> str:
    return (
        f"INSERT INTO {table} AS t ({key}, n) "
        f"SELECT {key}, sum(delta) FROM ({changes}) AS changes "
        f"GROUP BY {key} HAVING sum(delta) <> 0 ORDER BY {key} "
        f"ON CONFLICT ({key}) DO UPDATE SET n = t.n + excluded.n;"
    )


def triggers() -> dict:
    """The tallies' triggers (the tag members' are in tag_members.triggers())."""
    reset = f"DELETE FROM {TABLE}; DELETE FROM {TAG_TABLE}; DELETE FROM {tag_members.TABLE};"
    postgresql = [function("customers_tally_reset", reset)]
    postgresql += [function(name, _pg_upsert(*spec)) for name, spec in _PG_CHANGES.items()]
    postgresql += [statement_trigger(*spec) for spec in _PG_TRIGGERS]
    sqlite = [trigger(name, table, f"CREATE TRIGGER {name} {sql}") for name, table, sql in _SQLITE]
    return {"sqlite": sqlite, "postgresql": postgresql}


def tally_query(*, archived: bool | None = False, tag_id: int | None = None) -> tuple[str, list]:
    """The query of tally_read(), for running beside others (kundenakte.core.batch)."""
    table, where, params = TABLE, ["n > 0"], []
    if tag_id is not None:
        table = TAG_TABLE
        where.append("tag_id = %s")
        params.append(tag_id)
    if archived is not None:
        where.append("archived = %s")
        params.append(archived)
    return f"SELECT status_id, initial, n FROM {table} WHERE {' AND '.join(where)}", params


def tally_counts(rows) -> dict[tuple[int, str], int]:
    """{(status_id, initial): customers} from the rows of tally_query()."""
    counts: dict[tuple[int, str], int] = {}
    for status_id, initial, n in rows:
        counts[(status_id, initial)] = counts.get((status_id, initial), 0) + n
    return counts


def tally_read(
    *, archived: bool | None = False, tag_id: int | None = None, using: str = "default"
) -> dict[tuple[int, str], int]:
    """{(status_id, initial): customers}, of one tag if given; `archived=None` counts both."""
    with connections[using].cursor() as cursor:
        cursor.execute(*tally_query(archived=archived, tag_id=tag_id))
        return tally_counts(cursor.fetchall())
