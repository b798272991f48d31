"""The reference data's change counter: one row of `core_generation`, raised by triggers in every
transaction that changes one of the WATCHED tables (users, groups and permissions, company
settings, statuses, tags). kundenakte.core.reference uses it as the version of their cache.

- The counter is raised inside the changing transaction (on PostgreSQL as it commits): whoever
  reads the new counter also reads the new data.
- The counter starts at a random value, so a counter that is removed and created again never
  repeats an old one.

The counter is the model Generation; its triggers are `triggers()`, applied by migrations
(kundenakte.core.triggers). A migration that rebuilds a watched table on SQLite applies them again.
"""

from django.db.backends.base.base import BaseDatabaseWrapper

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
# NULL when the row is missing.
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
