"""The customers of each tag by archive switch, status and first letter, kept by the database.

A common word searched within a tag, a status and a letter ("Newsletter", "Kunde", "M", "gmbh")
needs the tagged customers of that range before it tests their rows for the word. From the
customer and link indexes alone, that meant joining the tag's 11,000 links with the range's
5,000 customers: ~3 ms of a PostgreSQL request, and one index probe per customer of the range on
SQLite. This table holds (tag, archived, status, initial, customer) for every tag link, so the
range is one index scan of the ~500 customers it holds.

Triggers keep it current in the same transaction as every change to a link or to a customer's
archive switch, status or name (its initial), as for the tallies (customers.tally). The table is
the model CustomerTagMember; `triggers()` is its SQL, applied by migrations.
"""

from kundenakte.core.triggers import function, statement_trigger, trigger

TABLE = "customers_customer_tag_member"
_FACETS = "archived, status_id, initial"

_REFILL = [
    f"DELETE FROM {TABLE}",
    f"INSERT INTO {TABLE} (tag_id, {_FACETS}, customer_id) "
    "SELECT l.tag_id, c.archived, c.status_id, c.initial, c.id "
    "FROM customers_customer_tags l JOIN customers_customer c ON c.id = l.customer_id",
]
REFILL = {"sqlite": _REFILL, "postgresql": _REFILL}

_CHANGED = (
    "old.archived IS NOT new.archived OR old.status_id IS NOT new.status_id "
    "OR old.initial IS NOT new.initial"
)
_SQLITE = [
    (
        "customers_tag_member_ai",
        "customers_customer_tags",
        f"""AFTER INSERT ON customers_customer_tags BEGIN
        INSERT INTO {TABLE} (tag_id, {_FACETS}, customer_id)
        SELECT new.tag_id, {_FACETS}, id FROM customers_customer WHERE id = new.customer_id;
    END""",
    ),
    (
        "customers_tag_member_ad",
        "customers_customer_tags",
        f"""AFTER DELETE ON customers_customer_tags BEGIN
        DELETE FROM {TABLE} WHERE customer_id = old.customer_id AND tag_id = old.tag_id;
    END""",
    ),
    (
        "customers_tag_member_au",
        "customers_customer",
        f"""AFTER UPDATE OF {_FACETS} ON customers_customer WHEN {_CHANGED} BEGIN
        UPDATE {TABLE} SET archived = new.archived, status_id = new.status_id,
            initial = new.initial WHERE customer_id = new.id;
    END""",
    ),
    # Django deletes a customer's links first; this only guards against other ways.
    (
        "customers_tag_member_cd",
        "customers_customer",
        f"""AFTER DELETE ON customers_customer BEGIN
        DELETE FROM {TABLE} WHERE customer_id = old.id;
    END""",
    ),
]
# PostgreSQL: statement-level triggers over transition tables, like the tallies'.
_PG_FUNCTIONS = {
    "customers_tag_member_link_insert": (
        f"INSERT INTO {TABLE} (tag_id, {_FACETS}, customer_id) "
        "SELECT l.tag_id, c.archived, c.status_id, c.initial, c.id "
        "FROM new_rows l JOIN customers_customer c ON c.id = l.customer_id "
        "ON CONFLICT DO NOTHING"
    ),
    "customers_tag_member_link_delete": (
        f"DELETE FROM {TABLE} m USING old_rows o "
        "WHERE m.customer_id = o.customer_id AND m.tag_id = o.tag_id"
    ),
    "customers_tag_member_update": (
        f"UPDATE {TABLE} m SET archived = n.archived, status_id = n.status_id, "
        "initial = n.initial FROM new_rows n WHERE m.customer_id = n.id "
        "AND (m.archived, m.status_id, m.initial) IS DISTINCT FROM "
        "(n.archived, n.status_id, n.initial)"
    ),
    "customers_tag_member_customer_delete": (
        f"DELETE FROM {TABLE} m USING old_rows o WHERE m.customer_id = o.id"
    ),
}
_PG_TRIGGERS = [
    # (trigger, event, table, transition table, function)
    (
        "customers_tag_member_ai",
        "INSERT",
        "customers_customer_tags",
        "NEW TABLE AS new_rows",
        "customers_tag_member_link_insert",
    ),
    (
        "customers_tag_member_ad",
        "DELETE",
        "customers_customer_tags",
        "OLD TABLE AS old_rows",
        "customers_tag_member_link_delete",
    ),
    (
        "customers_tag_member_au",
        "UPDATE",
        "customers_customer",
        "NEW TABLE AS new_rows",
        "customers_tag_member_update",
    ),
    (
        "customers_tag_member_cd",
        "DELETE",
        "customers_customer",
        "OLD TABLE AS old_rows",
        "customers_tag_member_customer_delete",
    ),
]


def triggers() -> dict:
    postgresql = [function(name, f"{body};") for name, body in _PG_FUNCTIONS.items()]
    postgresql += [statement_trigger(*spec) for spec in _PG_TRIGGERS]
    sqlite = [trigger(name, table, f"CREATE TRIGGER {name} {sql}") for name, table, sql in _SQLITE]
    return {"sqlite": sqlite, "postgresql": postgresql}
