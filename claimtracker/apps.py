from django.apps import AppConfig


class ClaimTrackerConfig(AppConfig):
    """Project-level commands (ensure_superuser), the write guard (claimtracker/writes.py) and
    the database sessions' settings (claimtracker/database.py)."""

    name = "claimtracker"
    verbose_name = "ClaimTracker"

    def ready(self) -> None:
        from axes.signals import user_locked_out
        from corsheaders.signals import check_request_enabled
        from django.db.backends.signals import connection_created

        from claimtracker import writes
        from claimtracker.cors import cors_enabled
        from claimtracker.database import apply_session_settings
        from claimtracker.lockout import log_lockout

        check_request_enabled.connect(cors_enabled, dispatch_uid="claimtracker-cors")
        writes.install()
        connection_created.connect(apply_session_settings, dispatch_uid="claimtracker-session")
        user_locked_out.connect(log_lockout, dispatch_uid="claimtracker-log-lockout")
