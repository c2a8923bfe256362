from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    """Claims, speakers, topics, ratings, verdicts and corrections."""

    name = "claims"

    def ready(self) -> None:
        from claims import signals
        from claims.services.public_updates import cited_source_changing
        from sources.signals import source_changing

        signals.connect()
        source_changing.connect(cited_source_changing, dispatch_uid="claims-cited-source")
