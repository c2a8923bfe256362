"""The header's link to the user's notifications, with the unread count (one query)."""

from __future__ import annotations

from django import template

from notifications.models import Notification

register = template.Library()


@register.inclusion_tag("admin/_notifications_link.html", takes_context=True)
def notifications_link(context) -> dict:
    """The link and the number of unread notifications of the signed-in staff user."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not (user.is_active and user.is_staff):
        return {"show": False}
    return {"show": True, "unread": Notification.objects.unread().filter(recipient=user).count()}
