"""CSV and XLSX exports of a customer selection, ready for a mail merge (Serienbrief).

The column names are the merge fields in Word, so they stay German whatever the interface
language is. For a company the person columns come from its primary contact; for a private
person from the customer itself.

At 100,000 customers every Python call per row or value shows in the time, so the database
does the per-row work: each column is an SQL expression with a text output (customers/columns.py).
For the CSV it also packs a row's values into one JSON array, so one string per customer crosses
into Python instead of 18 values; as long as the array holds no escape and no ";", its text
already is the CSV line (see `_csv_text()`). The tags are read before the rows, and the rows
stream in chunks, so memory stays flat.
"""

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import chain, islice

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import (
    Aggregate,
    CharField,
    FilteredRelation,
    Q,
    QuerySet,
)

from kundenakte.core import clean_text
from kundenakte.customers import columns, export_columns, listing, xlsx
from kundenakte.customers.models import Customer, Tag

CHUNK_SIZE = 2000
SQLITE_EXPORT_CACHE = -1000  # KiB; see _small_sqlite_cache
# From this many customers on, the tags of all customers are read rather than those of the
# selection (see _TagNames).
ALL_TAGS_FROM = 10_000
# OWASP / CWE-1236: a spreadsheet evaluates a cell beginning with one of these as a formula.
_FORMULA_STARTS = frozenset("=+-@\t\r")
# ... except a phone number or amount such as "+49 351 123456" or "-12,50": without letters a
# formula can neither call a function nor refer to a cell or another program, so it does no
# harm, and the CSV is for mail merges, where an apostrophe would be printed in the letter.
_NUMBER_LIKE = r"[-+][0-9 ()/.,+\-]*"
_HARMLESS = re.compile(_NUMBER_LIKE + r"\Z")
# In a plain line (see _is_plain) a value starting a formula after a separator; tab and CR
# cannot occur there.
_FORMULA_AFTER_SEPARATOR = re.compile(rf";(?=[=@]|(?!{_NUMBER_LIKE}(?:;|\r\n|\Z))[-+])")


def _neutralised(value: str) -> str:
    value = clean_text.without_unclean(value)  # kept from before the rule, see core.clean_text
    if value[:1] in _FORMULA_STARTS and not _HARMLESS.match(value):
        return f"'{value}"
    return value


def neutralise(row: list[str]) -> list[str]:
    """Prefix would-be formulas with ' so that a spreadsheet shows them as text."""
    return [_neutralised(value) for value in row]


# Reading the selection --------------------------------------------------------------------------


def _with_contact(qs: QuerySet) -> QuerySet:
    """The primary contact joined to each row: one probe of its unique index per customer."""
    primary = FilteredRelation("persons", condition=Q(persons__is_primary=True))
    return qs.annotate(contact=primary)


def _in_list_order(qs: QuerySet) -> QuerySet:
    """`qs`, ordered as the list is, in the cheapest way to read all of it.

    SQLite walking the name index looks up each row and its contact in random order, which
    costs more than reading them in table order and sorting the result (in a temporary
    B-tree on disk, so memory stays flat); asked for the rows by id, it does the latter.
    PostgreSQL chooses by its statistics and needs no such help.
    """
    if connections[qs.db].vendor != "sqlite":
        return qs
    return Customer.objects.filter(pk__in=qs.values("pk")).order_by(*qs.query.order_by)


def _chunks(rows: Iterable, size: int) -> Iterator[list]:
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _streams(connection) -> bool:
    """Whether the database hands over rows in chunks as it produces them: PostgreSQL through
    psycopg 3.2 or newer on libpq 17 or newer."""
    capabilities = getattr(connection.Database, "capabilities", None)
    return connection.vendor == "postgresql" and bool(
        capabilities and capabilities.has_stream_chunked()
    )


@contextmanager
def _small_sqlite_cache(connection):
    """SQLite with a page cache of 1 MB while it reads the export.

    SQLite sorts in memory up to the cache size (8 MB in settings.py) before it spills to
    disk. Once freed, a sort buffer that large makes glibc serve the thread's later large
    allocations from the thread's own malloc arena, which keeps them: after exports on all
    four threads of a worker, 70 MB more than with the small cache. Reading the table in
    order needs no large cache either; the export is not measurably slower.
    """
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        (configured,) = cursor.execute("PRAGMA cache_size").fetchone()
        cursor.execute(f"PRAGMA cache_size = {SQLITE_EXPORT_CACHE}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(configured)}")


def _row_chunks(qs: QuerySet) -> Iterator[list[tuple]]:
    """The rows of `qs` in chunks of CHUNK_SIZE, each as soon as the database has it.

    On PostgreSQL Django's iterator() declares a cursor WITH HOLD, which computes the whole
    result before handing over the first row, and without parallel workers. libpq's chunked
    mode (psycopg's stream(), libpq 17 or newer) hands over each chunk when it is ready, so
    the database computes the next chunk while Python writes this one. The connection can run
    nothing else meanwhile, which is why the tags are read first.
    """
    connection = connections[qs.db]
    if not _streams(connection):
        yield from _chunks(qs.iterator(chunk_size=CHUNK_SIZE), CHUNK_SIZE)
        return
    try:
        sql, params = qs.query.get_compiler(qs.db).as_sql()
    except EmptyResultSet:  # a selection that cannot match (an unknown tag): no rows
        return
    with connection.cursor() as cursor:
        yield from _chunks(cursor.cursor.stream(sql, params, size=CHUNK_SIZE), CHUNK_SIZE)


# Tags -------------------------------------------------------------------------------------------


class _TagIds(Aggregate):
    """A customer's tag ids as one text, "3,17" (in no particular order)."""

    function = "GROUP_CONCAT"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra_context):
        template = "STRING_AGG(%(expressions)s::text, ',')"
        return self.as_sql(compiler, connection, template=template, **extra_context)


class _TagNames(dict):
    """{customer id: "Tag, Tag"} for the selection, in the order of the tag list; customers
    without tags have no entry.

    Read before the rows, in one query: per chunk it would take 50 queries for 100,000
    customers, and on PostgreSQL the connection is busy streaming rows. From ALL_TAGS_FROM
    customers on, every customer's tags are read (a dict of 65,000 entries, a few MB, for
    100,000 customers): one sequential read of the links is cheaper than finding the
    selection's customers among them. The database groups the links per customer; each of
    the few distinct sets of tags is spelled out once and shared by all who have it.
    `escape` spells them as inside a JSON string, for the CSV's JSON arrays.
    """

    def __init__(self, parts: list[tuple[QuerySet, float]], escape: bool = False):
        tags = Tag.objects.order_by("key").values_list("pk", "name")
        self.names = dict(tags)
        self.rank = {pk: rank for rank, pk in enumerate(self.names)}
        self.escape = escape
        self.spelled: dict[str, str] = {}
        links = Customer.tags.through.objects.all()
        if sum(size for _qs, size in parts) < ALL_TAGS_FROM:
            selected = Q(pk__in=[])  # nothing, until each part adds its customers
            for qs, _size in parts:
                selected |= Q(customer_id__in=qs.values("pk"))
            links = links.filter(selected)
        grouped = links.values("customer_id").annotate(tag_ids=_TagIds("tag_id")).order_by()
        rows = chain.from_iterable(_row_chunks(grouped.values_list("customer_id", "tag_ids")))
        super().__init__((pk, self._spell(tag_ids)) for pk, tag_ids in rows)

    def _spell(self, tag_ids: str) -> str:
        if tag_ids not in self.spelled:
            ranked = sorted(map(int, tag_ids.split(",")), key=self.rank.__getitem__)
            names = ", ".join(self.names[pk] for pk in ranked)
            self.spelled[tag_ids] = (
                json.dumps(names, ensure_ascii=False)[1:-1] if self.escape else names
            )
        return self.spelled[tag_ids]


def _parts(
    selection: listing.Selection, escape_tags: bool = False
) -> tuple[list[QuerySet], _TagNames]:
    """The selection in list order, as consecutive querysets with the contact joined, and
    the tags of its customers."""
    parts = listing.segments(selection, listing.count(selection))
    tags = _TagNames(parts, escape=escape_tags)
    return [_with_contact(_in_list_order(qs)) for qs, _size in parts], tags


def _values(selection: listing.Selection) -> tuple[list, list]:
    """The export's SQL values in column order, as those before the tags and those after."""
    values = [column.export_value(selection.statuses) for column in columns.exported()]
    at = values.index(columns.TAGS)
    return values[:at], values[at + 1 :]


def export_rows(selection: listing.Selection) -> Iterator[list[str]]:
    """Every customer of the selection in list order, as export rows (without the header)."""
    before, after = _values(selection)
    at = 1 + len(before)
    querysets, tags = _parts(selection)
    with _small_sqlite_cache(connections[Customer.objects.db]):
        for qs in querysets:
            for chunk in _row_chunks(qs.values_list("pk", *before, *after)):
                yield from ([*row[1:at], tags.get(row[0], ""), *row[at:]] for row in chunk)


# CSV --------------------------------------------------------------------------------------------


def _is_plain(values: str) -> bool:
    """Whether csv.writer would write these values (the inside of a JSON array) as they are,
    joined with ";": none holds a separator, a quote or a line break, and the first does not
    start a formula (the others are neutralised in _plain_text).

    JSON escapes quotes and control characters, line breaks among them, with a backslash;
    the other characters that may not be stored (see core.clean_text) it keeps as they are.
    """
    return (
        "\\" not in values
        and ";" not in values
        and values[:1] not in _FORMULA_STARTS
        and clean_text.is_clean(values)
    )


def _plain_text(lines: list[str]) -> str:
    """Plain lines as CSV text."""
    if not lines:
        return ""
    text = "\r\n".join(lines).replace('","', ";")
    return _FORMULA_AFTER_SEPARATOR.sub(";'", text) + "\r\n"


def _written_line(line: str) -> str:
    """Any other line as csv.writer writes it (quoted where needed) after neutralising."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(neutralise(json.loads(f'["{line}"]')))
    return buffer.getvalue()


def _csv_text(chunk: list[tuple], tags: _TagNames) -> str:
    """A chunk of (id, JSON array of the values before the tags[, of those after]) rows as CSV
    text."""
    # The tags between the arrays' insides, spelled as inside a JSON string.
    lines = [f'{row[1][2:-2]}","{tags.get(row[0], "")}' for row in chunk]
    if chunk and len(chunk[0]) > 2:
        lines = [f'{line}","{row[2][2:-2]}' for line, row in zip(lines, chunk, strict=True)]
    parts, plain = [], []
    for line in lines:
        if _is_plain(line):
            plain.append(line)
        else:
            parts += [_plain_text(plain), _written_line(line)]
            plain = []
    parts.append(_plain_text(plain))
    return "".join(parts)


def csv_chunks(selection: listing.Selection) -> Iterator[bytes]:
    """UTF-8 with BOM, `;`, CRLF, a header row: what Excel in a German locale opens as is.

    One piece of the response per chunk of rows (about 430 kB for 2,000 customers).
    """
    yield ("\ufeff" + ";".join(columns.export_headers()) + "\r\n").encode("utf-8")
    packed = [export_columns.JsonArray(*values) for values in _values(selection) if values]
    querysets, tags = _parts(selection, escape_tags=True)
    with _small_sqlite_cache(connections[Customer.objects.db]):
        for qs in querysets:
            for chunk in _row_chunks(qs.values_list("pk", *packed)):
                yield _csv_text(chunk, tags).encode("utf-8")


# XLSX -------------------------------------------------------------------------------------------


def write_xlsx(rows: Iterable[list[str]], target) -> None:
    """Write the rows into an XLSX file object, under the export headers; every cell is text,
    so postal codes keep their leading zeros, customer numbers stay as written and a would-be
    formula stays inert. See customers/xlsx.py for why the file is not written by a library.
    """
    xlsx.write(target, sheet="Kunden", header=columns.export_headers(), rows=map(_clean, rows))


def _clean(row: list[str]) -> list[str]:
    if clean_text.is_clean("".join(row)):
        return row
    return [clean_text.without_unclean(value) for value in row]  # kept from before the rule
