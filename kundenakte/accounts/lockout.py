"""Login throttling with django-axes: the hooks it calls and the locks the users page lists.

After `AXES_FAILURE_LIMIT` wrong passwords for one user name from one client address, that
pair cannot log in for `AXES_COOLOFF_TIME`; each further try starts the time again. A right
password resets the count. Administrators lift a lock on the users page (services.lockout_reset).
"""

import ipaddress

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Max, Sum
from django.http import HttpRequest
from django.shortcuts import render
from django.utils import timezone


def client_ip(request: HttpRequest) -> str | None:
    """AXES_CLIENT_IP_CALLABLE: the client address failures are counted against.

    Behind the reverse proxy (BEHIND_PROXY) every request comes from the proxy, and its
    X-Forwarded-For names the client. The proxy appends the address it saw to whatever the
    client sent in that header, so only the last entry can be trusted.
    """
    if settings.BEHIND_PROXY:
        forwarded = request.headers.get("x-forwarded-for", "").rsplit(",", 1)[-1].strip()
        if _is_ip_address(forwarded):
            return forwarded
    return request.META.get("REMOTE_ADDR")


def _is_ip_address(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def lockout_response(request: HttpRequest, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the login page again, saying why the login is refused."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    context = {
        "form": AuthenticationForm(request, initial={"username": username}),
        "next": request.POST.get("next", ""),
        "lockout_minutes": lockout_minutes(),
    }
    return render(request, "registration/login.html", context, status=429)


def lockout_minutes() -> int:
    return max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))


def locked_out() -> list[dict]:
    """The user name and address pairs locked out now, with their failures and end of lock."""
    cool_off = settings.AXES_COOLOFF_TIME
    rows = (
        AccessAttempt.objects.filter(attempt_time__gte=timezone.now() - cool_off)
        .values("username", "ip_address")
        .annotate(failures=Sum("failures_since_start"), last_failure=Max("attempt_time"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        .order_by("username", "ip_address")
    )
    return [row | {"until": row["last_failure"] + cool_off} for row in rows]
