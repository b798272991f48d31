"""Reference data (users, permissions, company settings, statuses, tags) cached through Django's
cache framework, under the database's change counter as the cache version.

Every page reads the signed-in user, their permissions and the company settings, the customer
list also the statuses and tags; they change a few times a month. The counter (one row of
`core_generation`, see kundenakte.core.generation) is raised by triggers in every transaction
that changes one of the WATCHED tables, so a value stored under the counter a request read is
current for exactly as long as the counter stands — in every process, whatever the cache
backend (LocMemCache by default, Redis or Memcached through CACHE_URL).

What keeps it exact:

- `ReferenceData` refuses (ImproperlyConfigured) a model whose table the counter does not
  watch, when it is declared and again when a value is stored: such a cache could not notice a
  change.
- The counter is read once per request, before the first cached value (so a value is never
  older than its version), and only in GET and HEAD requests outside transactions: a request
  that writes reads what it wrote. Without a counter nothing is cached.
- The cache framework pickles what it stores: each request gets its own copies.
"""

from collections.abc import Callable, Iterable
from contextvars import ContextVar
from typing import Any, TypeVar

from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model

from kundenakte.core.generation import WATCHED
from kundenakte.core.models import Generation

T = TypeVar("T")
_UNREAD = object()
# Per request: _UNREAD until the counter is needed, then its value (None: do not cache).
_generation: ContextVar[Any] = ContextVar("reference_generation", default=None)


def current_generation() -> int | None:
    """The change counter as it stands; None when its row is missing."""
    return Generation.objects.filter(pk=1).values_list("value", flat=True).first()


class ReferenceCacheMiddleware:
    """Lets GET and HEAD requests use the reference data cache."""

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request):
        token = _generation.set(_UNREAD if request.method in ("GET", "HEAD") else None)
        try:
            return self.get_response(request)
        finally:
            _generation.reset(token)


def _version() -> int | None:
    if connections[DEFAULT_DB_ALIAS].in_atomic_block:
        return None  # its own changes may still be rolled back
    value = _generation.get()
    if value is _UNREAD:
        value = current_generation()
        _generation.set(value)
    return value


def _check_watched(models: Iterable[type[Model]]) -> None:
    for model in models:
        if model._meta.db_table not in WATCHED:
            raise ImproperlyConfigured(
                f"{model.__name__} cannot be cached as reference data: the change counter does"
                f" not watch its table {model._meta.db_table} (kundenakte.core.generation.WATCHED)"
            )


def _instances(value: Any) -> Iterable[Model]:
    """The model instances in a value (nested in lists, tuples, sets and dicts)."""
    if isinstance(value, Model):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _instances(item)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from _instances(item)


class ReferenceData:
    """One kind of cached reference data, read from the tables of `models`."""

    def __init__(self, name: str, *models: type[Model]) -> None:
        _check_watched(models)
        self.name, self.models = name, models

    def get(self, load: Callable[[], T], *key: Any) -> T:
        """The value under `key`, loaded by `load()` when the cache does not hold it for the
        current counter (or when this request may not use the cache)."""
        version = _version()
        if version is None:
            return load()
        cache_key = ":".join(["reference", self.name, *map(str, key)])
        cache = caches["default"]
        value = cache.get(cache_key, _UNREAD, version=version)
        if value is _UNREAD:
            value = load()
            _check_watched({type(instance) for instance in _instances(value)})
            cache.set(cache_key, value, version=version)
        return value
