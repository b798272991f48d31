"""Walks along the list's indexes in plain SQL: a page, and a common search word's counts.

When one customer in ten or more contains the words (listing._search_counts), asking the search
index for every match costs more than testing the rows a page reads: the list walks an index in
list order and tests each row's search text, and counts only up to COUNT_CAP. These three
queries (the sample, the capped count, the page) run on every keystroke of such a search; built
through the ORM they cost more than running them did. A page without a search, which walks
an index the same way, is read here too. They select what `Selection.queryset()` selects
when it walks, which the tests hold them to.
"""

from django.db import connections, router

from kundenakte.core import text
from kundenakte.customers import tag_members
from kundenakte.customers.models import Customer

CUSTOMERS = Customer._meta.db_table
LINKS = Customer.tags.through._meta.db_table


def connection():
    return connections[router.db_for_read(Customer)]


Query = tuple[str, list]


def contains_all(connection, column: str, terms: list[tuple[str, ...]]) -> tuple[str, list[str]]:
    """SQL that `column` contains every word in one of its spellings, with its parameters:
    Customer.matching()'s test without an index. PostgreSQL's strpos() tests a row a fifth
    faster than LIKE (a common word's capped count: 2.2 → 1.8 ms); on SQLite LIKE is the
    faster one. Search text and words are both lower-case, so neither test needs to fold case.
    """
    if connection.vendor == "postgresql":
        test, params = f"strpos({column}, %s) > 0", [s for spellings in terms for s in spellings]
    else:
        test = f"{column} LIKE %s ESCAPE '\\'"
        params = [f"%{connection.ops.prep_for_like_query(s)}%" for ss in terms for s in ss]
    parts = [" OR ".join([test] * len(spellings)) for spellings in terms]
    return " AND ".join(f"({part})" for part in parts), params


def _fetch(sql: str, params: list) -> list[tuple]:
    with connection().cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def sample_query(archived: bool, size: int, query: str, order: tuple[str, ...]) -> Query:
    """How many of the first `size` customers in `order` there are, and how many of them contain
    the words of `query`, read along the order's index in one pass."""
    condition, params = contains_all(connection(), "sample.search_text", text.search_terms(query))
    hits = f"CASE WHEN {condition} THEN 1 ELSE 0 END" if condition else "1"
    sql = (
        f"SELECT count(*), coalesce(sum({hits}), 0) FROM (SELECT search_text FROM {CUSTOMERS}"
        f" WHERE archived IN (%s) ORDER BY {', '.join(order)} LIMIT %s) sample"
    )
    return sql, [*params, archived, size]


def sample_hits(archived: bool, size: int, query: str, order: tuple[str, ...]) -> int:
    """How many of the first `size` customers in `order` contain the words of `query`."""
    return _fetch(*sample_query(archived, size, query, order))[0][1]


def _where(selection, row: str = "c", search: bool = True) -> tuple[str, list] | None:
    """The selection's conditions on customers `row`; None when it selects nobody."""
    f, status_ids = selection.filter, selection.status_ids
    if selection.unknown_tag or status_ids == set():
        return None
    conditions, params = [f"{row}.archived IN (%s)"], [f.archived]
    if status_ids is not None:
        conditions.append(f"{row}.status_id IN ({', '.join(['%s'] * len(status_ids))})")
        params += sorted(status_ids)
    if f.letter:
        conditions.append(f"{row}.initial = %s")
        params.append(f.letter)
    for tag in selection.tags:
        # Probed per row in the (customer, tag) index, as the walk reads the rows.
        conditions.append(
            f"EXISTS (SELECT 1 FROM {LINKS} link WHERE link.customer_id = {row}.id"
            " AND link.tag_id = %s)"
        )
        params.append(tag.pk)
    terms = text.search_terms(f.q) if search else []
    if terms:
        condition, like_params = contains_all(connection(), f"{row}.search_text", terms)
        conditions.append(condition)
        params += like_params
    return " AND ".join(conditions), params


def _order_by(order: list[str]) -> str:
    return ", ".join(f"c.{name[1:]} DESC" if name[0] == "-" else f"c.{name}" for name in order)


def count_query(selection, cap: int) -> Query | None:
    """The selection's size, counted no further than `cap`; None when it selects nobody."""
    where = _where(selection)
    if where is None:
        return None
    sql = f"SELECT count(*) FROM (SELECT 1 FROM {CUSTOMERS} c WHERE {where[0]} LIMIT %s) found"
    return sql, [*where[1], cap]


def count_to(selection, cap: int) -> int:
    """The selection's size, counted no further than `cap`."""
    query = count_query(selection, cap)
    return 0 if query is None else _fetch(*query)[0][0]


def page_query(
    selection, order: list[str], offset: int, limit: int, start: str | None = None
) -> Query | None:
    """The ids of `limit` customers of the selection from `offset` on, in `order` (field names,
    "-" for descending, as QuerySet.order_by takes them); with `start`, counted from the first
    customer whose initial is `start` (or, descending, the last). None when it selects nobody."""
    where = _where(selection)
    if where is None:
        return None
    sql, params = f"SELECT c.id FROM {CUSTOMERS} c WHERE {where[0]}", where[1]
    if start is not None:
        sql += " AND c.initial <= %s" if order[0][0] == "-" else " AND c.initial >= %s"
        params = [*params, start]
    sql += f" ORDER BY {_order_by(order)} LIMIT %s OFFSET %s"
    return sql, [*params, limit, offset]


def page_ids(
    selection, order: list[str], offset: int, limit: int, start: str | None = None
) -> list[int]:
    """The ids page_query() selects."""
    query = page_query(selection, order, offset, limit, start)
    return [] if query is None else [pk for (pk,) in _fetch(*query)]


def tagged_first_ids(selection, order: list[str], limit: int) -> list[int]:
    """Selection.tagged_first() in `order`, its first `limit` ids: the customers of the first
    tag in the status and letter range come from one index range of customers.tag_members
    (any further tags probed in the link index), and only their rows are tested for the
    words."""
    f, status_ids = selection.filter, selection.status_ids
    if selection.unknown_tag or status_ids == set() or not selection.tags:
        return []
    first, *others = selection.tags
    conditions, params = ["m.tag_id = %s", "m.archived = %s"], [first.pk, f.archived]
    if status_ids is not None:
        conditions.append(f"m.status_id IN ({', '.join(['%s'] * len(status_ids))})")
        params += sorted(status_ids)
    if f.letter:
        conditions.append("m.initial = %s")
        params.append(f.letter)
    for tag in others:
        conditions.append(
            f"EXISTS (SELECT 1 FROM {LINKS} link WHERE link.customer_id = m.customer_id"
            " AND link.tag_id = %s)"
        )
        params.append(tag.pk)
    archived = "c.archived" if f.archived else "NOT c.archived"
    condition, like_params = contains_all(connection(), "c.search_text", text.search_terms(f.q))
    sql = (
        f"SELECT c.id FROM {CUSTOMERS} c WHERE {archived} AND c.id IN"
        f" (SELECT m.customer_id FROM {tag_members.TABLE} m WHERE {' AND '.join(conditions)})"
        f" AND {condition or '1 = 1'} ORDER BY {_order_by(order)} LIMIT %s"
    )
    return [pk for (pk,) in _fetch(sql, [*params, *like_params, limit])]
