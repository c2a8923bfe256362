"""The background job of notifications, on procrastinate (as sync's webhooks)."""

from __future__ import annotations

from procrastinate.contrib.django import app


@app.task(name="notifications.send_emails", retry=5)
def send_notification_emails(notification_ids: list[int]) -> None:
    """E-mail these notifications to their recipients (those with an address)."""
    from notifications.services import notification_emails_send

    notification_emails_send(notification_ids=notification_ids)
