"""The cast of users every test can use: admin, staff, read-only and anonymous."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from kundenakte.accounts.roles import Role, user_set_role


def _user(username: str, role: Role | None) -> User:
    user = User.objects.create_user(username, password="secret-pass-123", first_name=username.title())
    if role is not None:
        user_set_role(user=user, role=role)
    return user


@pytest.fixture
def admin_user(db) -> User:
    return _user("anna-admin", Role.ADMIN)


@pytest.fixture
def staff_user(db) -> User:
    return _user("sven-staff", Role.STAFF)


@pytest.fixture
def readonly_user(db) -> User:
    return _user("lea-lesen", Role.READ_ONLY)


def _client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def admin_client(admin_user) -> Client:  # overrides pytest-django's superuser client on purpose
    return _client_for(admin_user)


@pytest.fixture
def staff_client(staff_user) -> Client:
    return _client_for(staff_user)


@pytest.fixture
def readonly_client(readonly_user) -> Client:
    return _client_for(readonly_user)


@pytest.fixture
def anonymous_client() -> Client:
    return Client()
