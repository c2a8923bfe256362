from django.apps import AppConfig


class ClaimTrackerConfig(AppConfig):
    """Project-level commands (ensure_superuser), and the write guard (claimtracker/writes.py)."""

    name = "claimtracker"
    verbose_name = "ClaimTracker"

    def ready(self) -> None:
        from claimtracker import writes

        writes.install()
