from django.apps import AppConfig


class ClaimTrackerConfig(AppConfig):
    """Project-level commands (ensure_superuser) live in this app."""

    name = "claimtracker"
    verbose_name = "ClaimTracker"
