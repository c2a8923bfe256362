"""Local development settings, the default of ``manage.py``: debug on unless DJANGO_DEBUG says
otherwise (in the environment or in ``.env``), so that commands work on a fresh checkout with
no variables. Production names ``claimtracker.settings.production`` instead."""

import os

from claimtracker.environment import load_local_environment

load_local_environment()
os.environ.setdefault("DJANGO_DEBUG", "1")

from claimtracker.settings.base import *  # noqa: E402, F403
