"""Load the demo built from the BBC article; running it again changes nothing."""

import os
import secrets

from django.conf import settings
from django.core.management.base import BaseCommand

from claims.demo import DEMO_USERS, load_demo, load_demo_users

PASSWORD_FILE = settings.BASE_DIR / ".var" / "demo-password"


class Command(BaseCommand):
    help = (
        "Load demo speakers, sources and claims from the BBC article on Huawei's founder, and "
        "(with DJANGO_DEBUG on) the demo users checker, editor and editor2."
    )

    def handle(self, *args, **options) -> None:
        created = load_demo()
        total = sum(created.values())
        if total == 0:
            self.stdout.write("Demo data already loaded; nothing changed.")
        else:
            summary = ", ".join(f"{number} {kind}" for kind, number in created.items() if number)
            self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {summary}."))
        self._users()

    def _users(self) -> None:
        if not settings.DEBUG:
            self.stdout.write("DJANGO_DEBUG is off: no demo users are created.")
            return
        given = os.environ.get("DEMO_PASSWORD", "")
        password = given or secrets.token_urlsafe(12)
        created = load_demo_users(password=password)
        if not created:
            self.stdout.write(
                f"Demo users {', '.join(name for name, *_ in DEMO_USERS)} already exist."
            )
            return
        self.stdout.write(self.style.SUCCESS(f"Demo users created: {', '.join(created)}."))
        if given:
            self.stdout.write("Their password is the one in DEMO_PASSWORD.")
            return
        PASSWORD_FILE.parent.mkdir(parents=True, exist_ok=True)
        PASSWORD_FILE.write_text(password + "\n")
        PASSWORD_FILE.chmod(0o600)
        self.stdout.write(
            self.style.WARNING(f"Their password (shown once; also in {PASSWORD_FILE}): {password}")
        )
