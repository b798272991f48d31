"""Settings for the test suite: production settings with a throwaway key and plain static files."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-not-a-secret")

from kundenakte.settings import *  # noqa: E402, F403

STORAGES["staticfiles"] = {  # noqa: F405  (no collectstatic manifest in tests)
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast users in tests only
STATIC_ROOT = None  # WhiteNoise serves from the finders; no collected directory in tests

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not memory: the live server of the browser tests then has its own connection
    # instead of sharing the test thread's. One file per test process, so runs never collide.
    import tempfile

    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"kundenakte-test-{os.getpid()}.sqlite3")
    }
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
}  # tasks run where queued
