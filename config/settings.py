"""Lainaamo settings, read from the environment.

Development defaults need nothing set: SQLite in var/, mail to the console. Production sets
DJANGO_ENV=production, SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, SITE_URL and the mail server.
"""

import ipaddress
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("LAINAAMO_VAR_DIR", BASE_DIR / "var"))


def env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


PRODUCTION = env("DJANGO_ENV", "development") == "production"
DEBUG = env_bool("DEBUG", default=not PRODUCTION)
if PRODUCTION and DEBUG:
    # DEBUG shows settings, SQL and tracebacks to anyone who makes an error happen.
    raise ImproperlyConfigured("DEBUG cannot be on in production (DJANGO_ENV=production).")

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set in production.")
    SECRET_KEY = "development-only-key-never-use-in-production-0123456789abcdefghijkl"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", SITE_URL if PRODUCTION else "")

INSTALLED_APPS = [
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_htmx",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "lainaamo.core",
    "lainaamo.directory",
    "lainaamo.scheduling",
    "lainaamo.mentors",
    "lainaamo.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "lainaamo.core.middleware.RequestBoundsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "lainaamo.core.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

# A request body larger than this (2.5 MB, Django's default, stated here) is refused with 413.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lainaamo.core.context_processors.site",
                "lainaamo.core.context_processors.navigation",
            ],
        },
    },
]

# SQLite: WAL so readers never wait for the writer, and IMMEDIATE transactions so that a
# transaction that means to write takes the write lock when it begins. The booking service
# relies on this: its overlap check and insert run under that lock, one writer at a time.
# A writer that finds the lock taken waits for it up to `timeout` seconds.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
}

DATABASE_URL = env("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'lainaamo.sqlite3'}"
# Connections are kept for a minute on both databases: opening one costs more than a simple
# request (on SQLite each new connection also reads the whole schema again).
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = SQLITE_OPTIONS
    # Tests use a file, not memory, so that concurrent threads meet the same write lock.
    DATABASES["default"]["TEST"] = {
        # One file per test process, so that two test runs at once never share a database.
        "NAME": env("SQLITE_TEST_NAME", str(VAR_DIR / f"test-lainaamo-{os.getpid()}.sqlite3"))
    }
else:
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "directory.Person"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "directory:login"
# Not a Django setting: the site's frame (core) posts to it, without naming directory's page.
LOGOUT_URL = "directory:logout"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"

# Login throttling (lainaamo/directory/throttling.py). Five failures for one account from one
# address lock that account there for 15 minutes. Failures for 20 different accounts from one
# address within 15 minutes (password spraying) stop new attempts from that address until they
# are older than 15 minutes; attempts refused meanwhile are not counted, so neither lock can be
# kept up by someone else's failures for longer than that.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_TEMPLATE = "directory/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"
AXES_HANDLER = "lainaamo.directory.throttling.LoginThrottle"
AXES_CLIENT_IP_CALLABLE = "lainaamo.directory.throttling.client_address"
AXES_ENABLED = env_bool("AXES_ENABLED", True)
LOGIN_ACCOUNTS_PER_ADDRESS = 20


def ip_networks(name: str) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    try:
        return [ipaddress.ip_network(item, strict=False) for item in env_list(name)]
    except ValueError as error:
        raise ImproperlyConfigured(f"{name}: {error}") from error


# The reverse proxies (addresses or networks) whose X-Forwarded-For is believed. A request
# from anywhere else is taken to come from its own address, whatever header it sends, so that
# a client cannot choose the address its failed logins are counted against.
TRUSTED_PROXIES = ip_networks("TRUSTED_PROXIES")

# Password reset mail: at most this many requests per hour for one e-mail address, and from one
# client address (a library's shared address serves many people).
PASSWORD_RESETS_PER_EMAIL = 3
PASSWORD_RESETS_PER_ADDRESS = 20

# The throttles' counters live in the database, the one thing every application server shares.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "throttle": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "lainaamo_throttle_cache",
    },
}

# API tokens: how long one works, and how many one person may hold at once.
API_TOKEN_LIFETIME_DAYS = int(env("API_TOKEN_LIFETIME_DAYS", "90"))
if API_TOKEN_LIFETIME_DAYS < 1:
    raise ImproperlyConfigured("API_TOKEN_LIFETIME_DAYS must be at least 1.")
API_TOKENS_PER_PERSON = 10

LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", "suomi"), ("sv", "svenska"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "lainaamo_language"
LANGUAGE_COOKIE_SECURE = PRODUCTION
LANGUAGE_COOKIE_SAMESITE = "Lax"
MODELTRANSLATION_DEFAULT_LANGUAGE = "fi"
MODELTRANSLATION_LANGUAGES = ("fi", "sv", "en")
# A missing translation is shown as missing, never silently replaced by another language.
MODELTRANSLATION_FALLBACK_LANGUAGES = ()

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION or env_bool("STATIC_MANIFEST")
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION or env("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Lainaamo <lainaamo@localhost>")
SERVER_EMAIL = env("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Background work: the database queue in production (run `manage.py db_worker`); at once,
# after the commit, where no worker runs (development and tests).
TASKS = {
    "default": {
        "BACKEND": env(
            "TASKS_BACKEND",
            "django_tasks_db.DatabaseBackend"
            if PRODUCTION
            else "django_tasks.backends.immediate.ImmediateBackend",
        )
    }
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # The preload flag only takes effect once the owner of the registrable domain submits it to
    # the browsers' list; a deployment on a subdomain (lainaamo.vaasa.fi) cannot be submitted.
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}

# Working days count Monday to Friday; a request unanswered for longer is flagged.
UNANSWERED_AFTER_WORKING_DAYS = 2

SITE_NAME = _("Lainaamo")

# The accessibility statement (Act on the Provision of Digital Services 306/2019) and the
# privacy notice. The supervising authority has been the Digital Accessibility Supervision unit
# (saavutettavuusvaatimukset.fi); the state's regional agencies were reorganised in 2026, so
# its name and address are set here rather than written into the pages.
ACCESSIBILITY_SUPERVISOR_NAME = env("ACCESSIBILITY_SUPERVISOR_NAME") or _(
    "Digital Accessibility Supervision"
)
ACCESSIBILITY_SUPERVISOR_URL = env(
    "ACCESSIBILITY_SUPERVISOR_URL", "https://www.saavutettavuusvaatimukset.fi/"
)
ACCESSIBILITY_FEEDBACK_EMAIL = env("ACCESSIBILITY_FEEDBACK_EMAIL", "saavutettavuus@example.fi")
ACCESSIBILITY_ASSESSED_ON = env("ACCESSIBILITY_ASSESSED_ON", "2026-11-21")
SERVICE_PROVIDER_NAME = env("SERVICE_PROVIDER_NAME") or _("the municipality that runs Lainaamo")
PRIVACY_CONTACT_EMAIL = env("PRIVACY_CONTACT_EMAIL", "tietosuoja@example.fi")
