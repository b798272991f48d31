"""Reference data cached in each process for as long as the database's change counter stands.

Every page reads the signed-in user and their permissions and the company settings; the customer
list also the statuses and tags. They change a few times a month, yet on PostgreSQL reading them
is four or five of a list page's ten round trips to the server. So a counter, the one row of
`core_generation`, is raised whenever any of their tables changes, by triggers in the changing
transaction itself. The session query reads the counter along (kundenakte.accounts.sessions),
and `cached()` serves what this process read while the counter stood where it stands now.

What keeps it exact:

- The counter is raised inside the changing transaction (on PostgreSQL as it commits): whoever
  reads the new counter also reads the new data. A value is stored under the counter read
  before it, so it is never older than its counter.
- Only GET and HEAD requests use the cache (`GenerationMiddleware`), so a request that writes
  reads what it wrote. Nothing is served or stored inside a transaction: its own changes, which
  may still be rolled back, are not yet under any counter.
- The counter starts at a random value, so a counter that is removed and created again never
  repeats an old one. Without a counter (its row deleted, or no session) nothing is cached.
- Cached model instances are handed out as copies: a request may change its copy.

The triggers are created by `ensure()` after every migrate (CoreConfig), which also puts back
the ones SQLite drops when a migration rebuilds a table.
"""

import copy
import secrets
import threading
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Model

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


# --- The cache --------------------------------------------------------------------------------

# The counter this request read, when it may use the cache; None otherwise.
_current: ContextVar[int | None] = ContextVar("generation", default=None)
# Whether this request may use the cache at all (a GET or HEAD request).
_allowed: ContextVar[bool] = ContextVar("generation_allowed", default=False)
_values: dict[Any, tuple[int, Any]] = {}
_lock = threading.Lock()


class GenerationMiddleware:
    """Lets GET and HEAD requests use the cache, once their session has read the counter."""

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request):
        allowed = _allowed.set(request.method in ("GET", "HEAD"))
        current = _current.set(None)
        try:
            return self.get_response(request)
        finally:
            _current.reset(current)
            _allowed.reset(allowed)


def observe(value: int | None) -> None:
    """The counter this request's session read it at (kundenakte.accounts.sessions)."""
    _current.set(value if _allowed.get() and not _in_transaction() else None)


def _in_transaction() -> bool:
    return connections[DEFAULT_DB_ALIAS].in_atomic_block


def cached(key: Any, load: Callable[[], Any]) -> Any:
    """The value of `key`, as this process last loaded it under the current counter; loaded
    now when there is none (or no counter, or inside a transaction)."""
    generation = _current.get()
    if generation is None or _in_transaction():
        return load()
    found = _values.get(key)
    if found is not None and found[0] == generation:
        return found[1]
    value = load()
    with _lock:
        _values[key] = (generation, value)
    return value


def usable() -> bool:
    """Whether cached() serves from the cache in this request."""
    return _current.get() is not None and not _in_transaction()


def clone(instance: Model) -> Model:
    """A copy of a cached model instance for one request to change as it likes."""
    clone = instance.__class__.__new__(instance.__class__)
    clone.__dict__.update(instance.__dict__)
    clone._state = copy.copy(instance._state)  # its own state, as Model.__getstate__ makes it
    clone._state.fields_cache = instance._state.fields_cache.copy()
    return clone
