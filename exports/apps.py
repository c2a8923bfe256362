from django.apps import AppConfig


class ExportsConfig(AppConfig):
    """Bulk downloads of the published fact-checks, for researchers and aggregators."""

    name = "exports"
    verbose_name = "Exports"
