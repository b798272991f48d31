"""Views of the whole site rather than of one app."""

import logging

from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

logger = logging.getLogger(__name__)

CSRF_FAILURE_TEMPLATE = "403_csrf.html"


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """settings.CSRF_FAILURE_VIEW: a form was sent with a missing or outdated CSRF token.

    Users meet this after an expired session or with the app open in two tabs, so the page
    explains it in their words and leads back. The reason is logged by Django already.
    """
    context = {"back_url": _back_url(request)}
    try:
        return render(request, CSRF_FAILURE_TEMPLATE, context, status=403)
    except Exception:
        # The frame reads the user and the company settings; if the database fails there, the
        # explanation still goes out, only without the frame's menu and styles.
        logger.exception("The CSRF failure page could not be rendered with its frame.")
        return HttpResponseForbidden(render_to_string(CSRF_FAILURE_TEMPLATE, context))


def _back_url(request: HttpRequest) -> str:
    """The page the form came from if it is on this site, else the start page."""
    referer = request.headers.get("referer", "")
    if url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return reverse("customers:list" if _is_authenticated(request) else "login")


def _is_authenticated(request: HttpRequest) -> bool:
    try:
        return request.user.is_authenticated
    except Exception:
        return False  # the login page is the safe way back for anyone
