"""Pieces shared by the management commands."""

from __future__ import annotations

import sys

from django.contrib.auth import get_user_model
from django.core import management
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import CommandError
from django.db.utils import ProgrammingError

NOT_MIGRATED = (
    "The database has no {table} table: its migrations are not applied. "
    "Run `make migrate` (or `.venv/bin/python manage.py migrate`) first."
)


def execute_from_command_line(argv: list[str]) -> None:
    """Django's, except that a configuration error (no secret key, no database), or a command
    run against a database whose migrations are not applied, is said in one line with what to
    do, instead of a traceback."""
    try:
        management.execute_from_command_line(argv)
    except ImproperlyConfigured as error:
        sys.stderr.write(f"Configuration error: {error}\n")
        sys.exit(1)
    except ProgrammingError as error:
        table = missing_table(error)
        if table is None:
            raise
        sys.stderr.write(NOT_MIGRATED.format(table=table) + "\n")
        sys.exit(1)


def missing_table(error: ProgrammingError) -> str | None:
    """The table an "undefined table" error names, else None."""
    from psycopg import errors

    cause = error.__cause__
    if not isinstance(cause, errors.UndefinedTable):
        return None
    message = str(cause).splitlines()[0]  # relation "sources_source" does not exist
    return message.split('"')[1] if message.count('"') >= 2 else "expected"


def user_named(username: str):
    """The user a command acts as (``--as USERNAME``); None when no name is given."""
    if not username:
        return None
    User = get_user_model()
    try:
        return User.objects.get(username=username)
    except User.DoesNotExist:
        raise CommandError(f"No user {username!r}.") from None
