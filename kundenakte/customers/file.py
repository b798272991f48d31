"""The customer file (Kundenakte): its tabs, overview sections and "Neu" entries.

The customers app must not depend on the apps that attach records to a customer (documents,
tasks), so those apps register what they add to the file here, from their AppConfig.ready().
Every entry names the permission and the module switch it needs; the file shows only what the
user may see and what is switched on.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlencode

from django.urls import get_script_prefix, reverse
from django.utils.functional import Promise

from kundenakte.accounts.modules import module_enabled
from kundenakte.customers.models import Customer


@dataclass(frozen=True)
class Tab:
    key: str
    label: str | Promise
    url_name: str  # reversed with the customer's pk and url_args
    permission: str
    module: str | None = None
    order: int = 50
    url_args: tuple = ()


@dataclass(frozen=True)
class Section:
    """A block of the overview; `context(request, customer)` returns its template's context."""

    key: str
    template: str
    permission: str
    context: Callable[..., dict]
    module: str | None = None
    order: int = 50


@dataclass(frozen=True)
class NewEntry:
    """An entry of the "Neu" menu; its URL gets `?customer=<pk>&next=<file>` inside a file."""

    label: str | Promise
    url_name: str
    permission: str
    module: str | None = None
    order: int = 50
    url_args: tuple = ()


# A counter returns {tab key: number} for one customer, ideally in one query.
Counter = Callable[[Customer], dict[str, int]]

_tabs: list[Tab] = []
_sections: list[Section] = []
_entries: list[NewEntry] = []
_counters: list[Counter] = []


def register(*, tabs=(), sections=(), new_entries=(), counter: Counter | None = None) -> None:
    _tabs.extend(tabs)
    _sections.extend(sections)
    _entries.extend(new_entries)
    if counter is not None:
        _counters.append(counter)


def _visible(request, items):
    allowed = [
        item
        for item in items
        if request.user.has_perm(item.permission) and module_enabled(request, item.module)
    ]
    return sorted(allowed, key=lambda item: item.order)


@dataclass(frozen=True)
class TabLink:
    key: str
    label: str | Promise
    url: str
    count: int | None
    active: bool


def new_entries(request, customer: Customer | None = None) -> list[tuple[str | Promise, str]]:
    """(label, URL) of the "Neu" menu, preassigned to `customer` when one is given."""
    query = ""
    if customer is not None:
        query = "?" + urlencode(
            {"customer": customer.pk, "next": url("customers:detail", customer.pk)}
        )
    return [
        (entry.label, url(entry.url_name, *entry.url_args) + query)
        for entry in _visible(request, _entries)
    ]


_MARK = 918273645  # stands in for a pk in a reversed URL; no URL contains it otherwise


def url(name: str, *args: int | str) -> str:
    """reverse(name, args=args), cached: the overview links to some forty pages, and reverse()
    costs ~20 µs a link. URLs never change while a process runs: a whole number (a pk) is filled
    into the URL reversed once with a stand-in, other arguments are part of the cache key."""
    parts = _url_parts(
        name, tuple(None if isinstance(arg, int) else arg for arg in args), get_script_prefix()
    )
    pks = [f"{arg:d}" for arg in args if isinstance(arg, int)]
    return parts[0] + "".join(pk + part for pk, part in zip(pks, parts[1:], strict=True))


@lru_cache(maxsize=256)
def _url_parts(name: str, args: tuple, script_prefix: str) -> tuple[str, ...]:
    marks = [str(_MARK + index) for index, arg in enumerate(args) if arg is None]
    rest = reverse(
        name, args=[_MARK + index if arg is None else arg for index, arg in enumerate(args)]
    )
    parts = []
    for mark in marks:
        before, _, rest = rest.partition(mark)
        parts.append(before)
    return (*parts, rest)


def file_context(request, customer: Customer, active: str) -> dict:
    """What every page of a customer file needs: the tabs with counts and the "Neu" entries."""
    counts: dict[str, int] = {}
    for counter in _counters:
        counts.update(counter(customer))
    tabs = [
        TabLink(
            tab.key,
            tab.label,
            url(tab.url_name, customer.pk, *tab.url_args),
            counts.get(tab.key),
            tab.key == active,
        )
        for tab in _visible(request, _tabs)
    ]
    return {
        "customer": customer,
        "file_tabs": tabs,
        "file_new": new_entries(request, customer),
        "file_links": {name: url(f"customers:{name}", customer.pk) for name in _FILE_LINKS},
    }


_FILE_LINKS = ("edit", "assign_number", "archive", "delete")  # the actions in a file's header


def overview_sections(request, customer: Customer) -> list[dict]:
    """The overview's sections in order, each as {"template": ..., **its context}."""
    return [
        {"key": section.key, "template": section.template, **section.context(request, customer)}
        for section in _visible(request, _sections)
    ]
