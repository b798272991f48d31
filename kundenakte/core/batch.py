"""Several independent queries in one round trip to the database server.

On PostgreSQL every query waits for the server's answer: a list page's rows and their tags are
two waits of ~0.3 ms each. psycopg's client-side binding (Django's default) sends several
statements, parameters bound, in one message and returns one result set each. SQLite answers
in-process and runs one statement per call, so there they simply run one after the other.
"""

from collections.abc import Sequence

from django.db.backends.base.base import BaseDatabaseWrapper


def _one_message(connection: BaseDatabaseWrapper) -> bool:
    return connection.vendor == "postgresql" and not connection.settings_dict.get(
        "OPTIONS", {}
    ).get("server_side_binding")


def fetch_all(
    connection: BaseDatabaseWrapper, queries: Sequence[tuple[str, Sequence]]
) -> list[list[tuple]]:
    """The rows of each (sql, params) query, in order. Statements must not contain ";"."""
    with connection.cursor() as cursor:
        if len(queries) > 1 and _one_message(connection):
            params = [value for _, values in queries for value in values]
            cursor.execute("; ".join(sql for sql, _ in queries), params)
            results = [cursor.fetchall()]
            while cursor.nextset():
                results.append(cursor.fetchall())
            return results
        results = []
        for sql, params in queries:
            cursor.execute(sql, params)
            results.append(cursor.fetchall())
        return results
