import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from kundenakte.env import env_bool, env_int, env_list


def test_booleans_read_the_usual_spellings_and_refuse_the_rest(monkeypatch):
    monkeypatch.setenv("FLAG", "Yes")
    assert env_bool("FLAG", False) is True
    monkeypatch.setenv("FLAG", "off")
    assert env_bool("FLAG", True) is False
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured):
        env_bool("FLAG", False)


def test_numbers_and_lists(monkeypatch):
    monkeypatch.setenv("N", "abc")
    with pytest.raises(ImproperlyConfigured):
        env_int("N", 1)
    monkeypatch.setenv("HOSTS", "a.example, b.example,")
    assert env_list("HOSTS", []) == ["a.example", "b.example"]


def _settings_in_subprocess(env: dict, expression: str) -> subprocess.CompletedProcess:
    code = f"import kundenakte.settings as s; print({expression})"
    clean = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL"}
    }
    return subprocess.run(
        [sys.executable, "-c", code], env={**clean, **env}, capture_output=True, text=True
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _settings_in_subprocess({"DEBUG": "0"}, "s.SECRET_KEY")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_is_secure_by_default():
    result = _settings_in_subprocess(
        {"DEBUG": "0", "SECRET_KEY": "x" * 50},
        "s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.ALLOWED_HOSTS",
    )
    assert result.stdout.strip() == "False True True []"


def test_sqlite_runs_in_wal_mode_with_immediate_transactions():
    result = _settings_in_subprocess(
        {"DEBUG": "1"}, "s.DATABASES['default']['OPTIONS']['transaction_mode']"
    )
    assert result.stdout.strip() == "IMMEDIATE"
