"""The list's URL parameters: a ListFilter read from a request, and written into links.

The contract (docs/architecture.md) and what bad values become: see the package docstring.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote_plus, urlencode

from kundenakte.customers.models import Status

LETTERS = (*"ABCDEFGHIJKLMNOPQRSTUVWXYZ", "#")
WITH_NUMBER = Status.Kind.WITH_NUMBER.value
WITHOUT_NUMBER = Status.Kind.WITHOUT_NUMBER.value
SORTS = ("name", "number", "city", "status", "created")
MAX_QUERY_LENGTH = 200
MAX_WORDS = 10
MAX_TAGS = 10

# ListFilter fields in the order of their URL parameters (`tags` as repeated `tag`).
_URL_KEYS = ("q", "status", "letter", "tags", "sort", "archived", "page")


def _params(key: str, value) -> list[tuple[str, str]]:
    """One field of a ListFilter as URL parameters; a default value is left out."""
    if key == "tags":
        return [("tag", tag) for tag in value]
    if key == "sort":
        value = "" if value == "name" else value
    elif key == "archived":
        value = "1" if value else ""
    elif key == "page":
        value = "" if value == 1 else str(value)
    return [(key, value)] if value else []


@dataclass(frozen=True)
class ListFilter:
    """The list's parameters after validation; `status` is "", a class or a status id."""

    q: str = ""
    status: str = ""
    letter: str = ""
    tags: tuple[str, ...] = ()
    sort: str = "name"
    archived: bool = False
    page: int = 1

    @property
    def sort_field(self) -> str:
        return self.sort.removeprefix("-")

    @property
    def descending(self) -> bool:
        return self.sort.startswith("-")

    @property
    def is_filtered(self) -> bool:
        return bool(self.q or self.status or self.letter or self.tags or self.archived)

    def pairs(self, **changes) -> list[tuple[str, str]]:
        """The URL parameters of this filter (defaults left out), with `changes` applied."""
        return [pair for group in self._groups(changes) for pair in group]

    def query_string(self, **changes) -> str:
        return urlencode(self.pairs(**changes))

    def query_with(self, key: str, **changes) -> Callable[[Any], str]:
        """query_string(**changes) as a function of the value of `key`: the links of a menu
        differ in that one parameter, so the others are encoded once, not once per link."""
        parts = [urlencode(group) for group in self._groups(changes)]
        at = _URL_KEYS.index(key)
        before, after = "&".join(filter(None, parts[:at])), "&".join(filter(None, parts[at + 1 :]))

        def query(value) -> str:
            middle = "&".join(f"{name}={quote_plus(v)}" for name, v in _params(key, value))
            return "&".join(filter(None, (before, middle, after)))

        return query

    def _groups(self, changes: dict) -> list[list[tuple[str, str]]]:
        if unknown := changes.keys() - _URL_KEYS:
            raise TypeError(f"ListFilter has no field {', '.join(sorted(unknown))}")
        return [
            _params(key, changes[key] if key in changes else getattr(self, key))
            for key in _URL_KEYS
        ]


def _text(value: str, limit: int) -> str:
    # NUL cannot be stored or compared in PostgreSQL text, and nobody types it.
    return value.replace("\x00", "")[:limit]


def _number(value: str, digits: int) -> int | None:
    value = value.strip()
    if value.isascii() and value.isdigit() and len(value) <= digits:
        return int(value)
    return None


def _parse_query(value: str) -> str:
    return " ".join(_text(value, MAX_QUERY_LENGTH).split()[:MAX_WORDS])


def _parse_status(value: str, status_ids: set[int]) -> str:
    value = value.strip()
    if value in (WITH_NUMBER, WITHOUT_NUMBER):
        return value
    number = _number(value, 18)
    return str(number) if number in status_ids else ""


def _parse_letter(value: str) -> str:
    letter = value.strip().upper()
    return letter if letter in LETTERS else ""


def _parse_tags(values: list[str]) -> tuple[str, ...]:
    names: dict[str, str] = {}
    for value in values[:MAX_TAGS]:
        name = " ".join(_text(value, 50).split())
        if name:
            names.setdefault(name.casefold(), name)
    return tuple(names.values())


def _parse_sort(value: str) -> str:
    value = value.strip()
    return value if value.removeprefix("-") in SORTS else "name"


def _parse_page(value: str) -> int:
    number = _number(value, 9)
    return max(number, 1) if number is not None else 1


def parse_filter(params, status_ids: set[int]) -> ListFilter:
    """Read the list parameters from a QueryDict; see the module docstring for bad values."""
    return ListFilter(
        q=_parse_query(params.get("q", "")),
        status=_parse_status(params.get("status", ""), status_ids),
        letter=_parse_letter(params.get("letter", "")),
        tags=_parse_tags(params.getlist("tag")),
        sort=_parse_sort(params.get("sort", "")),
        archived=params.get("archived", "") == "1",
        page=_parse_page(params.get("page", "")),
    )
