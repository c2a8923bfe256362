from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    """Claims, speakers, topics, ratings, verdicts and corrections."""

    name = "claims"

    def ready(self) -> None:
        from claims import signals

        signals.connect()
