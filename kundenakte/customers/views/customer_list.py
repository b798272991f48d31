"""The customer list: status filter, A–Z bar, search, tags, sorting and pages, all in the URL.

The same URL serves the page and, to htmx, only the results (plus out-of-band updates of the
heading, status menu and the search form's hidden filters); see customer_list.html.
"""

import math
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import permission_required
from django.db import connections, router
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from kundenakte.core import batch
from kundenakte.customers import columns, listing
from kundenakte.customers.listing import LETTERS, PAGE_SIZE, WITH_NUMBER, WITHOUT_NUMBER
from kundenakte.customers.models import Customer, Person, Tag
from kundenakte.jinja2 import macros

FRAGMENT_TARGET = "customer-list"
PARTS = "customers/customer_list_parts.html"
# The primary contact's columns, joined to each row in page_rows().
_CONTACT_FIELDS = ("title", "first_name", "last_name", "phone", "email")


class _Link:
    """URLs of the list (or a sibling view) with the current filter changed: link(page=2)."""

    def __init__(self, list_filter: listing.ListFilter, name: str = "customers:list"):
        self.filter, self.path = list_filter, reverse(name)

    def __call__(self, **changes) -> str:
        return self._url(self.filter.query_string(**changes))

    def varying(self, key: str, **changes) -> Callable[[Any], str]:
        """link(key=value, **changes) as a function of value, for the links of one menu."""
        query = self.filter.query_with(key, **changes)
        return lambda value: self._url(query(value))

    def _url(self, query: str) -> str:
        return f"{self.path}?{query}" if query else self.path


def classes() -> list[tuple[str, str]]:
    """The two classes of statuses with their menu labels."""
    return [
        (WITH_NUMBER, _("Customers with number")),
        (WITHOUT_NUMBER, _("Customers without number")),
    ]


def heading(selection: listing.Selection) -> str:
    value = selection.filter.status
    if not value:
        return _("All customers")
    if value in (WITH_NUMBER, WITHOUT_NUMBER):
        return dict(classes())[value]
    return selection.statuses_by_id[int(value)].name


def _letter_links(selection, counts, link) -> list[dict]:
    current = selection.filter.letter
    available = counts.letters(selection.status_ids) | {current}
    url = link.varying("letter", page=1)
    return [
        {
            "letter": letter,
            "url": url(letter) if letter in available else None,
            "current": letter == current,
        }
        for letter in LETTERS
    ]


def _status_menu(selection, counts, link) -> list[dict]:
    f = selection.filter
    url = link.varying("status", page=1)

    def entry(value: str, label: str, ids, level: int) -> dict:
        return {
            "label": label,
            "url": url(value),
            "count": counts.total(ids, f.letter) if counts.known else None,
            "current": f.status == value,
            "level": level,
        }

    entries = [entry("", _("All customers"), None, 0)]
    for kind, label in classes():
        statuses = [s for s in selection.statuses if s.kind == kind]
        entries.append(entry(kind, label, {s.pk for s in statuses}, 0))
        entries += [entry(str(s.pk), s.name, {s.pk}, 1) for s in statuses]
    return entries


def _sort_links(link) -> dict[str, dict]:
    """The column headers' links: a click on the current column turns the direction."""
    f, url = link.filter, link.varying("sort", page=1)
    links = {}
    for field in (column.sort for column in columns.listed() if column.sort):
        current = f.sort_field == field
        target = f"-{field}" if current and not f.descending else field
        aria = ("descending" if f.descending else "ascending") if current else None
        links[field] = {"url": url(target), "aria": aria}
    return links


def _pager(link, total: int, shown: int, capped: bool) -> dict:
    """Page links; for a search counted only up to its cap the last page is unknown."""
    page, url = link.filter.page, link.varying("page")
    last = None if capped else max(1, math.ceil(total / PAGE_SIZE))
    more = shown == PAGE_SIZE if capped else page < last
    start = (page - 1) * PAGE_SIZE
    return {
        "number": page,
        "last": last,
        "start": start + 1 if shown else 0,
        "end": start + shown,
        "first_url": url(1) if page > 1 else None,
        "previous_url": url(page - 1) if page > 1 else None,
        "next_url": url(page + 1) if more else None,
        "last_url": url(last) if last and page < last else None,
    }


def _tag_chips(selection, link) -> list[dict]:
    names = selection.filter.tags
    known = {tag.key for tag in selection.tags}
    return [
        {
            "name": name,
            "known": name.casefold() in known,
            "remove_url": link(tags=tuple(t for t in names if t != name), page=1),
        }
        for name in names
    ]


def _links(selection, counts, total: int, shown: int) -> dict:
    f = selection.filter
    link = _Link(f)
    letters = _letter_links(selection, counts, link)
    status_menu = _status_menu(selection, counts, link)
    sort = _sort_links(link)
    pager = _pager(link, total, shown, counts.capped)
    search_hidden = f.pairs(q="", page=1)
    parts = macros(PARTS)
    return {
        "letters": letters,
        "letter_bar": parts.letter_bar(letters, link(letter="", page=1), f.letter),
        "status_menu": status_menu,
        "status_items": parts.status_items(status_menu),
        "sort": sort,
        "headers": parts.headers(columns.listed(), sort),
        "sort_items": parts.sort_items(link.varying("sort", page=1), f.sort),
        "pager": pager,
        "pager_nav": parts.pager_nav(pager, total, counts.capped),
        "tag_chips": _tag_chips(selection, link),
        "archived_url": link(archived=not f.archived, page=1),
        "list_url": link.path,
        "csv_url": _Link(f, "customers:export_csv")(page=1),
        "xlsx_url": _Link(f, "customers:export_xlsx")(page=1),
        "bulk_url": _Link(f, "customers:bulk")(),
        "search_hidden": search_hidden,
        "search_hidden_inputs": parts.hidden_inputs(search_hidden),
        "tag_hidden_inputs": parts.hidden_inputs(f.pairs(page=1)),
    }


def _row_fields() -> list[str]:
    """The customer fields the list's cells read, the kind and id first."""
    fields = {"id": None, "kind": None}
    for column in columns.listed():
        fields.update(dict.fromkeys(column.customer_fields()))
    return list(fields)


def _row(fields: list[str], values: tuple, tags: list[str]) -> dict:
    own = len(fields)
    row = dict(zip(fields, values[:own], strict=True))
    title, first_name, last_name, phone, email = values[own:]
    row["contact"] = " ".join(part for part in (title, first_name, last_name) if part)
    # A firm without a switchboard number or address of its own is reached via its contact.
    row["reach_phone"] = row.get("phone") or phone or ""
    row["reach_email"] = row.get("email") or email or ""
    row["tag_names"] = tags
    return row


def page_rows(selection: listing.Selection, ids: list[int]) -> list[dict]:
    """The customers of a page as plain rows, with status, contact and tags.

    Two queries, whatever the page holds, sent together: the rows with their primary contacts,
    and the tags.
    """
    if not ids:
        return []
    connection = connections[router.db_for_read(Customer)]
    fields = _row_fields()
    found_rows, tag_rows = batch.fetch_all(
        connection, [(_rows_sql(fields, len(ids)), ids), (_tags_sql(len(ids)), ids)]
    )
    found = {values[0]: values for values in found_rows}
    tags = defaultdict(list)
    for customer_id, name in tag_rows:
        tags[customer_id].append(name)
    statuses = selection.statuses_by_id
    detail_url = reverse("customers:detail", args=[0]).removesuffix("0/")
    rows = []
    for pk in (pk for pk in ids if pk in found):
        row = _row(fields, found[pk], tags.get(pk, []))
        row.update(url=f"{detail_url}{pk}/", status=statuses[row["status_id"]])
        rows.append(row)
    return rows


# The two queries of a page are written out, as accounts/backends.py does for permissions:
# through the ORM, building them cost twice what running them does (~1.5 ms of each page).
def _rows_sql(fields: list[str], count: int) -> str:
    selected = [f"c.{name}" for name in fields] + [f"p.{name}" for name in _CONTACT_FIELDS]
    return (
        f"SELECT {', '.join(selected)} FROM {Customer._meta.db_table} c"
        # The condition of the unique index of primary contacts, so that it answers the join.
        f" LEFT JOIN {Person._meta.db_table} p ON p.customer_id = c.id AND p.is_primary"
        f" WHERE c.id IN ({', '.join(['%s'] * count)})"
    )


def _tags_sql(count: int) -> str:
    return (
        f"SELECT link.customer_id, tag.name FROM {Customer.tags.through._meta.db_table} link"
        f" JOIN {Tag._meta.db_table} tag ON tag.id = link.tag_id"
        f" WHERE link.customer_id IN ({', '.join(['%s'] * count)}) ORDER BY tag.key"
    )


def _wants_fragment(request) -> bool:
    # A history restore after the cache missed needs the whole page again.
    htmx = request.htmx
    if not htmx or htmx.history_restore_request:
        return False
    return htmx.target in (None, FRAGMENT_TARGET)


@permission_required("customers.view_customer", raise_exception=True)
def customer_list(request):
    selection = listing.select(request.GET)
    counts = listing.count(selection)
    total = counts.total(selection.status_ids, selection.filter.letter)
    selection.filter = listing.clamp_page(selection.filter, counts, total)
    ids = listing.page(selection, counts)
    can_bulk = request.user.has_perm("customers.change_customer")
    rows = page_rows(selection, ids)
    parts = macros(PARTS)
    context = {
        "filter": selection.filter,
        "heading": heading(selection),
        "total": total,
        "capped": counts.capped,
        "customers": rows,
        "rows": parts.rows(rows, columns.listed(), can_bulk and bool(rows)),
        "colspan": len(columns.listed()),  # of the empty row, which has no select column
        "can_bulk": can_bulk,
        "status_options": parts.status_options(classes(), selection.statuses)
        if can_bulk and ids
        else "",
        "tag_suggest_url": reverse("customers:tag_suggest"),
        "oob": _wants_fragment(request),
        **_links(selection, counts, total, len(ids)),
    }
    template = "customers/customer_list.html" + ("#fragment" if context["oob"] else "")
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response
