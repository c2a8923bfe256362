from django.apps import AppConfig


class ClaimTrackerConfig(AppConfig):
    """Project-level commands (ensure_superuser), and the write guard (claimtracker/writes.py)."""

    name = "claimtracker"
    verbose_name = "ClaimTracker"

    def ready(self) -> None:
        from axes.signals import user_locked_out
        from corsheaders.signals import check_request_enabled

        from claimtracker import writes
        from claimtracker.cors import cors_enabled
        from claimtracker.lockout import log_lockout

        check_request_enabled.connect(cors_enabled, dispatch_uid="claimtracker-cors")
        writes.install()
        user_locked_out.connect(log_lockout, dispatch_uid="claimtracker-log-lockout")
