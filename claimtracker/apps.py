from django.apps import AppConfig


class ClaimTrackerConfig(AppConfig):
    """Project-level commands (ensure_superuser) live in this app."""

    name = "claimtracker"
    verbose_name = "ClaimTracker"

    def ready(self) -> None:
        from axes.signals import user_locked_out

        from claimtracker.lockout import log_lockout

        user_locked_out.connect(log_lockout, dispatch_uid="claimtracker-log-lockout")
