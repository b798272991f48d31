"""Model instances read by plain SQL, with values converted as the ORM would.

Every request reads the same few rows: its session, its user, the company settings, the customer
statuses, the customer of a file. Through the ORM, building and compiling each of those queries
costs more than running it (about 0.3 ms each of a 10 ms page). A `Reader` writes its query once
per database; `columns()` and `from_row()` serve queries that join several tables. Each value
passes through the converters the ORM itself would apply (SQLite returns booleans as integers
and datetimes as text, for example).

WHERE clauses and ORDER BY are plain SQL over the model's own columns with `%s` placeholders;
values are always bound as parameters, never formatted into the SQL.
"""

from collections.abc import Sequence
from functools import lru_cache
from typing import TypeVar

from django.db import connections, router
from django.db.models import Model

M = TypeVar("M", bound=Model)


def _fields(model: type[Model], names: tuple[str, ...] | None) -> list:
    fields = model._meta.concrete_fields
    return list(fields) if names is None else [f for f in fields if f.attname in names]


def columns(model: type[Model], alias: str, connection, names: tuple[str, ...] | None = None):
    """The columns of `model` (all, or those of the attribute `names`) in the order from_row()
    expects them, as `alias.column`."""
    quote = connection.ops.quote_name
    return ", ".join(f"{alias}.{quote(field.column)}" for field in _fields(model, names))


def from_row(model: type[M], values, connection, names: tuple[str, ...] | None = None) -> M:
    """An instance of `model` from the values of columns(model, …, names), converted as the ORM
    converts them; fields not among `names` are deferred. A row of NULLs from an outer join
    gives pk None."""
    converters = _converters(model, connection.alias, names)
    if converters:
        values = list(values)
        for index, expression, functions in converters:
            for convert in functions:
                values[index] = convert(values[index], expression, connection)
    attnames = None if names is None else [f.attname for f in _fields(model, names)]
    return model.from_db(connection.alias, attnames, values)


@lru_cache(maxsize=64)
def _converters(model: type[Model], alias: str, names: tuple[str, ...] | None) -> tuple:
    # Once per model, fields and database: they depend on the backend only.
    connection, found = connections[alias], []
    for index, field in enumerate(_fields(model, names)):
        expression = field.get_col(model._meta.db_table)
        functions = connection.ops.get_db_converters(expression)
        functions += field.get_db_converters(connection)
        if functions:
            found.append((index, expression, tuple(functions)))
    return tuple(found)


class Reader:
    """Instances of one model by a fixed WHERE clause (and ORDER BY), in one plain query."""

    def __init__(self, model: type[Model], where: str = "", *, order_by: str = "", defer=()):
        self.model, self.where, self.order_by = model, where, order_by
        kept = [f.attname for f in model._meta.concrete_fields if f.attname not in defer]
        self.names = tuple(kept) if defer else None
        self._sql: dict[str, str] = {}

    def _query(self, connection) -> str:
        sql = self._sql.get(connection.alias)
        if sql is None:
            table = connection.ops.quote_name(self.model._meta.db_table)
            sql = f"SELECT {columns(self.model, table, connection, self.names)} FROM {table}"
            sql += f" WHERE {self.where}" if self.where else ""
            sql += f" ORDER BY {self.order_by}" if self.order_by else ""
            self._sql[connection.alias] = sql
        return sql

    def all(self, params: Sequence = ()) -> list[Model]:
        connection = connections[router.db_for_read(self.model)]
        with connection.cursor() as cursor:
            cursor.execute(self._query(connection), params)
            rows = cursor.fetchall()
        return [from_row(self.model, row, connection, self.names) for row in rows]

    def first(self, params: Sequence = ()) -> Model | None:
        found = self.all(params)
        return found[0] if found else None
