"""Sessions and the session's user (cached while the user stands): the rules stay Django's."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.utils import timezone

from kundenakte.accounts.backends import PermissionBackend

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged_in(client, staff_user):
    client.login(username=staff_user.username, password="secret-pass-123")
    return client


def test_a_session_keeps_its_user_logged_in(logged_in):
    assert logged_in.get("/customers/").status_code == 200


def test_an_expired_session_sends_back_to_the_login(logged_in):
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    response = logged_in.get("/customers/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_forged_or_malformed_session_cookie_is_a_visitor(client, staff_user):
    for key in ("no-such-session-key-0123456789", "x' OR '1'='1", "short"):
        client.cookies["sessionid"] = key
        response = client.get("/customers/")
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_deactivated_user_is_logged_out_on_the_next_request(logged_in, staff_user):
    User.objects.filter(pk=staff_user.pk).update(is_active=False)
    response = logged_in.get("/customers/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_password_change_elsewhere_ends_the_session(logged_in, staff_user):
    staff_user.set_password("another-pass-456")
    staff_user.save()
    response = logged_in.get("/customers/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_get_user_refuses_unknown_and_inactive_ids(staff_user):
    backend = PermissionBackend()
    assert backend.get_user(staff_user.pk).username == staff_user.username
    assert backend.get_user(str(staff_user.pk)).pk == staff_user.pk
    assert backend.get_user(10**9) is None
    User.objects.filter(pk=staff_user.pk).update(is_active=False)
    assert backend.get_user(staff_user.pk) is None


def test_logout_ends_the_session(logged_in):
    logged_in.post("/logout/")
    assert Session.objects.count() == 0
    assert logged_in.get("/customers/").status_code == 302
