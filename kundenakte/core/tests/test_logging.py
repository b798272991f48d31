"""What the log shows of refused and failed requests: one entry each, a traceback only for bugs.

The records are counted where an operator reads them: in what the configured handlers write.
"""

import io
import logging

import pytest
from django.test import Client


@pytest.fixture
def log_output(settings):
    """The text every configured stream handler on the way of `django.request` writes."""
    settings.DEBUG = True  # Django's own console handler writes only with DEBUG on
    handlers, logger = [], logging.getLogger("django.request")
    while logger is not None:
        # Exactly StreamHandler: pytest's capturing handlers are subclasses and stay as they are.
        handlers += [h for h in logger.handlers if type(h) is logging.StreamHandler]
        logger = logger.parent if logger.propagate else None
    buffer = io.StringIO()
    previous = [handler.setStream(buffer) for handler in handlers]
    yield buffer
    for handler, stream in zip(handlers, previous, strict=True):
        handler.setStream(stream)


def test_a_refused_page_is_logged_once_as_a_single_line_without_traceback(
    readonly_client, log_output, caplog
):
    assert readonly_client.get("/settings/").status_code == 403
    output = log_output.getvalue()
    assert output.count("Forbidden (Permission denied): /settings/") == 1
    assert "Traceback" not in output
    records = [r for r in caplog.records if r.name == "django.request"]
    assert len(records) == 1 and records[0].levelname == "WARNING"


def test_a_server_error_is_logged_once_with_its_traceback(admin_client, log_output, settings):
    settings.ROOT_URLCONF = "kundenakte.core.tests.failing_urls"
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    admin_client.raise_request_exception = False
    assert admin_client.get("/fail/").status_code == 500
    output = log_output.getvalue()
    assert output.count("Internal Server Error: /fail/") == 1
    assert output.count("Traceback") == 1 and "RuntimeError: a bug in a view" in output


def test_a_rejected_form_token_is_logged_once(db, log_output):
    client = Client(enforce_csrf_checks=True)
    assert client.post("/login/", {"username": "x", "password": "y"}).status_code == 403
    output = log_output.getvalue()
    assert output.count("Forbidden (CSRF cookie not set.): /login/") == 1
