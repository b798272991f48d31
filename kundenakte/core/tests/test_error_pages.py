"""The pages a user sees when something goes wrong: CSRF failure, bad request, server error."""

import copy

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def csrf_client(settings) -> Client:
    settings.DEBUG = False  # Django's own CSRF page says "more with DEBUG=True" only without it
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def staff_csrf_client(csrf_client, staff_user) -> Client:
    csrf_client.force_login(staff_user)
    return csrf_client


def _text(response) -> str:
    return response.content.decode()


def test_a_login_without_a_valid_form_token_gets_our_page_with_a_german_explanation(csrf_client):
    response = csrf_client.post("/login/", {"username": "anna", "password": "x"})
    assert response.status_code == 403
    assert "base.html" in [template.name for template in response.templates]
    text = _text(response)
    assert "DEBUG=True" not in text
    assert "abgelaufen" in text and "zwei Tabs" in text and "Cookies" in text
    assert 'href="/login/"' in text


def test_the_csrf_page_links_back_to_the_page_the_form_came_from(staff_csrf_client):
    response = staff_csrf_client.post(
        "/customers/new/", {}, HTTP_REFERER="http://testserver/customers/?q=m%C3%BCller"
    )
    assert response.status_code == 403
    assert 'href="http://testserver/customers/?q=m%C3%BCller"' in _text(response)


def test_the_csrf_page_never_links_back_to_another_site(staff_csrf_client):
    response = staff_csrf_client.post(
        "/customers/new/", {}, HTTP_REFERER="https://evil.example/customers/"
    )
    text = _text(response)
    assert "evil.example" not in text
    assert 'href="/customers/"' in text


def broken_context_processor(request):
    raise RuntimeError("the database is gone")


def test_the_csrf_page_still_answers_when_the_page_frame_cannot_be_built(csrf_client, settings):
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["OPTIONS"]["context_processors"].append(
        "kundenakte.core.tests.test_error_pages.broken_context_processor"
    )
    settings.TEMPLATES = templates
    response = csrf_client.post("/login/", {"username": "anna", "password": "x"})
    assert response.status_code == 403
    assert "abgelaufen" in _text(response)


@pytest.fixture
def failing_client(admin_client, settings) -> Client:
    settings.ROOT_URLCONF = "kundenakte.core.tests.failing_urls"
    admin_client.raise_request_exception = False
    return admin_client


def test_the_server_error_page_is_german_throughout(failing_client):
    response = failing_client.get("/fail/")
    assert response.status_code == 500
    text = _text(response)
    assert "Es ist ein Fehler aufgetreten" in text
    assert "error occurred" not in text and "try again" not in text


def test_the_server_error_page_speaks_english_to_an_english_browser(failing_client):
    response = failing_client.get("/fail/", HTTP_ACCEPT_LANGUAGE="en")
    text = _text(response)
    assert "An error occurred" in text
    assert "Fehler" not in text


def test_the_bad_request_page_is_german_and_leads_back_to_the_customers(client):
    response = client.get("/login/", HTTP_HOST="unknown-host.example")
    assert response.status_code == 400
    text = _text(response)
    assert "Ungültige Anfrage" in text
    assert 'href="/customers/"' in text
