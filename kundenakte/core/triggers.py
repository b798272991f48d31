"""Running the raw SQL of the database objects Django's models don't describe: the customer
search index and tallies, the document tallies. Each module keeps its own statements."""

from collections.abc import Iterable, Sequence

from django.db.backends.base.base import BaseDatabaseWrapper


def execute_all(connection: BaseDatabaseWrapper, statements: Iterable[str]) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def sqlite_triggers_missing(connection: BaseDatabaseWrapper, names: Sequence[str]) -> bool:
    """Whether any of the named triggers is gone, as when a migration rebuilt its table."""
    placeholders = ", ".join(["%s"] * len(names))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
            f"AND name IN ({placeholders})",
            list(names),
        )
        return cursor.fetchone()[0] < len(names)
