"""Small helpers shared by the views of every app."""

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django_htmx.http import HttpResponseClientRedirect


def redirect_after_post(request: HttpRequest, to: str) -> HttpResponse:
    """After a successful POST: a normal redirect, or HX-Redirect when htmx sent the form.

    `to` is a URL, never a view name: `redirect()` would try to reverse a stray word such as a
    `next=abc` and fail with a server error.
    """
    if getattr(request, "htmx", False):
        return HttpResponseClientRedirect(to)
    return HttpResponseRedirect(to)


def safe_next(request: HttpRequest, fallback: str) -> str:
    """The `next` parameter when it is a path on this site, else `fallback`.

    Only absolute paths ("/customers/12/") are taken: a bare word or a date is no place to go
    back to, and a full URL to another host would make us an open redirect.
    """
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if (
        candidate.startswith("/")
        and not candidate.startswith("//")
        and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return candidate
    return fallback
