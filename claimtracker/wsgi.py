"""WSGI entry point (gunicorn claimtracker.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claimtracker.settings.base")

application = get_wsgi_application()
