from django.apps import AppConfig


class ClaimTrackerConfig(AppConfig):
    """Project-level commands (ensure_superuser), and the write guard (claimtracker/writes.py)."""

    name = "claimtracker"
    verbose_name = "ClaimTracker"

    def ready(self) -> None:
        from corsheaders.signals import check_request_enabled

        from claimtracker import writes
        from claimtracker.cors import cors_enabled

        check_request_enabled.connect(cors_enabled, dispatch_uid="claimtracker-cors")
        writes.install()
