"""Pieces shared by the management commands: who acts, and dry runs that check everything."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import pghistory
from django.contrib.auth import get_user_model
from django.core import management
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
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


class WriteCommand(BaseCommand):
    """A command that changes data through the services.

    Who acts is explicit: ``--as USERNAME`` (that user's permissions apply, and the audit trail
    names them) or ``--system`` (a system job: no user, no permission check, and the audit
    trail records ``system: true``). The audit trail records the command's name either way.
    Without ``--commit`` it is a dry run: the very same service calls run, in a transaction
    that is then rolled back, so a dry run checks the same permissions and statuses and
    reports the same outcome as the real run, and changes nothing.
    """

    # What the --commit flag does, for its help text: "publish the claims".
    commit_help = "write the changes"

    def create_parser(self, prog_name: str, subcommand: str, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        who = parser.add_mutually_exclusive_group(required=True)
        who.add_argument(
            "--as",
            dest="username",
            metavar="USERNAME",
            default="",
            help="The user who makes the changes: their permissions apply, the audit trail "
            "names them.",
        )
        who.add_argument(
            "--system",
            action="store_true",
            help="Act as the system: no user and no permission check; the audit trail records "
            "a system job.",
        )
        parser.add_argument(
            "--commit",
            action="store_true",
            help=f"Really {self.commit_help}; without it this is a dry run that checks "
            "everything and changes nothing.",
        )
        return parser

    def actor(self, options: dict):
        """The user named by ``--as``, or None with ``--system``."""
        return None if options["system"] else user_named(options["username"])

    @contextmanager
    def changes(self, options: dict) -> Iterator[bool]:
        """A transaction for the command's writes, attributed to the command in the audit
        trail, rolled back unless ``--commit``; yields whether it will be kept."""
        command = self.__module__.rsplit(".", 1)[-1]
        with (
            pghistory.context(command=command, system=bool(options["system"])),
            transaction.atomic(),
        ):
            yield options["commit"]
            if not options["commit"]:
                transaction.set_rollback(True)
