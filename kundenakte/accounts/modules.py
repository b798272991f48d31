"""The modules a firm switches on or off (quotes, invoices, delivery notes, tasks).

A module that is off disappears everywhere: navigation, customer file, "Neu" menu, and its URLs
answer 404 as if they did not exist.
"""

from collections.abc import Callable
from functools import wraps

from django.http import Http404, HttpRequest

from kundenakte.accounts.models import CompanySettings
from kundenakte.core import generation
from kundenakte.core.reader import Reader

# The logo (a PDF's) stays in the database until something asks for it.
_READER = Reader(CompanySettings, "id = %s", defer=("logo",))


def company_settings(request: HttpRequest) -> CompanySettings:
    """The company settings, read once per request (and cached while they stand, see
    kundenakte.core.generation): most pages need the module switches."""
    if not hasattr(request, "_company_settings"):
        found = generation.cached("company_settings", _read)
        request._company_settings = generation.clone(found)
    return request._company_settings


def _read() -> CompanySettings:
    return _READER.first([1]) or CompanySettings.load()


def module_enabled(request: HttpRequest, flag: str | None) -> bool:
    return flag is None or bool(getattr(company_settings(request), flag))


def module_required(flag: str) -> Callable:
    """View decorator: 404 while the module behind `flag` (e.g. "tasks_enabled") is off."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not module_enabled(request, flag):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
