"""Model instances read by a fixed plain-SQL query, with values converted as the ORM would.

Every request reads the same few rows: its session, its user, the company settings, the customer
statuses. Through the ORM, building and compiling each of those queries costs more than running
it (about 0.3 ms each of a 10 ms page). A `Reader` writes its query once per database and reads
instances with `from_db()`, passing each value through the converters the ORM itself would apply
(SQLite returns booleans as integers and datetimes as text, for example).

The WHERE clause and ORDER BY are plain SQL over the model's own columns with `%s` placeholders;
values are always bound as parameters, never formatted into the SQL.
"""

from collections.abc import Sequence

from django.db import connections, router
from django.db.models import Model


class Reader:
    def __init__(self, model: type[Model], where: str = "", *, order_by: str = "", defer=()):
        self.model, self.where, self.order_by = model, where, order_by
        self.fields = [f.attname for f in model._meta.concrete_fields if f.attname not in defer]
        self._plans: dict[str, tuple] = {}

    def _plan(self, alias: str) -> tuple:
        plan = self._plans.get(alias)
        if plan is None:
            queryset = self.model._default_manager.using(alias).only(*self.fields).order_by()
            compiler = queryset.query.get_compiler(alias)
            compiler.setup_query()
            columns = [expression for expression, _sql, _alias in compiler.select]
            quote = connections[alias].ops.quote_name
            sql = (
                f"SELECT {', '.join(quote(column.target.column) for column in columns)}"
                f" FROM {quote(self.model._meta.db_table)}"
            )
            sql += f" WHERE {self.where}" if self.where else ""
            sql += f" ORDER BY {self.order_by}" if self.order_by else ""
            names = [column.target.attname for column in columns]
            plan = self._plans[alias] = (sql, names, compiler, compiler.get_converters(columns))
        return plan

    def all(self, params: Sequence = ()) -> list[Model]:
        alias = router.db_for_read(self.model)
        sql, names, compiler, converters = self._plan(alias)
        with connections[alias].cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if converters:
            rows = compiler.apply_converters(rows, converters)
        return [self.model.from_db(alias, names, row) for row in rows]

    def first(self, params: Sequence = ()) -> Model | None:
        found = self.all(params)
        return found[0] if found else None
