"""The reference data's change counter: one row of `core_generation`, raised by triggers in every
transaction that changes one of the WATCHED tables (users, groups and permissions, company
settings, statuses, tags). kundenakte.core.reference uses it as the version of their cache.

- The counter is raised inside the changing transaction (on PostgreSQL as it commits): whoever
  reads the new counter also reads the new data.
- The counter starts at a random value, so a counter that is removed and created again never
  repeats an old one.

The triggers are created by `ensure()` after every migrate (CoreConfig), which also puts back
the ones SQLite drops when a migration rebuilds a table.
"""

import secrets

from django.db.backends.base.base import BaseDatabaseWrapper

from kundenakte.core.triggers import execute_all

TABLE = "core_generation"
# The tables of the cached values: users, groups and permissions, company settings, statuses,
# tags. They belong to other apps; ensure() runs after every migrate, when they exist.
WATCHED = (
    "auth_user",
    "auth_group",
    "auth_permission",
    "auth_user_groups",
    "auth_user_user_permissions",
    "auth_group_permissions",
    "django_content_type",
    "accounts_companysettings",
    "customers_status",
    "customers_tag",
)
# Read as a scalar subquery beside the session: NULL when the row is missing.
COUNTER_SQL = f"(SELECT value FROM {TABLE} WHERE id = 1)"

_PG_FUNCTION = (
    "CREATE OR REPLACE FUNCTION core_generation_raise() RETURNS trigger LANGUAGE plpgsql AS $$ "
    f"BEGIN UPDATE {TABLE} SET value = value + 1 WHERE id = 1; RETURN NULL; END $$"
)
# Deferred to the commit: the counter's row lock is then the last lock a transaction takes,
# held only while it commits, so it cannot take part in a deadlock.
_PG_TRIGGERS = {
    "core_generation_rows": "CREATE CONSTRAINT TRIGGER core_generation_rows"
    " AFTER INSERT OR UPDATE OR DELETE ON {table} DEFERRABLE INITIALLY DEFERRED"
    " FOR EACH ROW EXECUTE FUNCTION core_generation_raise()",
    "core_generation_truncate": "CREATE TRIGGER core_generation_truncate AFTER TRUNCATE ON {table}"
    " FOR EACH STATEMENT EXECUTE FUNCTION core_generation_raise()",
}
_SQLITE_EVENTS = {"i": "INSERT", "u": "UPDATE", "d": "DELETE"}


def _sqlite_trigger(table: str, event: str) -> str:
    return f"core_generation_{table}_{event}"


def ensure(connection: BaseDatabaseWrapper) -> None:
    """Create the counter and its triggers where they are missing."""
    existing = set(connection.introspection.table_names())
    tables = [table for table in WATCHED if table in existing]
    statements = [f"CREATE TABLE IF NOT EXISTS {TABLE} (id integer PRIMARY KEY, value bigint)"]
    execute_all(connection, statements)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {TABLE} (id, value) VALUES (1, %s) ON CONFLICT (id) DO NOTHING",
            [secrets.randbits(62)],
        )
    if connection.vendor == "postgresql":
        execute_all(connection, [_PG_FUNCTION, *_pg_missing_triggers(connection, tables)])
    else:
        execute_all(connection, _sqlite_missing_triggers(connection, tables))


def _pg_missing_triggers(connection, tables: list[str]) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname IN ('core_generation_rows', 'core_generation_truncate')"
        )
        present = set(cursor.fetchall())
    statements = []
    for table in tables:
        for name, template in _PG_TRIGGERS.items():
            if (table, name) not in present:
                statements.append(template.format(table=connection.ops.quote_name(table)))
    return statements


def _sqlite_missing_triggers(connection, tables: list[str]) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        present = {name for (name,) in cursor.fetchall()}
    return [
        f"CREATE TRIGGER {_sqlite_trigger(table, event)} AFTER {verb} ON {table} "
        f"BEGIN UPDATE {TABLE} SET value = value + 1 WHERE id = 1; END"
        for table in tables
        for event, verb in _SQLITE_EVENTS.items()
        if _sqlite_trigger(table, event) not in present
    ]


def drop(connection: BaseDatabaseWrapper) -> None:
    existing = set(connection.introspection.table_names())
    tables = [table for table in WATCHED if table in existing]
    if connection.vendor == "postgresql":
        statements = [
            f"DROP TRIGGER IF EXISTS {name} ON {connection.ops.quote_name(table)}"
            for table in tables
            for name in _PG_TRIGGERS
        ]
        statements.append("DROP FUNCTION IF EXISTS core_generation_raise()")
    else:
        statements = [
            f"DROP TRIGGER IF EXISTS {_sqlite_trigger(table, event)}"
            for table in tables
            for event in _SQLITE_EVENTS
        ]
    execute_all(connection, [*statements, f"DROP TABLE IF EXISTS {TABLE}"])


def read(connection: BaseDatabaseWrapper) -> int | None:
    """The counter as it stands; None when it is missing."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {COUNTER_SQL}")
        return cursor.fetchone()[0]
