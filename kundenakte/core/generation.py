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

The counter is the model Generation; its triggers are `triggers()`, applied by migrations
(kundenakte.core.triggers). A migration that rebuilds a watched table on SQLite applies them again.
"""

import copy
import threading
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Model

from kundenakte.core.triggers import DatabaseObject, function, trigger

TABLE = "core_generation"
# The tables of the cached values: users, groups and permissions, company settings, statuses,
# tags. They belong to other apps; the migration that applies triggers() depends on theirs.
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

_RAISE = f"UPDATE {TABLE} SET value = value + 1 WHERE id = 1;"


def _pg_triggers(table: str) -> list[DatabaseObject]:
    rows = (
        # Deferred to the commit: the counter's row lock is then the last lock a transaction
        # takes, held only while it commits, so it cannot take part in a deadlock.
        "CREATE CONSTRAINT TRIGGER core_generation_rows AFTER INSERT OR DELETE OR UPDATE"
        f" ON {table} DEFERRABLE INITIALLY DEFERRED FOR EACH ROW"
        " EXECUTE FUNCTION core_generation_raise()"
    )
    truncate = (
        f"CREATE TRIGGER core_generation_truncate AFTER TRUNCATE ON {table}"
        " FOR EACH STATEMENT EXECUTE FUNCTION core_generation_raise()"
    )
    return [
        trigger("core_generation_rows", table, rows),
        trigger("core_generation_truncate", table, truncate),
    ]


def _sqlite_triggers(table: str) -> list[DatabaseObject]:
    return [
        trigger(
            f"core_generation_{table}_{verb[0].lower()}",
            table,
            f"CREATE TRIGGER core_generation_{table}_{verb[0].lower()} AFTER {verb} ON {table} "
            f"BEGIN {_RAISE} END",
        )
        for verb in ("INSERT", "UPDATE", "DELETE")
    ]


def triggers() -> dict:
    """The triggers that raise the counter on every change of a watched table."""
    postgresql = [function("core_generation_raise", _RAISE)]
    postgresql += [t for table in WATCHED for t in _pg_triggers(table)]
    return {
        "sqlite": [t for table in WATCHED for t in _sqlite_triggers(table)],
        "postgresql": postgresql,
    }


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
