"""Load the demo built from the BBC article; running it again changes nothing."""

from django.core.management.base import BaseCommand

from claims.demo import load_demo


class Command(BaseCommand):
    help = "Load demo speakers, sources and claims from the BBC article on Huawei's founder."

    def handle(self, *args, **options) -> None:
        created = load_demo()
        total = sum(created.values())
        if total == 0:
            self.stdout.write("Demo data already loaded; nothing changed.")
            return
        summary = ", ".join(f"{number} {kind}" for kind, number in created.items() if number)
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {summary}."))
