"""Where the benchmark databases live: beside the project's, one per data size."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

from claimtracker.database import database_url


def project_root() -> Path:
    return Path(__file__).resolve().parent.parent


def bench_database_url(claims: int) -> str:
    """The URL of ``claimtracker_bench_<claims>`` on the project's server.

    ``BENCH_DATABASE_PREFIX`` replaces ``claimtracker_bench_``: two checkouts benchmarking on
    one server keep their data apart.
    """
    prefix = os.environ.get("BENCH_DATABASE_PREFIX", "claimtracker_bench_")
    parts = urlsplit(database_url())
    return urlunsplit(parts._replace(path=f"/{prefix}{claims}"))


def _server_url(url: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path="/postgres"))


def create_database(url: str) -> None:
    """Create the database at ``url`` if it does not exist."""
    name = urlsplit(url).path.lstrip("/")
    with psycopg.connect(_server_url(url), autocommit=True, connect_timeout=5) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
