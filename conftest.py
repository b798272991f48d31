"""The cast of users every test can use: admin, staff, read-only and anonymous."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from kundenakte.accounts.roles import Role, user_set_role


def _user(username: str, role: Role | None) -> User:
    user = User.objects.create_user(
        username, password="secret-pass-123", first_name=username.title()
    )
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


# --- Browser tests -----------------------------------------------------------------------------
# Headless Chromium from Debian's `chromium` package, driven by Playwright against the live server.

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def chromium():
    import os

    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium")
    # Playwright's sync API runs an event loop in this thread; the ORM calls the live-server
    # fixtures make from here are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def seeded(transactional_db):
    """The rows the data migrations seed, again: a transactional test's flush removes them."""
    import importlib

    from django.apps import apps

    seed = importlib.import_module(
        "kundenakte.customers.migrations.0002_seed_statuses_and_number_range"
    ).seed
    seed(apps, None)


@pytest.fixture
def browser_page(chromium, live_server, settings, seeded):
    """A logged-out page of a fresh browser context, pointed at the live server."""
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    context = chromium.new_context(
        base_url=live_server.url, locale="de-DE", viewport={"width": 1366, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def browser_login(page, username: str, password: str = "secret-pass-123") -> None:
    response = page.goto("/login/")
    assert response.ok, f"/login/ answered {response.status}: {page.content()[:2000]}"
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url("**/customers/**")
