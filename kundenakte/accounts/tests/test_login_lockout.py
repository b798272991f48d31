"""Login throttling: repeated wrong passwords lock a user name out from one client address."""

import datetime
import os
import subprocess
import sys

import pytest
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.django_db

PASSWORD = "secret-pass-123"
ADDRESS = "198.51.100.7"
LOCKED_MESSAGE = "Zu viele fehlgeschlagene Anmeldeversuche"


def _log_in(client: Client, username: str, password: str, address: str = ADDRESS, **headers):
    data = {"username": username, "password": password}
    return client.post("/login/", data, REMOTE_ADDR=address, **headers)


def _fail(client: Client, username: str, times: int, address: str = ADDRESS, **headers):
    for _ in range(times):
        response = _log_in(client, username, "wrong-password", address, **headers)
    return response


def _logged_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == "/customers/"


def test_five_wrong_passwords_lock_the_user_name_out_even_with_the_right_one(staff_user):
    client = Client()
    assert LOCKED_MESSAGE not in _fail(client, staff_user.username, 4).content.decode()
    _fail(client, staff_user.username, 1)
    response = _log_in(client, staff_user.username, PASSWORD)
    assert response.status_code == 429
    assert LOCKED_MESSAGE in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_same_user_name_from_another_address_is_not_locked(staff_user):
    _fail(Client(), staff_user.username, 5)
    assert _logged_in(_log_in(Client(), staff_user.username, PASSWORD, "198.51.100.8"))


def test_a_successful_login_starts_the_count_afresh(staff_user):
    client = Client()
    _fail(client, staff_user.username, 4)
    assert _logged_in(_log_in(client, staff_user.username, PASSWORD))
    client.post("/logout/")
    _fail(client, staff_user.username, 4)
    assert _logged_in(_log_in(client, staff_user.username, PASSWORD))


def test_the_lock_lifts_by_itself_after_the_cool_off_time(staff_user, settings):
    from axes.models import AccessAttempt

    _fail(Client(), staff_user.username, 5)
    past = timezone.now() - settings.AXES_COOLOFF_TIME - datetime.timedelta(seconds=1)
    AccessAttempt.objects.update(attempt_time=past)
    assert _logged_in(_log_in(Client(), staff_user.username, PASSWORD))


def test_behind_a_proxy_the_forwarded_client_address_counts(staff_user, settings):
    settings.BEHIND_PROXY = True
    proxy = "127.0.0.1"
    _fail(Client(), staff_user.username, 5, proxy, HTTP_X_FORWARDED_FOR="203.0.113.5")
    # A client cannot choose its address by sending the header itself: the proxy appends the
    # address it saw, and that last entry counts.
    forged = "203.0.113.99, 203.0.113.5"
    locked = _log_in(Client(), staff_user.username, PASSWORD, proxy, HTTP_X_FORWARDED_FOR=forged)
    assert locked.status_code == 429
    other = _log_in(
        Client(), staff_user.username, PASSWORD, proxy, HTTP_X_FORWARDED_FOR="203.0.113.6"
    )
    assert _logged_in(other)


def test_a_forwarded_header_without_an_address_counts_against_the_proxy(staff_user, settings):
    settings.BEHIND_PROXY = True
    response = _fail(Client(), staff_user.username, 5, HTTP_X_FORWARDED_FOR="unknown")
    assert response.status_code == 429
    assert _log_in(Client(), staff_user.username, PASSWORD).status_code == 429


def _settings_in_subprocess(env: dict[str, str]) -> subprocess.CompletedProcess:
    code = "import kundenakte.settings as s; print(s.AXES_FAILURE_LIMIT, s.AXES_COOLOFF_TIME)"
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "DEBUG": "1", **env},
        capture_output=True,
        text=True,
    )


def test_the_limit_and_the_lock_time_come_from_the_environment():
    result = _settings_in_subprocess({"LOGIN_FAILURE_LIMIT": "8", "LOGIN_LOCKOUT_MINUTES": "60"})
    assert result.stdout.strip() == "8 1:00:00"
    assert _settings_in_subprocess({"LOGIN_LOCKOUT_MINUTES": "0"}).returncode != 0


def test_an_administrator_sees_the_lock_and_lifts_it(staff_user, admin_client):
    _fail(Client(), staff_user.username, 5)
    page = admin_client.get("/settings/users/").content.decode()
    assert ADDRESS in page and "Entsperren" in page
    data = {"username": staff_user.username, "ip_address": ADDRESS}
    response = admin_client.post("/settings/users/unlock/", data)
    assert response.status_code == 302
    page = admin_client.get("/settings/users/").content.decode()
    assert "entsperrt" in page and "Entsperren" not in page
    assert _logged_in(_log_in(Client(), staff_user.username, PASSWORD))


@pytest.mark.parametrize("client_fixture", ["staff_client", "readonly_client"])
def test_only_an_administrator_can_lift_a_lock(request, client_fixture, admin_user):
    _fail(Client(), admin_user.username, 5)
    client = request.getfixturevalue(client_fixture)
    data = {"username": admin_user.username, "ip_address": ADDRESS}
    assert client.post("/settings/users/unlock/", data).status_code == 403
    assert _log_in(Client(), admin_user.username, PASSWORD).status_code == 429


def test_unlocking_needs_a_post(admin_client):
    assert admin_client.get("/settings/users/unlock/").status_code == 405
