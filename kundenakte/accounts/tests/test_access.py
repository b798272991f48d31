"""Every page needs a login, and roles are enforced by the server."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from kundenakte.customers.tests.factories import make_customer

pytestmark = pytest.mark.django_db

PUBLIC = {"/login/"}


def _walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def _concrete(route: str) -> str:
    for converter in ("<int:pk>", "<int:customer_pk>", "<int:tag_pk>"):
        route = route.replace(converter, "1")
    route = route.replace("<kind:kind>", "invoices")
    return "/" + route


def all_urls() -> list[str]:
    return sorted({_concrete(route) for route in _walk(get_resolver().url_patterns)})


def test_the_walk_finds_the_pages():
    urls = all_urls()
    assert "/customers/" in urls
    assert "/customers/1/edit/" in urls
    assert "/settings/users/" in urls
    assert not [url for url in urls if "<" in url], "every converter must be filled in"


@pytest.mark.parametrize("url", all_urls())
def test_anonymous_users_are_sent_to_the_login_page(anonymous_client, url):
    make_customer()
    if url in PUBLIC:
        pytest.skip("the login page itself")
    for method in (anonymous_client.get, anonymous_client.post):
        response = method(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/login/?next="), url


def test_the_login_page_is_german_and_logs_in(anonymous_client, staff_user):
    page = anonymous_client.get("/login/").content.decode()
    assert "Anmelden" in page and 'name="username"' in page and 'name="password"' in page
    response = anonymous_client.post(
        "/login/", {"username": "sven-staff", "password": "secret-pass-123"}
    )
    assert response.status_code == 302
    assert anonymous_client.get("/customers/").status_code == 200


def test_a_wrong_password_is_refused_with_a_message(anonymous_client, staff_user):
    response = anonymous_client.post("/login/", {"username": "sven-staff", "password": "falsch"})
    assert response.status_code == 200
    assert "nicht" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/settings/",
        "/settings/users/",
        "/settings/users/new/",
        "/settings/statuses/",
        "/settings/tags/",
    ],
)
def test_only_administrators_reach_the_settings(staff_client, readonly_client, admin_client, url):
    assert staff_client.get(url).status_code == 403
    assert readonly_client.get(url).status_code == 403
    assert admin_client.get(url).status_code == 200


def test_a_user_without_a_role_sees_nothing(client, django_user_model):
    nobody = django_user_model.objects.create_user("nobody", password="x")
    client.force_login(nobody)
    assert client.get("/customers/").status_code == 403
    assert client.get(f"/customers/{make_customer().pk}/").status_code == 403


def test_the_navigation_hides_what_a_role_cannot_use(readonly_client, admin_client):
    readonly_page = readonly_client.get("/customers/").content.decode()
    admin_page = admin_client.get("/customers/").content.decode()
    assert "/settings/" not in readonly_page and "/customers/new/" not in readonly_page
    assert "/settings/" in admin_page and "/customers/new/" in admin_page
