"""Production settings, the default of wsgi.py, asgi.py and so of gunicorn: the base settings
with debug off, which require DJANGO_SECRET_KEY and the https settings that `manage.py check
--deploy` asks for. Commands in production select them too:
``DJANGO_SETTINGS_MODULE=claimtracker.settings.production``."""

import os

from django.core.exceptions import ImproperlyConfigured

from claimtracker.environment import load_local_environment

load_local_environment()
os.environ.setdefault("DJANGO_DEBUG", "0")

from claimtracker.settings.base import *  # noqa: E402, F403

if DEBUG:  # noqa: F405
    raise ImproperlyConfigured(
        "DJANGO_DEBUG is on, but these are the production settings: debug is never on in "
        "production. For local use, run manage.py without DJANGO_SETTINGS_MODULE "
        "(claimtracker.settings.local)."
    )
