"""Retire every cached public response and page count (after a restore, or any change made
behind the application's back)."""

from django.core.management.base import BaseCommand

from claimtracker.caching import database_identity, invalidate_public_responses


class Command(BaseCommand):
    help = (
        "Retire every cached public API response of this database (a new public generation). "
        "Run after restoring a database or changing data with raw SQL."
    )

    def handle(self, *args, **options) -> None:
        invalidate_public_responses()
        self.stdout.write(f"Retired the cached public responses of database {database_identity()}.")
