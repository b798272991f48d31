"""The customer list: status filter, A–Z bar, search, tags, sorting and pages, all in the URL.

The same URL serves the page and, to htmx, only the results (plus out-of-band updates of the
heading, status menu and the search form's hidden filters); see customer_list.html.
"""

import math
from collections import defaultdict

from django.contrib.auth.decorators import permission_required
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from kundenakte.customers import listing
from kundenakte.customers.listing import LETTERS, PAGE_SIZE, WITH_NUMBER, WITHOUT_NUMBER
from kundenakte.customers.models import Customer, Person

FRAGMENT_TARGET = "customer-list"
_ROW_FIELDS = ("id", "kind", "number", "short_name", "city", "phone", "email", "status_id")
_CONTACT_FIELDS = ("title", "first_name", "last_name", "phone", "email")


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


def _badges(statuses: dict) -> dict[int, str]:
    # The shared badge partial, rendered once per status rather than once per row.
    template = "customers/partials/status_badge.html"
    return {pk: render_to_string(template, {"status": s}) for pk, s in statuses.items()}


def _row(row: dict, contact: dict | None, tags: list[str]) -> dict:
    contact = contact or {}
    row["contact_name"] = " ".join(
        contact[part] for part in ("title", "first_name", "last_name") if contact.get(part)
    )
    # A firm without a switchboard number or address of its own is reached via its contact.
    row["reach_phone"] = row["phone"] or contact.get("phone", "")
    row["reach_email"] = row["email"] or contact.get("email", "")
    row["tag_names"] = tags
    return row


def page_rows(selection: listing.Selection, ids: list[int]) -> list[dict]:
    """The customers of a page as plain rows, with status badge, contact and tags.

    Four queries, whatever the page holds; plain dicts because a template reads them fastest.
    """
    found = {row["id"]: row for row in Customer.objects.filter(pk__in=ids).values(*_ROW_FIELDS)}
    statuses, badges = selection.statuses_by_id, _badges(selection.statuses_by_id)
    contacts = _primary_contacts(ids, _CONTACT_FIELDS)
    tags = _tag_names(ids)
    detail_url = reverse("customers:detail", args=[0]).removesuffix("0/")
    rows = []
    for pk in (pk for pk in ids if pk in found):
        row = _row(found[pk], contacts.get(pk), tags.get(pk, []))
        row.update(url=f"{detail_url}{pk}/", status=statuses[row["status_id"]])
        row["badge"] = badges[row["status_id"]]
        rows.append(row)
    return rows


def _primary_contacts(customer_ids: list[int], fields) -> dict[int, dict]:
    persons = Person.objects.filter(customer_id__in=customer_ids, is_primary=True).order_by()
    return {row["customer_id"]: row for row in persons.values("customer_id", *fields)}


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
    ids = listing.page_ids(listing.segments(selection, counts), selection.filter.page)
    context = {
        "filter": selection.filter,
        "heading": heading(selection),
        "total": total,
        "capped": counts.capped,
        "customers": page_rows(selection, ids),
        "statuses": selection.statuses,
        "can_bulk": request.user.has_perm("customers.change_customer"),
        "oob": _wants_fragment(request),
        **_links(selection, counts, total, len(ids)),
    }
    template = "customers/customer_list.html" + ("#fragment" if context["oob"] else "")
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response
