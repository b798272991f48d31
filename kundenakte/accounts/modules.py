"""The modules a firm switches on or off (quotes, invoices, delivery notes, tasks).

A module that is off disappears everywhere: navigation, customer file, "Neu" menu, and its URLs
answer 404 as if they did not exist.
"""

from collections.abc import Callable
from functools import wraps

from django.http import Http404, HttpRequest

from kundenakte.accounts.models import CompanySettings
from kundenakte.core.reference import ReferenceData

SETTINGS = ReferenceData("company_settings", CompanySettings)


def company_settings(request: HttpRequest) -> CompanySettings:
    """The company settings, read once per request (and cached while they stand, see
    kundenakte.core.reference): most pages need the module switches."""
    if not hasattr(request, "_company_settings"):
        request._company_settings = SETTINGS.get(_read)
    return request._company_settings


def _read() -> CompanySettings:
    # The logo (a PDF's) stays in the database until something asks for it.
    return CompanySettings.objects.defer("logo").filter(pk=1).first() or CompanySettings.load()


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
