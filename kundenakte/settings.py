"""Settings for Kundenakte, read from the environment (see .env.example)."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from kundenakte.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("KUNDENAKTE_DATA_DIR", str(BASE_DIR / "data")))

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "simple_history",
    "django_countries",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "kundenakte.core",
    "kundenakte.accounts",
    "kundenakte.customers",
    "kundenakte.documents",
    "kundenakte.tasks",
    "kundenakte.imports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "kundenakte.core.reference.ReferenceCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kundenakte.urls"
WSGI_APPLICATION = "kundenakte.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kundenakte.core.context_processors.frame_links",
                "kundenakte.accounts.context_processors.company",
                "kundenakte.customers.context_processors.new_menu",
                "kundenakte.documents.context_processors.document_nav",
            ],
        },
    },
    # For the few fragments repeated per row (customer list, task rows, the customer file's
    # tables and charts): Jinja2 renders them several times faster than Django templates, with
    # autoescaping all the same.
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "kundenakte.jinja2.environment"},
    },
]

# SQLite by default so the app runs with zero set-up; PostgreSQL when DATABASE_URL is set.
DATA_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'kundenakte.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one writer writes; IMMEDIATE takes the write lock at BEGIN so
    # two writers queue on the busy timeout instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            " PRAGMA cache_size=-8000; PRAGMA mmap_size=0;"
        ),
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0 if DEBUG else 600

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The reference data cache (kundenakte.core.reference): each process its own by default, which
# is exact because every entry is versioned by the database's change counter. CACHE_URL shares
# one between processes: redis://host:6379/0 (pip install redis) or memcached://host:11211
# (pip install pymemcache).
_CACHE_BACKENDS = {
    "redis": "django.core.cache.backends.redis.RedisCache",
    "memcached": "django.core.cache.backends.memcached.PyMemcacheCache",
}
CACHE_URL = env_str("CACHE_URL")
if CACHE_URL:
    _scheme, _sep, _location = CACHE_URL.partition("://")
    if _scheme not in _CACHE_BACKENDS:
        raise ImproperlyConfigured("CACHE_URL must start with redis:// or memcached://.")
    _location = CACHE_URL if _scheme == "redis" else _location
    CACHES = {"default": {"BACKEND": _CACHE_BACKENDS[_scheme], "LOCATION": _location}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# How far a running import has come (kundenakte.imports.progress): written by the worker inside
# its open transaction, read by the web process, so it needs a cache that every process shares:
# CACHE_URL's server when there is one, else files in the data folder.
if CACHE_URL:
    CACHES["progress"] = {**CACHES["default"], "KEY_PREFIX": "import-progress"}
else:
    CACHES["progress"] = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": env_str("IMPORT_PROGRESS_DIR") or str(DATA_DIR / "import-progress"),
    }
# The largest file the import accepts (bytes); 100,000 customers as CSV are about 20 MB.
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 50 * 1024 * 1024)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# The lockout check first, so a locked-out login is refused before any password is checked;
# then ModelBackend with the permissions read in one query instead of two (see the module).
AUTHENTICATION_BACKENDS = [
    "kundenakte.accounts.backends.LockoutBackend",
    "kundenakte.accounts.backends.PermissionBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "customers:list"
LOGOUT_REDIRECT_URL = "login"

# Login throttling (django-axes, see kundenakte/accounts/lockout.py): after LOGIN_FAILURE_LIMIT
# wrong passwords for one user name from one client address, that pair is locked out for
# LOGIN_LOCKOUT_MINUTES; a right password resets the count. Administrators unlock on the users page.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 15)
if AXES_FAILURE_LIMIT < 1 or LOGIN_LOCKOUT_MINUTES < 1:
    raise ImproperlyConfigured("LOGIN_FAILURE_LIMIT and LOGIN_LOCKOUT_MINUTES must be at least 1.")
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "kundenakte.accounts.lockout.client_ip"
AXES_LOCKOUT_CALLABLE = "kundenakte.accounts.lockout.lockout_response"
# Only failures are kept (and deleted on success or unlock); a log of every login's address and
# browser is personal data nothing here reads.
AXES_DISABLE_ACCESS_LOG = True

# Background work (imports, large exports) through django-tasks. The database backend needs no
# extra server: `python manage.py db_worker` runs the queued tasks (`make run` starts one).
# TASKS_BACKEND=immediate runs each task inside the request that queues it instead.
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASKS_BACKEND = env_str("TASKS_BACKEND", "database")
if TASKS_BACKEND not in _TASK_BACKENDS:
    raise ImproperlyConfigured("TASKS_BACKEND must be 'database' or 'immediate'.")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASKS_BACKEND]}}

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Berlin")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = True

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
SESSION_COOKIE_HTTPONLY = True
# Django's database sessions: a logout or an expiry holds in every process at once.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
# Our page in our layout, in German, with a way back (instead of Django's bare one).
CSRF_FAILURE_VIEW = "kundenakte.core.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Production is secure by default; a plain-HTTP test installation opts out explicitly.
SECURE_COOKIES = env_bool("SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
# Behind a reverse proxy: HTTPS is what it says in X-Forwarded-Proto, and the client address for
# the login throttling is the last entry of X-Forwarded-For (kundenakte.accounts.lockout).
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOG_LEVEL = env_str("LOG_LEVEL", "WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_4xx_traceback": {"()": "kundenakte.core.log.ClientErrorWithoutTraceback"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        # Without handlers of its own: Django's default console handler (on with DEBUG) wrote
        # each record a second time beside the root's. Its mail_admins had no ADMINS to mail.
        "django": {"handlers": [], "level": LOG_LEVEL},
        "django.request": {"filters": ["no_4xx_traceback"]},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
}
