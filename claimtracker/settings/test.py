"""Settings for the test suite: the base settings, fast hashing, no persistent connections."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-secret-key")
# The test client and the browser tests' live server speak plain http to 127.0.0.1, with no
# proxy in front. (tests/claimtracker/test_production.py checks the production defaults.)
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("DJANGO_SECURE_COOKIES", "0")
os.environ.setdefault("DJANGO_NUM_PROXIES", "0")
# No throttling unless a test asks (tests/api/test_throttling.py): counters would add cache
# queries to every query budget and make a test's outcome depend on the requests before it.
for scope in ("ANON", "USER", "AUTH_TOKEN"):
    os.environ.setdefault(f"DJANGO_THROTTLE_{scope}", "off")

# Sign-in lockout stays on, so the admin and token logins go through django-axes as in
# production, but tests that sign in many times are never locked out; the lockout tests
# (tests/claimtracker/test_lockout.py) lower the limit.
os.environ.setdefault("DJANGO_LOGIN_FAILURE_LIMIT", "1000")

from claimtracker.settings.base import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
# Static files come from the app folders in tests; nothing is collected.
STATIC_ROOT = None
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# Serve app static files (admin, Swagger UI) straight from the app folders.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# The API accepts JSON only; so do the test clients by default.
REST_FRAMEWORK = {**REST_FRAMEWORK, "TEST_REQUEST_DEFAULT_FORMAT": "json"}  # noqa: F405

# Two suites running at once on one server (two checkouts, or a helper's run beside yours)
# must not share a test database: TEST_DB_SUFFIX tells them apart.
DATABASES["default"]["TEST"] = {  # noqa: F405
    "NAME": f"test_{DATABASES['default']['NAME']}{os.environ.get('TEST_DB_SUFFIX', '')}"  # noqa: F405
}
# Tests run inside transactions that never commit, so writes would never retire cached
# responses; the cache is on only in the tests that exercise it (tests/api/test_public_cache.py).
PUBLIC_CACHE_SECONDS = 0
# Every write to a domain model outside a service fails loudly (claimtracker/writes.py).
CLAIMTRACKER_WRITE_GUARD = True
