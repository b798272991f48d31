"""Small helpers shared by the views of every app."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django_htmx.http import HttpResponseClientRedirect


def redirect_after_post(request: HttpRequest, to: str) -> HttpResponse:
    """After a successful POST: a normal redirect, or HX-Redirect when htmx sent the form."""
    if getattr(request, "htmx", False):
        return HttpResponseClientRedirect(to)
    return redirect(to)


def safe_next(request: HttpRequest, fallback: str) -> str:
    """The `next` parameter when it points into this site, else `fallback`."""
    from django.utils.http import url_has_allowed_host_and_scheme

    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return fallback
