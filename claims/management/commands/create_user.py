"""Create a newsroom account (editor or fact-checker), the password prompted for or read."""

from __future__ import annotations

import getpass
import os
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from claims.services.newsroom import NEWSROOM_ROLES, newsroom_user_create

PASSWORD_VARIABLE = "CLAIMTRACKER_USER_PASSWORD"


class Command(BaseCommand):
    help = (
        "Create a newsroom account in a role: manage.py create_user NAME --role editor. The "
        f"password is prompted for, or read from {PASSWORD_VARIABLE}, or from standard input "
        "with --password-stdin."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=sorted(NEWSROOM_ROLES))
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password-stdin",
            action="store_true",
            help="Read the password from the first line of standard input.",
        )

    def handle(self, *args, username: str, role: str, email: str, password_stdin: bool, **opts):
        password = self._password(password_stdin)
        try:
            user = newsroom_user_create(
                username=username, password=password, role=role, email=email
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            f"Created {role} {user.username!r} (staff, group {NEWSROOM_ROLES[role]})."
        )

    def _password(self, from_stdin: bool) -> str:
        if from_stdin:
            password = sys.stdin.readline().rstrip("\n")
        elif os.environ.get(PASSWORD_VARIABLE):
            password = os.environ[PASSWORD_VARIABLE]
        elif sys.stdin.isatty():
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The two passwords differ.")
        else:
            raise CommandError(
                f"No password: run it in a terminal to be asked, set {PASSWORD_VARIABLE}, "
                "or pipe it in with --password-stdin."
            )
        if not password:
            raise CommandError("The password is empty.")
        return password
