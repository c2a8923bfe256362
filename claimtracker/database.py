"""Where the database lives: ``DATABASE_URL`` when it is set, else an embedded PostgreSQL.

This module is the only place that knows which of the two it is. Everything else asks
:func:`database_url` and gets a URL either way.

The embedded server is the ``pgserver`` package: a private PostgreSQL whose data live in
``.var/pgdata`` of the checkout. It is initialised on first use and reused after; it keeps
running between commands so that a second ``make run`` starts in seconds, and
``python -m claimtracker.database stop`` (``make db-stop``) shuts it down.
"""

from __future__ import annotations

import json
import os
import sys
import time
import warnings
from pathlib import Path
from urllib.parse import quote

from django.core.exceptions import ImproperlyConfigured

from claimtracker.environment import load_local_environment

load_local_environment()

BASE_DIR = Path(__file__).resolve().parent.parent
EMBEDDED_DATA_DIR = Path(os.environ.get("EMBEDDED_PGDATA", BASE_DIR / ".var" / "pgdata"))
EMBEDDED_DATABASE_NAME = "claimtracker"


def database_url(*, create: bool = False) -> str:
    """Return the URL of the database to use, starting the embedded server if needed.

    Only ``create=True`` (``python -m claimtracker.database start``, which every make target
    runs first) makes a new embedded PostgreSQL. Anything else, such as a management command
    run by hand, refuses to: an uninitialised data folder there means the command is not
    looking where ``make`` put the database (another EMBEDDED_PGDATA), and a second, empty
    server would only fail later, on the first missing table.
    """
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        return url
    if not create and not (EMBEDDED_DATA_DIR / "PG_VERSION").exists():
        raise ImproperlyConfigured(
            f"No embedded PostgreSQL in {EMBEDDED_DATA_DIR}, and DATABASE_URL is not set. "
            "Run `make run` (or `make db`) to create it, or, if you use another one, set "
            "EMBEDDED_PGDATA or DATABASE_URL in .env so that make and manage.py both see it."
        )
    return _embedded_database_url()


def _import_pgserver():
    with warnings.catch_warnings():
        # pgserver looks up a runtime folder at import; without XDG_RUNTIME_DIR it warns
        # and falls back to /tmp, which is what we want.
        warnings.simplefilter("ignore")
        import pgserver
    return pgserver


def _embedded_server():
    pgserver = _import_pgserver()
    EMBEDDED_DATA_DIR.parent.mkdir(parents=True, exist_ok=True)
    # cleanup_mode=None: the server outlives this process and is reused by the next one.
    server = _get_server(pgserver)
    # get_server caches its handle per process; start the server again if it was stopped.
    server.ensure_postgres_running()
    return server


# pgserver keeps the ids of the processes using the server in this file, which it rewrites
# (truncate, then write) with no lock between processes: a process starting while another
# writes can read it empty, and one killed mid-write leaves it empty.
PROCESS_LIST = ".handle_pids.json"


def _get_server(pgserver, attempts: int = 30):
    """``pgserver.get_server``, waiting out a half-written process list and mending an
    empty one (the list only matters to pgserver's own clean-up, which is off here)."""
    for attempt in range(attempts):
        try:
            return pgserver.get_server(EMBEDDED_DATA_DIR, cleanup_mode=None)
        except json.JSONDecodeError:
            if attempt == attempts // 2:
                (EMBEDDED_DATA_DIR / PROCESS_LIST).write_text("[]")
            time.sleep(0.1)
    return pgserver.get_server(EMBEDDED_DATA_DIR, cleanup_mode=None)


def _embedded_database_url() -> str:
    import psycopg

    server = _embedded_server()
    socket_dir = server.get_postmaster_info().socket_dir
    url = f"postgres://postgres@{quote(str(socket_dir), safe='')}/{EMBEDDED_DATABASE_NAME}"
    try:
        psycopg.connect(url.replace("postgres://", "postgresql://", 1), connect_timeout=5).close()
    except psycopg.OperationalError as error:
        if "does not exist" not in str(error):
            raise
        with psycopg.connect(
            server.get_uri("postgres"), autocommit=True, connect_timeout=5
        ) as connection:
            connection.execute(f'CREATE DATABASE "{EMBEDDED_DATABASE_NAME}"')
    return url


def _stop_embedded() -> None:
    _commands = _import_pgserver()._commands
    if not (EMBEDDED_DATA_DIR / "postmaster.pid").exists():
        print("The embedded PostgreSQL is not running.")
        return
    user = "pgserver" if os.geteuid() == 0 else None
    _commands.pg_ctl(["-w", "-m", "fast", "stop"], pgdata=EMBEDDED_DATA_DIR, user=user)
    print(f"Stopped the embedded PostgreSQL in {EMBEDDED_DATA_DIR}.")


def main(argv: list[str]) -> int:
    """``python -m claimtracker.database start|stop|url``."""
    command = argv[1] if len(argv) > 1 else "start"
    if command == "stop":
        if os.environ.get("DATABASE_URL"):
            print("DATABASE_URL is set: no embedded PostgreSQL to stop.")
            return 0
        _stop_embedded()
        return 0
    if command in {"start", "url"}:
        url = database_url(create=command == "start")
        if command == "url":
            print(url)
        elif os.environ.get("DATABASE_URL"):
            print("Using the database at DATABASE_URL; no embedded PostgreSQL started.")
        else:
            print(f"Embedded PostgreSQL running, data in {EMBEDDED_DATA_DIR}.")
        return 0
    print(f"usage: python -m claimtracker.database [start|stop|url], not {command!r}")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
