from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    """Telling the newsroom what happened to their claims: in the admin, and by e-mail."""

    name = "notifications"

    def ready(self) -> None:
        from claims.signals import desk_activity
        from notifications import receivers

        desk_activity.connect(receivers.notify_desk_activity, dispatch_uid="notifications-desk")
