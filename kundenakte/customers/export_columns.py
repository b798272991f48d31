"""SQL expressions for the export's columns (customers/columns.py), so that the database does
the per-row work.

At 100,000 customers every Python call per row or value shows in the export's time (see
customers/export.py); each column here is computed by the database instead.
"""

import json

from django.db.models import Case, CharField, F, Func, Q, Value, When
from django.db.models.functions import Coalesce, Concat
from django.utils import translation
from django_countries import countries

from kundenakte.customers.addressing import HOME_COUNTRY, letter_salutation
from kundenakte.customers.models import Customer, Salutation, Status

_ANREDE = {Salutation.MR.value: "Herr", Salutation.MS.value: "Frau"}
_COMPANY = Customer.Kind.COMPANY.value
_NO_ADDRESSEE = letter_salutation(None)


def firm(field: str) -> Case:
    """A company's name line; a private person has none."""
    return Case(When(kind=_COMPANY, then=F(field)), default=Value(""))


def per_addressee(column) -> Case:
    """A person column, built by `column(prefix)` from a company's primary contact
    (`contact__…`, NULL when there is none) or from a private person's own fields."""
    return Case(When(kind=_COMPANY, then=column("contact__")), default=column(""))


def text(field: str):
    return lambda prefix: Coalesce(F(f"{prefix}{field}"), Value(""))


def anrede(prefix: str) -> Case:
    field = f"{prefix}salutation"
    whens = [When(**{field: code}, then=Value(word)) for code, word in _ANREDE.items()]
    return Case(*whens, default=Value(""))


def _then_space(prefix: str, field: str) -> Case:
    """The value and a space, or nothing when it is empty: " ".join() of non-empty parts."""
    name = f"{prefix}{field}"
    return Case(When(**{name: ""}, then=Value("")), default=Concat(F(name), Value(" ")))


def briefanrede(prefix: str) -> Case:
    """addressing.letter_salutation() in SQL, so that no row needs a Python call.

    Keep the two in step; test_the_briefanrede_is_the_letter_salutation compares them.
    """
    stored, last = F(f"{prefix}letter_salutation"), F(f"{prefix}last_name")
    title = _then_space(prefix, "title")
    return Case(
        When(**{f"{prefix}id__isnull": True}, then=Value(_NO_ADDRESSEE)),  # no contact
        When(~Q(**{f"{prefix}letter_salutation": ""}), then=stored),
        When(**{f"{prefix}last_name": ""}, then=Value(_NO_ADDRESSEE)),
        When(
            **{f"{prefix}salutation": Salutation.MS},
            then=Concat(Value("Sehr geehrte Frau "), title, last, Value(",")),
        ),
        When(
            **{f"{prefix}salutation": Salutation.MR},
            then=Concat(Value("Sehr geehrter Herr "), title, last, Value(",")),
        ),
        default=Concat(
            Value("Guten Tag "), title, _then_space(prefix, "first_name"), last, Value(",")
        ),
    )


def _country_names() -> dict[str, str]:
    """Country names in German, the home country first, as the CASE below tries them."""
    with translation.override("de"):
        names = {code: str(name) for code, name in countries}
    return {HOME_COUNTRY: names.pop(HOME_COUNTRY), **names}


class _Lookup(Func):
    """`mapping[field]`, or the field itself when it is no key.

    SQLite runs a CASE, which for nearly every row stops at its first key, the home country
    (a JSON lookup costs SQLite an eighth of the query). PostgreSQL prices a CASE of 250
    countries so high that it compiles the query first (JIT), which takes longer than
    running it, so there the mapping travels as one JSON parameter.
    """

    output_field = CharField()

    def __init__(self, field: str, mapping: dict[str, str]):
        self.mapping = mapping
        super().__init__(F(field))

    def as_sql(self, compiler, connection, **extra_context):
        field, params = compiler.compile(self.get_source_expressions()[0])
        whens = " ".join(["WHEN %s THEN %s"] * len(self.mapping))
        pairs = [value for pair in self.mapping.items() for value in pair]
        return f"CASE {field} {whens} ELSE {field} END", (*params, *pairs, *params)

    def as_postgresql(self, compiler, connection, **extra_context):
        field, params = compiler.compile(self.get_source_expressions()[0])
        sql = f"COALESCE((%s)::jsonb ->> {field}, {field})"
        return sql, (json.dumps(self.mapping), *params, *params)


def status(statuses: list[Status]) -> Case:
    whens = [When(status_id=status.pk, then=Value(status.name)) for status in statuses]
    return Case(*whens, default=Value(""))


def country(_statuses: list[Status]) -> _Lookup:
    """The country's German name."""
    return _Lookup("country", _country_names())


class JsonArray(Func):
    """The values as the text of a JSON array, `["…","…"]`, alike on both databases."""

    function = "JSON_ARRAY"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra_context):
        # json_build_array() would separate the values by ", "; an array's JSON has no spaces.
        template = "ARRAY_TO_JSON(ARRAY[%(expressions)s])::text"
        return self.as_sql(compiler, connection, template=template, **extra_context)
