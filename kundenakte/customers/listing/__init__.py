"""The customer list's selection: its filters read from the URL, its counts, order and pages.

The URL contract (see docs/architecture.md): `q`, `status`, `letter`, `tag` (repeatable), `sort`
and `page`, plus `archived=1` for the archive (only archived customers). The list, the exports
and the bulk actions all read their selection through `select()`, so they always agree.

Bad values never fail a request: an unknown sort, letter or status falls back to the default,
page numbers are clamped, text is cut to size, and a tag that does not exist selects nothing —
so a bookmark of a since deleted status or tag still opens.
"""

import math
from collections import defaultdict
from dataclasses import replace
from functools import cached_property

from django.db.models import Count, QuerySet

from kundenakte.core import batch
from kundenakte.customers import tally
from kundenakte.customers.listing import scan
from kundenakte.customers.listing.params import (
    LETTERS,
    WITH_NUMBER,
    WITHOUT_NUMBER,
    ListFilter,
)
from kundenakte.customers.listing.selection import Selection, select

# What views and exports take from the package; the selection itself is in selection.py.
__all__ = [
    "LETTERS",
    "WITH_NUMBER",
    "WITHOUT_NUMBER",
    "ListFilter",
    "Selection",
    "clamp_page",
    "count",
    "page",
    "segments",
    "select",
]

PAGE_SIZE = 50
# A search for a common word is counted only up to COUNT_CAP ("more than 500 customers");
# a word is common when it is in one of ten of the first SAMPLE_SIZE customers in name order
# (see _search_counts()).
COUNT_CAP = 500
SAMPLE_SIZE = 256
# A common word within tags, in a status and letter range of at most this many customers, is
# tested only on the rows of the tagged ones (see Selection.tagged_first()).
TAGGED_FIRST_SPAN = 20_000
# The A–Z bar groups "#" (digits, symbols) before A, so the name order is (initial, sort_key):
# DIN 5007 puts digits before letters, and every letter group is one range of an index.
NAME_ORDER = ("initial", "sort_key", "id")
_ORDERS = {
    "name": NAME_ORDER,
    "city": ("city", *NAME_ORDER),
    "created": ("created_at", "id"),
}


class Counts:
    """Customers per (status id, initial) of a selection, before its letter and status filter.

    One grouped query (or a tally) answers the total, which letters have customers, and how
    many each entry of the status menu would show. `everyone` counts the same for all active
    (or archived) customers, which tells how selective a search or tag filter is.

    A search for a word most customers contain is not counted that way (see _search_counts):
    then `by_key` is None, only the selection itself is counted, up to COUNT_CAP, and
    `use_index` is False because asking the search index for every match costs more than
    testing the rows a page reads.
    """

    def __init__(self, by_key, everyone=None, *, selected: int = 0, use_index: bool = True):
        self.by_key = by_key
        self.everyone = everyone or self
        self.selected = selected
        self.use_index = use_index
        # The first COUNT_CAP ids of the selection in list order, when counting read them.
        self.ordered: list[int] | None = None
        # (page number, its ids) when counting read that page too.
        self.prefetched: tuple[int, list[int]] | None = None

    @property
    def known(self) -> bool:
        return self.by_key is not None

    @property
    def capped(self) -> bool:
        return not self.known and self.selected >= COUNT_CAP

    @cached_property
    def _per_status(self) -> dict[int, int]:
        # The status menu asks for a dozen totals; each is then a few lookups, not a walk.
        totals: dict[int, int] = defaultdict(int)
        for (status_id, _initial), n in self.by_key.items():
            totals[status_id] += n
        return totals

    def total(self, status_ids=None, letter: str = "") -> int:
        if not self.known:
            return self.selected
        if status_ids is None:
            status_ids = self._per_status
        if letter:
            return sum(self.by_key.get((status_id, letter), 0) for status_id in status_ids)
        return sum(self._per_status.get(status_id, 0) for status_id in status_ids)

    def letters(self, status_ids=None) -> set[str]:
        if not self.known:
            return set(LETTERS)
        return {
            initial
            for (status_id, initial), n in self.by_key.items()
            if n and (status_ids is None or status_id in status_ids)
        }


def _grouped(qs: QuerySet) -> dict:
    rows = qs.values_list("status_id", "initial").annotate(n=Count("pk")).order_by()
    return {(status_id, initial): n for status_id, initial, n in rows}


def _search_counts(selection: Selection, everyone: Counts, sample: tuple[int, int]) -> Counts:
    """Counts of a search; one for a common word only counts its selection, up to COUNT_CAP.

    A word is common when one in ten customers or more contains it, judged by `sample`: how
    many of the first SAMPLE_SIZE customers in name order there are, and how many contain it.
    Counting the 80,000 matches of "gmbh" per status and letter means reading 80,000 rows,
    and so does asking the index for them; the page's own selection (status, letter and tags
    applied) is counted by testing rows until five hundred are found, and its page read in the
    same round trip. The status menu then shows no numbers and every letter stays enabled.
    Sorting by status or number needs the exact counts, so those are always counted.
    """
    sampled, hits = sample
    if not (sampled and hits * 10 >= sampled):
        return Counts(_grouped(selection.matching(walk=False)), everyone)
    f = selection.filter
    if f.sort_field in ("status", "number"):
        by_key = _grouped(selection.matching(walk=False, use_index=False))
        return Counts(by_key, everyone, use_index=False)
    counts = Counts(None, everyone, use_index=False)
    order = _order(_ORDERS[f.sort_field], f.descending)
    if _tagged_first(selection, counts):
        # These few rows are read anyway: in list order they also give the first pages.
        counts.ordered = scan.tagged_first_ids(selection, order, COUNT_CAP)
        counts.selected = len(counts.ordered)
        return counts
    found = scan.count_query(selection, COUNT_CAP)
    page = scan.page_query(selection, order, (f.page - 1) * PAGE_SIZE, PAGE_SIZE)
    if found is None or page is None:  # the filter selects nobody
        counts.prefetched = (f.page, [])
        return counts
    found, page = batch.fetch_all(scan.connection(), [found, page])
    counts.selected = found[0][0]
    counts.prefetched = (f.page, [pk for (pk,) in page])
    return counts


def count(selection: Selection) -> Counts:
    """Counts from the tallies when they cover the filter, else one grouped query. The tallies
    and, for a search, the sample that tells a common word go in one round trip."""
    f = selection.filter
    queries = [tally.tally_query(archived=f.archived)]
    if not selection.unknown_tag:
        if f.q:
            queries.append(scan.sample_query(f.archived, SAMPLE_SIZE, f.q, NAME_ORDER))
        elif len(selection.tags) == 1:
            queries.append(tally.tally_query(archived=f.archived, tag_id=selection.tags[0].pk))
    results = batch.fetch_all(scan.connection(), queries)
    everyone = Counts(tally.tally_counts(results[0]))
    if selection.unknown_tag:
        return Counts({}, everyone)
    if f.q:
        return _search_counts(selection, everyone, results[1][0])
    if len(selection.tags) > 1:
        return Counts(_grouped(selection.matching(walk=False)), everyone)
    if selection.tags:
        return Counts(tally.tally_counts(results[1]), everyone)
    return everyone


def _tagged_first(selection: Selection, counts: Counts) -> bool:
    """Whether selection.tagged_first() pays: for a counted-to-the-cap search within tags."""
    span = counts.everyone.total(selection.status_ids, selection.filter.letter)
    return not counts.known and bool(selection.tags) and span <= TAGGED_FIRST_SPAN


def clamp_page(list_filter: ListFilter, counts: Counts, total: int) -> ListFilter:
    """A page past the end shows the last page (when the end is known)."""
    if counts.capped:
        return list_filter
    last = max(1, math.ceil(total / PAGE_SIZE))
    return replace(list_filter, page=min(list_filter.page, last))


def _order(fields: tuple[str, ...], descending: bool) -> list[str]:
    return [f"-{field}" for field in fields] if descending else list(fields)


def _walks(selection: Selection, counts: Counts) -> bool:
    """Whether to walk a list-order index rather than fetch every match and sort them.

    A walk reads index entries in list order until the page is full: about (offset + 50) /
    density of them, at most the whole index range of the status and letter filter. Fetching
    looks up every row the search or tag index yields, each some five times the cost of an
    index entry. Without a search or tag filter there is nothing to fetch from.
    """
    if not selection.filtered_by_index or not counts.known:
        return True
    status_ids, letter = selection.status_ids, selection.filter.letter
    matched = counts.total(status_ids, letter)
    span = counts.everyone.total(status_ids, letter)
    walk = min(span, selection.filter.page * PAGE_SIZE * span / max(matched, 1))
    return walk < 5 * counts.total()


def _status_segments(selection: Selection, counts: Counts, qs: QuerySet) -> list:
    allowed = selection.status_ids
    statuses = [s for s in selection.statuses if allowed is None or s.pk in allowed]
    if selection.filter.descending:
        statuses.reverse()
    letter = selection.filter.letter
    return [
        (qs.filter(status_id=s.pk).order_by(*NAME_ORDER), counts.total({s.pk}, letter))
        for s in statuses
    ]


def _number_segments(selection: Selection, counts: Counts, qs: QuerySet) -> list:
    # A customer has a number exactly when its status is of the class with number (a rule every
    # service keeps), so the per-status counts size the two segments.
    allowed, letter = selection.status_ids, selection.filter.letter
    kinds = {s.pk: s.kind for s in selection.statuses if allowed is None or s.pk in allowed}
    with_number = {pk for pk, kind in kinds.items() if kind == WITH_NUMBER}
    numbered = qs.filter(number__isnull=False).order_by(
        "-number" if selection.filter.descending else "number"
    )
    unnumbered = qs.filter(number__isnull=True).order_by(*NAME_ORDER)
    return [
        (numbered, counts.total(with_number, letter)),
        (unnumbered, counts.total(set(kinds) - with_number, letter)),
    ]


def segments(selection: Selection, counts: Counts) -> list[tuple[QuerySet, int]]:
    """The selection in list order as consecutive (queryset, size) parts.

    Sorting by status or number would otherwise sort the whole selection on every request; as
    parts, each is one index range, and the counts tell which parts a page falls into.
    """
    total = counts.total(selection.status_ids, selection.filter.letter)
    walk = _walks(selection, counts)
    if _tagged_first(selection, counts):
        qs = selection.tagged_first()
    else:
        qs = selection.queryset(walk=walk, use_index=counts.use_index)
    sort = selection.filter.sort_field
    if sort == "status":
        return _status_segments(selection, counts, qs)
    if sort == "number":
        return _number_segments(selection, counts, qs)
    qs = qs.order_by(*_order(_ORDERS[sort], selection.filter.descending))
    if sort == "name" and walk and counts.known and not selection.filter.letter:
        return _name_segments(selection, counts, qs, total)
    return [(qs, math.inf if counts.capped else total)]


def _name_segments(selection: Selection, counts: Counts, qs: QuerySet, total: int) -> list:
    """Name order as two parts, the letters before the page's and the rest: page 1,000 then
    starts at its letter's index range instead of walking the 50,000 entries before it."""
    offset = (selection.filter.page - 1) * PAGE_SIZE
    letter, skipped = _letters_before(selection, counts, offset)
    if not skipped:
        return [(qs, total)]
    before, rest = ("gt", "lte") if selection.filter.descending else ("lt", "gte")
    return [
        (qs.filter(**{f"initial__{before}": letter}), skipped),
        (qs.filter(**{f"initial__{rest}": letter}), total - skipped),
    ]


def _letters_before(selection: Selection, counts: Counts, offset: int) -> tuple[str | None, int]:
    """The letter the name-ordered customer at `offset` starts with, and how many customers the
    letters before it hold; (None, 0) past the end."""
    skipped = 0
    for letter in sorted(LETTERS, reverse=selection.filter.descending):  # "#" before "A"
        size = counts.total(selection.status_ids, letter)
        if skipped + size > offset:
            return letter, skipped
        skipped += size
    return None, 0


def page(selection: Selection, counts: Counts) -> list[int]:
    """The ids on the selection's page (its filter's page), in list order."""
    offset, ordered = (selection.filter.page - 1) * PAGE_SIZE, counts.ordered
    if counts.prefetched is not None and counts.prefetched[0] == selection.filter.page:
        return counts.prefetched[1]
    if ordered is not None and (offset + PAGE_SIZE <= len(ordered) or not counts.capped):
        return ordered[offset : offset + PAGE_SIZE]
    f = selection.filter
    if f.sort_field in _ORDERS and _walks_in_sql(selection, counts):
        # A walk in list order along an index, written out in scan.py; deep pages in name
        # order start at their letter, as in _name_segments().
        start, order = None, _order(_ORDERS[f.sort_field], f.descending)
        if f.sort_field == "name" and counts.known and not f.letter:
            start, skipped = _letters_before(selection, counts, offset)
            offset -= skipped
        return scan.page_ids(selection, order, offset, PAGE_SIZE, start=start)
    return page_ids(segments(selection, counts), selection.filter.page)


def _walks_in_sql(selection: Selection, counts: Counts) -> bool:
    """Whether the page is a walk scan.page_ids() writes: a common word counted to the cap,
    or no search at all where segments() would walk."""
    if not counts.known:
        return not _tagged_first(selection, counts)
    return not selection.filter.q and _walks(selection, counts)


def page_ids(parts: list[tuple[QuerySet, int]], page: int) -> list[int]:
    """The ids on a page, read from the indexes alone before any row is loaded.

    A part of at most COUNT_CAP customers is read whole and cut here. Asked for its first 50
    only, PostgreSQL may take a rare search word for a common one (its statistics know nothing
    of words inside a text) and walk the list's index through 100,000 rows to find the ten that
    match (seen: 70 ms instead of 0.1 ms); asked for all of them, it asks the trigram index.
    """
    offset, ids = (page - 1) * PAGE_SIZE, []
    for qs, size in parts:
        if offset >= size:
            offset -= size
            continue
        wanted = slice(offset, offset + PAGE_SIZE - len(ids))
        pks = qs.values_list("pk", flat=True)
        ids += list(pks)[wanted] if size <= COUNT_CAP else pks[wanted]
        offset = 0
        if len(ids) >= PAGE_SIZE:
            break
    return ids
