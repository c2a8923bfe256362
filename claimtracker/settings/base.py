"""Settings for ClaimTracker, read from the environment (and the checkout's ``.env`` file).

Production differs from development by environment variables, never by a fork of this file.
Every variable is listed, with its default, in the README's configuration table. Which
defaults apply is chosen by the module named in DJANGO_SETTINGS_MODULE: ``local`` (manage.py's
default: debug on) or ``production`` (wsgi, asgi and gunicorn's default: debug off), both this
file underneath; ``test`` for the test suite.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from claimtracker.database import database_url
from claimtracker.environment import load_local_environment

load_local_environment()

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool) -> bool:
    """Read a yes/no environment variable: 1/true/yes/on and 0/false/no/off."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}"
    )


def env_list(name: str, default: list[str]) -> list[str]:
    """Read a comma-separated environment variable."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    """Read a whole number (0 or more) from the environment."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        value = -1
    if value < 0:
        raise ImproperlyConfigured(f"{name} must be a whole number, 0 or more; got {raw!r}")
    return value


def env_rate(name: str, default: str) -> str | None:
    """Read a throttle rate such as ``100/minute``; ``off`` means no limit (None)."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if raw.lower() in {"off", "none"}:
        return None
    count, _, period = raw.partition("/")
    if not count.isdigit() or not period or period[0] not in "smhd":
        raise ImproperlyConfigured(
            f"{name} must be a rate such as 100/minute (per second, minute, hour or day) "
            f"or off; got {raw!r}"
        )
    return raw


# --- Core -------------------------------------------------------------------------------------

DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off (manage.py's local "
            "settings, claimtracker.settings.local, turn debug on for local use)."
        )
    SECRET_KEY = "django-insecure-local-development-only"

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # Before the admin, so its templates add an "Events" (history) link to tracked objects.
    "pghistory.admin",
    # Django's admin with the newsroom's site (claimtracker/admin.py).
    "claimtracker.admin_app.ClaimTrackerAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "rest_framework.authtoken",
    "csp",
    "axes",
    "corsheaders",
    "pgtrigger",
    "pghistory",
    "procrastinate.contrib.django",
    "claimtracker",
    "sources",
    "claims",
    "exports",
    "website",
    "sync",
    "notifications",
]

MIDDLEWARE = [
    # Probes first: answered before host checks, https redirects and the request log.
    "claimtracker.health.HealthCheckMiddleware",
    # Outside everything else, so its duration and status are what the client got.
    "claimtracker.logs.RequestLogMiddleware",
    # Before anything that may answer (CommonMiddleware's redirects), so every API answer
    # carries its CORS headers (claimtracker/cors.py).
    "corsheaders.middleware.CorsMiddleware",
    "claimtracker.cors.ApiCacheControlMiddleware",
    "claimtracker.throttling.RateLimitHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "claimtracker.limits.RequestBodyLimitMiddleware",
    "claimtracker.middleware.RejectNulBytesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "pghistory.middleware.HistoryMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into claimtracker.lockout's 429.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "claimtracker.urls"
WSGI_APPLICATION = "claimtracker.wsgi.application"

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
                # The public site's header and footer (its 404 page too).
                "website.context_processors.site",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------------
# PostgreSQL only. DATABASE_URL selects a server; without it claimtracker.database starts an
# embedded one. Persistent connections with health checks, so a restarted server is noticed
# at the start of the next request:
# https://docs.djangoproject.com/en/5.2/ref/databases/#persistent-connections


def postgresql(url: str, variable: str) -> dict:
    """A DATABASES entry for a PostgreSQL URL, kept open and health-checked."""
    database = dj_database_url.parse(
        url,
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    if database["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured(
            f"ClaimTracker runs on PostgreSQL only; {variable} must be postgres://"
        )
    # Django's backend, health-checked without a query per request (claimtracker/postgresql/).
    database["ENGINE"] = "claimtracker.postgresql"
    database.setdefault("OPTIONS", {})["connect_timeout"] = 5
    return database


DATABASES = {"default": postgresql(database_url(), "DATABASE_URL")}

# A read replica (streaming replication) for anonymous read-only API traffic; signed-in
# clients, the admin and every write use the primary (claimtracker/routers.py). In tests it
# is the test database itself: https://docs.djangoproject.com/en/5.2/topics/testing/advanced/#testing-primary-replica-configurations
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "").strip()
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = {
        **postgresql(DATABASE_REPLICA_URL, "DATABASE_REPLICA_URL"),
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_ROUTERS = ["claimtracker.routers.ReplicaRouter"]
    MIDDLEWARE = ["claimtracker.routers.ReplicaReadsMiddleware", *MIDDLEWARE]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A URL typed without a scheme is taken as https (Django 6's default).
FORMS_URLFIELD_ASSUME_HTTPS = True

# --- HTTPS and security headers ---------------------------------------------------------------
# On by default when debug is off, so that `manage.py check --deploy` is clean; each can be
# turned off by its variable (`make serve` does, for plain http on 127.0.0.1).
# https://docs.djangoproject.com/en/5.2/ref/middleware/#module-django.middleware.security

# Reverse proxies in front of the app (0: clients connect directly). Behind one, the proxy's
# X-Forwarded-Proto says whether the client used https, and the last X-Forwarded-For entry it
# added is the client address that throttling counts by. Both headers can be forged by a client
# when no proxy overwrites them, so they are trusted only when this is set.
NUM_PROXIES = env_int("DJANGO_NUM_PROXIES", 0 if DEBUG else 1)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if NUM_PROXIES else None

SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
# HSTS is sent on https responses only. Preload asks browsers' built-in lists to include the
# domain; it takes effect only once the domain is submitted to them.
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content Security Policy (django-csp): scripts, styles, fonts and frames from this site only,
# no inline script or style. The admin, the Swagger UI (split view: its script is a file) and
# the public claim pages (whose JSON-LD is data, not script) work under it; the browsable API
# loses a few inline layout styles. In debug, Django's error pages are exempt.
# https://django-csp.readthedocs.io/en/latest/configuration.html
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # Swagger UI's stylesheet draws its icons as data: URLs.
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- Request limits ---------------------------------------------------------------------------

# Larger request bodies are refused with 413 before they are read (JSON under /api/); 0: no limit.
MAX_BODY_BYTES = env_int("DJANGO_MAX_BODY_BYTES", 1024 * 1024)
# Django's own limit on the parts of a form body it holds in memory: the same figure.
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_BODY_BYTES or None

# --- Cache ------------------------------------------------------------------------------------
# Shared by every worker and process, so that throttle counters and cached responses hold across
# them: Redis when REDIS_URL is set, else a table in the database. The table is created by the
# migration claimtracker/0001 (no separate createcachetable step).
# https://docs.djangoproject.com/en/5.2/topics/cache/#database-caching

CACHE_TABLE = "claimtracker_cache"
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # An unreachable Redis fails fast (readyz, throttling) instead of hanging a worker.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": CACHE_TABLE,
            # Throttle counters (one per client and scope) share it with cached responses;
            # Django's default of 300 entries would evict counters under load.
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
    }

# Public API responses (published claims, the ClaimReview feed) are kept in that cache for this
# long; any write retires them at once (claimtracker/caching.py). 0 turns the cache off.
PUBLIC_CACHE_SECONDS = int(os.environ.get("CLAIMTRACKER_PUBLIC_CACHE_SECONDS", "300"))

# How long a browser or a shared cache (a CDN) may keep an anonymous API answer without asking
# again: Cache-Control: public, max-age. At most the server's own cache lifetime; 0 makes every
# reader revalidate (with the ETag, a 304) each time.
PUBLIC_MAX_AGE = min(env_int("CLAIMTRACKER_PUBLIC_MAX_AGE", 60), PUBLIC_CACHE_SECONDS)

# --- Cross-origin reads (django-cors-headers, claimtracker/cors.py) ---------------------------
# Anonymous GETs of /api/ are open to any origin ("*", no credentials); the receiver of
# check_request_enabled decides per request, so no URL pattern enables CORS by itself.
# https://github.com/adamchainz/django-cors-headers#configuration
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_URLS_REGEX = r"^$"
CORS_EXPOSE_HEADERS = [
    "ETag",
    "Last-Modified",
    "Link",
    "RateLimit",
    "RateLimit-Policy",
    "Retry-After",
]
# Origins whose pages may also write, or read with a token (a newsroom's own tools on another
# domain): full origins such as https://desk.example.org, comma-separated. Empty: none.
CORS_WRITE_ORIGINS = frozenset(env_list("DJANGO_CORS_WRITE_ORIGINS", []))

# --- Auth -------------------------------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sign-in lockout (django-axes, claimtracker/lockout.py): failed sign-ins to the admin and to
# POST /api/v1/auth/token/ are counted per user name and client address together, in the
# default cache shared by every worker; past the limit that pair is refused (429), even with
# the right password, until the lockout ends or `manage.py axes_reset_ip_username ADDRESS
# USERNAME` lifts it. A successful sign-in resets the count.
# https://django-axes.readthedocs.io/en/latest/4_configuration.html
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "claimtracker.lockout.CacheHandler"
AXES_CACHE = "default"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = env_int("DJANGO_LOGIN_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("DJANGO_LOGIN_LOCKOUT_MINUTES", 30))
if not (AXES_FAILURE_LIMIT and AXES_COOLOFF_TIME):
    raise ImproperlyConfigured(
        "DJANGO_LOGIN_FAILURE_LIMIT and DJANGO_LOGIN_LOCKOUT_MINUTES must be 1 or more."
    )
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "claimtracker.lockout.client_address"
AXES_LOCKOUT_CALLABLE = "claimtracker.lockout.lockout_response"
# The cache handler keeps no rows, so the admin pages of axes' tables would stay empty.
AXES_ENABLE_ADMIN = False

# --- Internationalisation ---------------------------------------------------------------------

LANGUAGE_CODE = "en"
# The public site's templates are translatable (gettext); English ships
# (website/locale/en/LC_MESSAGES/django.po).
LANGUAGES = [("en", "English")]
# Dates as "15 January 2019" in English; other languages keep Django's own formats.
FORMAT_MODULE_PATH = ["website.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static files (served by whitenoise) ------------------------------------------------------

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Files served at the site's root by whitenoise: /favicon.ico.
# https://whitenoise.readthedocs.io/en/stable/django.html#WHITENOISE_ROOT
WHITENOISE_ROOT = BASE_DIR / "claimtracker" / "root"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- Audit trail (django-pghistory) -----------------------------------------------------------
# Writes only: the middleware attaches the user and URL to every change a request makes.
PGHISTORY_MIDDLEWARE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
# History is a record: its rows cannot be updated or deleted, even by raw SQL.
PGHISTORY_APPEND_ONLY = True

# --- Django REST framework --------------------------------------------------------------------

# The browsable API is a development aid; production serves JSON only unless asked.
BROWSABLE_API = env_bool("DJANGO_BROWSABLE_API", DEBUG)

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": [
        "claimtracker.renderers.ORJSONRenderer",
        *(["rest_framework.renderers.BrowsableAPIRenderer"] if BROWSABLE_API else []),
    ],
    "DEFAULT_PARSER_CLASSES": ["claimtracker.parsers.StrictJSONParser"],
    # Token first: an anonymous write then gets 401 with "WWW-Authenticate: Bearer".
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "claimtracker.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_FILTER_BACKENDS": ["claimtracker.filters.StrictFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "claimtracker.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "EXCEPTION_HANDLER": "claimtracker.exceptions.exception_handler",
    "DATE_INPUT_FORMATS": ["iso-8601"],
    # Counted in the default cache, so limits hold across workers; 429 with Retry-After.
    # https://www.django-rest-framework.org/api-guide/throttling/
    "DEFAULT_THROTTLE_CLASSES": [
        "claimtracker.throttling.AnonRateThrottle",
        "claimtracker.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_rate("DJANGO_THROTTLE_ANON", "120/minute"),
        "user": env_rate("DJANGO_THROTTLE_USER", "600/minute"),
        # POST /api/v1/auth/token/, per client address: password guessing.
        "auth-token": env_rate("DJANGO_THROTTLE_AUTH_TOKEN", "10/minute"),
    },
    "NUM_PROXIES": NUM_PROXIES,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "ClaimTracker API",
    "DESCRIPTION": "Published fact-checks: claims, verdicts, speakers, topics, sources, ratings.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # No badge from the public validator: nothing leaves this site (and the CSP allows none).
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "claimtracker.openapi.add_shared_components",
        "claimtracker.openapi.document_server_limits",
        "claimtracker.openapi.mark_response_fields_required",
        "claimtracker.openapi.name_ordering_values",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ClaimStatusEnum": "claims.models.ClaimStatus",
        "EvidenceStanceEnum": "claims.models.EvidenceStance",
        "SourceKindEnum": "sources.models.SourceKind",
        "SpeakerKindEnum": "claims.models.SpeakerKind",
        "ChangeTypeEnum": "sync.models.ChangeType",
    },
}

# --- ClaimTracker -----------------------------------------------------------------------------

# The fact-checking organisation, the author of every ClaimReview.
CLAIMTRACKER_ORGANIZATION_NAME = os.environ.get("CLAIMTRACKER_ORGANIZATION_NAME", "ClaimTracker")
# Its home page; empty means this site's root.
CLAIMTRACKER_ORGANIZATION_URL = os.environ.get("CLAIMTRACKER_ORGANIZATION_URL", "")
# Where a fact-check's public page lives, if not on this site: a template with {id} and {slug},
# e.g. "https://news.example.org/fact-checks/{id}/{slug}/". Empty: this site's /claims/ pages.
CLAIMREVIEW_URL_TEMPLATE = os.environ.get("CLAIMREVIEW_URL_TEMPLATE", "")
# The write guard (claimtracker/writes.py): a write to a domain model outside a service raises.
# On in the test settings, so a page or command that forgets its service fails its tests; off
# here, where the database's constraints hold whatever the code path.
CLAIMTRACKER_WRITE_GUARD = False
# The short corrections policy in every public page's footer, beside the link to the public
# log of corrections (the IFCN code asks for one readers can find). Empty: a default text.
CLAIMTRACKER_CORRECTIONS_POLICY = os.environ.get("CLAIMTRACKER_CORRECTIONS_POLICY", "").strip()

# The site's public root, for links in messages built outside a request (webhook payloads),
# e.g. "https://factcheck.example.org". The API builds its links from the request instead.
CLAIMTRACKER_SITE_URL = os.environ.get("CLAIMTRACKER_SITE_URL", "").strip() or (
    "http://127.0.0.1:8000"
)

# --- E-mail (notifications app, docs/operations.md) -------------------------------------------

# Notifications are e-mailed by a background job (procrastinate, like webhooks). With
# EMAIL_HOST set, through that SMTP server; without it, printed to the console in debug and
# not sent at all otherwise (only the in-admin notifications remain).
# https://docs.djangoproject.com/en/5.2/topics/email/
EMAIL_HOST = os.environ.get("EMAIL_HOST", "").strip()
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "").strip() or (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.dummy.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "").strip() or (
    "ClaimTracker <claimtracker@localhost>"
)
# The admin's root as readers of an e-mail reach it, for links to the claim.
CLAIMTRACKER_ADMIN_URL = (
    os.environ.get("CLAIMTRACKER_ADMIN_URL", "").strip() or CLAIMTRACKER_SITE_URL + "/admin/"
)

# --- Webhooks and background jobs (sync app, docs/sync.md) -----------------------------------

# Receivers may be plain http and on private or loopback addresses: for a receiver on the
# developer's machine, and the tests. Never in production (server-side request forgery).
WEBHOOK_ALLOW_PRIVATE = env_bool("WEBHOOK_ALLOW_PRIVATE", DEBUG)
# How long a receiver has to answer, connection included.
WEBHOOK_TIMEOUT_SECONDS = env_int("WEBHOOK_TIMEOUT_SECONDS", 10)
# Retries: base * 2^(attempt-1) seconds (±25 % jitter), at most WEBHOOK_RETRY_MAX_SECONDS
# apart; after WEBHOOK_FAILURES_BEFORE_DISABLE failures in a row the subscription is disabled.
# 40 s and 12 failures: the last retry comes about a day after the first failure.
WEBHOOK_RETRY_BASE_SECONDS = float(os.environ.get("WEBHOOK_RETRY_BASE_SECONDS", "40"))
WEBHOOK_RETRY_MAX_SECONDS = float(os.environ.get("WEBHOOK_RETRY_MAX_SECONDS", "43200"))
WEBHOOK_FAILURES_BEFORE_DISABLE = env_int("WEBHOOK_FAILURES_BEFORE_DISABLE", 12)
# procrastinate's workers (manage.py procrastinate worker): finished jobs are deleted, the
# delivery log is kept in sync's own tables.
PROCRASTINATE_WORKER_DEFAULTS = {"delete_jobs": "successful"}

# --- Logging ----------------------------------------------------------------------------------

# To stderr, one line per record: JSON objects in production (one per request from
# claimtracker.requests, with method, path, status, duration_ms, user_id and request_id),
# readable text in development.
LOG_FORMAT = os.environ.get("DJANGO_LOG_FORMAT", "").strip().lower() or (
    "plain" if DEBUG else "json"
)
if LOG_FORMAT not in {"plain", "json"}:
    raise ImproperlyConfigured(f"DJANGO_LOG_FORMAT must be plain or json; got {LOG_FORMAT!r}")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "claimtracker.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT},
        "discard": {"class": "logging.NullHandler"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "pgserver": {"level": "WARNING"},
        # django-axes announces its configuration at INFO in every process; lockouts are WARNING.
        "axes.apps": {"level": "WARNING"},
        # runserver's own line per request would repeat claimtracker.requests' (make run).
        "django.server": {"handlers": ["discard"], "propagate": False},
        # Not the tasks it registers at every start; the worker's own messages stay.
        "procrastinate.periodic": {"level": "WARNING"},
        "procrastinate.blueprints": {"level": "WARNING"},
    },
}
