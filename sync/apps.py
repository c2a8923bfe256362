from django.apps import AppConfig


class SyncConfig(AppConfig):
    """Keeping API clients in sync: the change feed, the schema.org DataFeed and webhooks."""

    name = "sync"
    verbose_name = "Sync: change feed and webhooks"

    def ready(self) -> None:
        from claims.signals import public_change
        from sync import receivers

        public_change.connect(receivers.record_public_change, dispatch_uid="sync-change-feed")
