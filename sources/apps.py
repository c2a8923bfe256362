from django.apps import AppConfig


class SourcesConfig(AppConfig):
    """Where claims appear and what the evidence is: publishers and sources."""

    name = "sources"
