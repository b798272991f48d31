"""The customer list: status filter, A–Z bar, search, tags, sorting and pages, all in the URL.

The same URL serves the page and, to htmx, only the results (plus out-of-band updates of the
heading, status menu and the search form's hidden filters); see customer_list.html.
"""

import math
from collections import defaultdict
from functools import lru_cache
from html import escape

from django.contrib.auth.decorators import permission_required
from django.db.models import FilteredRelation, Q
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from kundenakte.customers import listing
from kundenakte.customers.listing import LETTERS, PAGE_SIZE, WITH_NUMBER, WITHOUT_NUMBER
from kundenakte.customers.models import Customer

FRAGMENT_TARGET = "customer-list"
_ROW_FIELDS = ("id", "kind", "number", "short_name", "city", "phone", "email", "status_id")
# The primary contact's columns, joined to each row in page_rows().
_CONTACT_FIELDS = ("contact__title", "contact__first_name", "contact__last_name")
_CONTACT_FIELDS += ("contact__phone", "contact__email")


class _Link:
    """URLs of the list (or a sibling view) with the current filter changed: link(page=2)."""

    def __init__(self, list_filter: listing.ListFilter, name: str = "customers:list"):
        self.filter, self.path = list_filter, reverse(name)

    def __call__(self, **changes) -> str:
        query = self.filter.query_string(**changes)
        return f"{self.path}?{query}" if query else self.path


def heading(selection: listing.Selection) -> str:
    value = selection.filter.status
    if value == WITH_NUMBER:
        return _("Customers with number")
    if value == WITHOUT_NUMBER:
        return _("Customers without number")
    if value:
        return selection.statuses_by_id[int(value)].name
    return _("All customers")


def _letter_links(selection, counts, link) -> list[dict]:
    current = selection.filter.letter
    available = counts.letters(selection.status_ids) | {current}
    return [
        {
            "letter": letter,
            "url": link(letter=letter, page=1) if letter in available else None,
            "current": letter == current,
        }
        for letter in LETTERS
    ]


def _status_menu(selection, counts, link) -> list[dict]:
    f = selection.filter

    def entry(value: str, label: str, ids, level: int) -> dict:
        return {
            "label": label,
            "url": link(status=value, page=1),
            "count": counts.total(ids, f.letter) if counts.known else None,
            "current": f.status == value,
            "level": level,
        }

    entries = [entry("", _("All customers"), None, 0)]
    for kind, label in (
        (WITH_NUMBER, _("Customers with number")),
        (WITHOUT_NUMBER, _("Customers without number")),
    ):
        statuses = [s for s in selection.statuses if s.kind == kind]
        ids = {s.pk for s in statuses}
        entries.append(entry(kind, label, ids, 0))
        entries += [entry(str(s.pk), s.name, {s.pk}, 1) for s in statuses]
    return entries


def _sort_link(link, field: str) -> dict:
    current = link.filter.sort_field == field
    descending = link.filter.descending
    target = f"-{field}" if current and not descending else field
    aria = ("descending" if descending else "ascending") if current else None
    return {"url": link(sort=target, page=1), "aria": aria}


def _sort_menu(link) -> list[dict]:
    options = [
        ("name", _("Short name A–Z")),
        ("-name", _("Short name Z–A")),
        ("number", _("Customer number ascending")),
        ("-number", _("Customer number descending")),
        ("city", _("City A–Z")),
        ("-city", _("City Z–A")),
        ("status", _("Status")),
        ("-created", _("Newest first")),
        ("created", _("Oldest first")),
    ]
    current = link.filter.sort
    return [
        {"label": label, "url": link(sort=value, page=1), "current": value == current}
        for value, label in options
    ]


def _pager(link, total: int, shown: int, capped: bool) -> dict:
    """Page links; for a search counted only up to its cap the last page is unknown."""
    page = link.filter.page
    last = None if capped else max(1, math.ceil(total / PAGE_SIZE))
    more = shown == PAGE_SIZE if capped else page < last
    start = (page - 1) * PAGE_SIZE
    return {
        "number": page,
        "last": last,
        "start": start + 1 if shown else 0,
        "end": start + shown,
        "first_url": link(page=1) if page > 1 else None,
        "previous_url": link(page=page - 1) if page > 1 else None,
        "next_url": link(page=page + 1) if more else None,
        "last_url": link(page=last) if last and page < last else None,
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
    return {
        "letters": _letter_links(selection, counts, link),
        "all_letters_url": link(letter="", page=1),
        "status_menu": _status_menu(selection, counts, link),
        "sort": {field: _sort_link(link, field) for field in ("name", "number", "city", "status")},
        "sort_menu": _sort_menu(link),
        "pager": _pager(link, total, shown, counts.capped),
        "tag_chips": _tag_chips(selection, link),
        "archived_url": link(archived=not f.archived, page=1),
        "reset_url": link.path,
        "csv_url": _Link(f, "customers:export_csv")(page=1),
        "xlsx_url": _Link(f, "customers:export_xlsx")(page=1),
        "bulk_url": _Link(f, "customers:bulk")(),
        "search_hidden": f.pairs(q="", page=1),
        "tag_hidden": f.pairs(page=1),
    }


@lru_cache(maxsize=256)
def _badge(name: str, color: str) -> str:
    # The shared badge partial, rendered once per status and colour rather than once per row.
    context = {"status": {"name": name, "color": color}}
    return render_to_string("customers/partials/status_badge.html", context)


# A Django template variable costs a few microseconds; 50 rows of ten cells were a third of the
# page's time. So a row is one format string, every value escaped here as the template would.
_ROW = (
    '<tr>{select}<td class="name"><a id="customer-{id}" href="{url}">{short_name}</a></td>'
    '<td class="number">{number}</td><td>{city}</td><td>{badge}</td>'
    '<td class="tags">{tags}</td><td class="contact">{contact}</td>'
    '<td class="phone">{phone}</td><td class="email">{email}</td></tr>\n'
)
_SELECT = (
    '<td class="select"><input type="checkbox" name="customer" value="{id}" form="bulk-form"'
    ' aria-labelledby="customer-{id}"></td>'
)


def _link(scheme: str, value: str) -> str:
    value = escape(value)
    return f'<a href="{scheme}:{value}">{value}</a>' if value else ""


def _row_html(row: dict, can_bulk: bool) -> SafeString:
    pk = row["id"]
    return SafeString(
        _ROW.format(
            select=_SELECT.format(id=pk) if can_bulk else "",
            id=pk,
            url=row["url"],
            short_name=escape(row["short_name"]),
            number=escape(row["number"] or "—"),
            city=escape(row["city"]),
            badge=row["badge"],
            tags="".join(f'<span class="tag">{escape(name)}</span>' for name in row["tag_names"]),
            contact=escape(row["contact_name"]),
            phone=_link("tel", row["reach_phone"]),
            email=_link("mailto", row["reach_email"]),
        )
    )


def _row(row: dict, tags: list[str]) -> dict:
    title, first_name, last_name, phone, email = (row.pop(field) for field in _CONTACT_FIELDS)
    row["contact_name"] = " ".join(part for part in (title, first_name, last_name) if part)
    # A firm without a switchboard number or address of its own is reached via its contact.
    row["reach_phone"] = row["phone"] or phone or ""
    row["reach_email"] = row["email"] or email or ""
    row["tag_names"] = tags
    return row


def page_rows(selection: listing.Selection, ids: list[int], can_bulk: bool = False) -> list[dict]:
    """The customers of a page as plain rows, with status badge, contact, tags and its HTML.

    Two queries, whatever the page holds: the rows with their primary contacts, and the tags.
    """
    primary = FilteredRelation("persons", condition=Q(persons__is_primary=True))
    found = Customer.objects.filter(pk__in=ids).annotate(contact=primary)
    found = {row["id"]: row for row in found.values(*_ROW_FIELDS, *_CONTACT_FIELDS)}
    statuses = selection.statuses_by_id
    tags = _tag_names(ids)
    detail_url = reverse("customers:detail", args=[0]).removesuffix("0/")
    rows = []
    for pk in (pk for pk in ids if pk in found):
        row = _row(found[pk], tags.get(pk, []))
        status = statuses[row["status_id"]]
        row.update(url=f"{detail_url}{pk}/", status=status, badge=_badge(status.name, status.color))
        row["html"] = _row_html(row, can_bulk)
        rows.append(row)
    return rows


def _tag_names(customer_ids: list[int]) -> dict[int, list[str]]:
    links = Customer.tags.through.objects.filter(customer_id__in=customer_ids)
    names = defaultdict(list)
    for customer_id, name in links.values_list("customer_id", "tag__name").order_by("tag__key"):
        names[customer_id].append(name)
    return names


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
    context = {
        "filter": selection.filter,
        "heading": heading(selection),
        "total": total,
        "capped": counts.capped,
        "customers": page_rows(selection, ids, can_bulk),
        "statuses": selection.statuses,
        "can_bulk": can_bulk,
        "oob": _wants_fragment(request),
        **_links(selection, counts, total, len(ids)),
    }
    template = "customers/customer_list.html" + ("#fragment" if context["oob"] else "")
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response
