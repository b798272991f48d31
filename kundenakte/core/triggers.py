"""The SQL of the tables the database keeps, and the migration operation that applies it.

A derived table (a tally, the search index, the change counter) is a model; the triggers and
functions that keep it are defined once, in Python, by a *definition*: a function of no
arguments returning {vendor: [DatabaseObject, ...]}. Migrations apply it with `Triggers`, and
`core/tests/test_database_objects.py` compares what the database holds with the definitions.

Why a migration references the definition instead of a frozen copy of its SQL: the SQL is
generated (per vendor, from constants such as the revenue kinds), and a copy would be ~600 lines
per change that nobody reviews. What Django's advice protects against — a migration that
silently means something else after the code changed — is caught instead by the fingerprint:
each `Triggers` names the fingerprint of the SQL it was written for, and a test fails when the
newest migration of a definition does not name the code's current one. So a change of the SQL
is a new migration (`Triggers(definition, "<new fingerprint>")`), which brings existing
databases up to date; a fresh database gets the current SQL from every `Triggers` in turn.
A definition must therefore only read columns that its first migration already has.

SQLite drops a table's triggers when a migration rebuilds the table (AlterField and friends):
such a migration ends with the same `Triggers(...)` line again. Triggers on *other* tables that
read the rebuilt one make the rebuild fail, so it starts with `DropTriggers(...)`.
"""

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.migrations.operations.base import Operation

Definition = Callable[[], dict[str, list["DatabaseObject"]]]


@dataclass(frozen=True)
class DatabaseObject:
    """A trigger (on `table`) or a PostgreSQL function, with the statement that creates it."""

    name: str
    sql: str
    table: str = ""

    @property
    def is_trigger(self) -> bool:
        return bool(self.table)

    def drop_sql(self, vendor: str) -> str:
        if not self.is_trigger:
            return f"DROP FUNCTION IF EXISTS {self.name}()"
        if vendor == "postgresql":
            return f"DROP TRIGGER IF EXISTS {self.name} ON {self.table}"
        return f"DROP TRIGGER IF EXISTS {self.name}"


def trigger(name: str, table: str, sql: str) -> DatabaseObject:
    return DatabaseObject(name, sql, table)


def function(name: str, body: str) -> DatabaseObject:
    """A PostgreSQL trigger function running `body` (statements ending in ';')."""
    sql = (
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN {body} RETURN NULL; END $$"
    )
    return DatabaseObject(name, sql)


def statement_trigger(name: str, event: str, table: str, referencing: str, func: str):
    """A PostgreSQL statement-level trigger, spelled as pg_get_triggerdef() spells it back."""
    referencing = f" REFERENCING {referencing}" if referencing else ""
    return trigger(
        name,
        table,
        f"CREATE TRIGGER {name} AFTER {event} ON {table}{referencing} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {func}()",
    )


def fingerprint(definition: Definition) -> str:
    """A short hash of everything `definition` creates, on every vendor."""
    objects = definition()
    text = "\n".join(f"{v}:{o.name}:{o.table}:{o.sql}" for v in sorted(objects) for o in objects[v])
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def execute_all(schema_editor, statements: Iterable[str]) -> None:
    for statement in statements:
        schema_editor.execute(statement, params=None)


def refill(schema_editor, *refills: dict[str, list[str]]) -> None:
    """Recompute derived tables from their sources (each a {vendor: statements} of a module)."""
    vendor = schema_editor.connection.vendor
    execute_all(
        schema_editor, [sql for statements in refills for sql in statements.get(vendor, [])]
    )


def create_sql(definition: Definition, vendor: str) -> list[str]:
    """Statements that replace the triggers of `definition` with the code's: drop, then create."""
    objects = definition().get(vendor, [])
    return [o.drop_sql(vendor) for o in objects if o.is_trigger] + [o.sql for o in objects]


def drop_sql(definition: Definition, vendor: str) -> list[str]:
    # Triggers first: a function cannot be dropped while a trigger uses it.
    objects = sorted(definition().get(vendor, []), key=lambda o: not o.is_trigger)
    return [o.drop_sql(vendor) for o in objects]


class Triggers(Operation):
    """Create (or replace) the triggers and functions of a definition; backwards, drop them."""

    reduces_to_sql = True
    reversible = True

    def __init__(self, definition: Definition, fingerprint: str) -> None:
        self.definition = definition
        self.fingerprint = fingerprint

    def deconstruct(self):
        return self.__class__.__qualname__, [self.definition, self.fingerprint], {}

    def state_forwards(self, app_label, state) -> None:
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state) -> None:
        execute_all(schema_editor, create_sql(self.definition, schema_editor.connection.vendor))

    def database_backwards(self, app_label, schema_editor, from_state, to_state) -> None:
        execute_all(schema_editor, drop_sql(self.definition, schema_editor.connection.vendor))

    def describe(self) -> str:
        return f"Create the triggers of {self.definition.__module__}.{self.definition.__name__}"


class DropTriggers(Triggers):
    """Drop the triggers of a definition (before SQLite rebuilds a table they read); backwards,
    create them again, unless `restore=False` (where the tables they write go too)."""

    def __init__(self, definition: Definition, restore: bool = True) -> None:
        super().__init__(definition, fingerprint="")
        self.restore = restore

    def deconstruct(self):
        return self.__class__.__qualname__, [self.definition], {"restore": self.restore}

    def database_forwards(self, app_label, schema_editor, from_state, to_state) -> None:
        execute_all(schema_editor, drop_sql(self.definition, schema_editor.connection.vendor))

    def database_backwards(self, app_label, schema_editor, from_state, to_state) -> None:
        if self.restore:
            execute_all(schema_editor, create_sql(self.definition, schema_editor.connection.vendor))

    def describe(self) -> str:
        return f"Drop the triggers of {self.definition.__module__}.{self.definition.__name__}"
