"""Settings for the test suite: production settings with a throwaway key and plain static files."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-not-a-secret")

from kundenakte.settings import *  # noqa: E402, F403

STORAGES["staticfiles"] = {  # noqa: F405  (no collectstatic manifest in tests)
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast users in tests only
STATIC_ROOT = None  # WhiteNoise serves from the finders; no collected directory in tests
