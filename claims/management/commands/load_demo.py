"""Load the demo built from the BBC article; running it again changes nothing."""

import os
import secrets

from django.conf import settings

from claims.demo import DEMO_USERS, load_demo, load_demo_users
from claimtracker.commands import WriteCommand

PASSWORD_FILE = settings.BASE_DIR / ".var" / "demo-password"


class Command(WriteCommand):
    help = (
        "Load demo speakers, sources and claims from the BBC article on Huawei's founder, "
        "through the services (usually --system --commit; `make run` does that), and (with "
        "DJANGO_DEBUG on) the demo users checker, editor and editor2. Running it again changes "
        "nothing."
    )
    commit_help = "load the demo"

    def handle(self, *args, **options) -> None:
        actor = self.actor(options)
        with self.changes(options) as commit:
            created = load_demo(actor=actor)
        summary = ", ".join(f"{number} {kind}" for kind, number in created.items() if number)
        if not commit:
            self.stdout.write(
                f"Dry run: would load {summary or 'nothing new'}, and no demo users; nothing "
                "changed. Add --commit to load."
            )
            return
        if summary:
            self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {summary}."))
        else:
            self.stdout.write("Demo data already loaded; nothing changed.")
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
