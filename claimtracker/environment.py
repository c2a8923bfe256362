"""The local configuration file: ``.env`` at the top of the checkout.

Every process of the project reads it first: the settings (so ``manage.py`` and the test
suite), ``python -m claimtracker.database`` (which ``make`` runs to start the embedded
PostgreSQL) and ``gunicorn.conf.py``. A value set there, such as ``EMBEDDED_PGDATA`` or
``DATABASE_URL``, therefore applies to ``make run`` and to a command typed by hand alike.
Variables already set in the environment win over the file. ``.env`` is ignored by git;
``.env.example`` lists what it may hold.
"""

from __future__ import annotations

from pathlib import Path

from dotenv import load_dotenv

BASE_DIR = Path(__file__).resolve().parent.parent
ENV_FILE = BASE_DIR / ".env"


def load_local_environment() -> None:
    """Set the variables of ``.env`` that the environment does not already set."""
    load_dotenv(ENV_FILE, override=False)
