"""Notifications: a line telling a member of the newsroom what happened to a claim."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from claims.models import Claim
from claimtracker.writes import GuardedQuerySet


class NotificationKind(models.TextChoices):
    """What a notification is about (the kinds of ``claims.signals.desk_activity``)."""

    SUBMITTED = "submitted", "Submitted for review"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    PUBLISHED = "published", "Published"
    ASSIGNED = "assigned", "Assigned"
    NOTE = "note", "New note"


class NotificationQuerySet(GuardedQuerySet):
    """Queries on notifications."""

    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """Something that happened to a claim, told to one person (``recipient``)."""

    Kind = NotificationKind

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=20, choices=NotificationKind.choices)
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="notifications")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who did it (empty: a system job).",
    )
    text = models.CharField(max_length=500)
    created_at = models.DateTimeField("at", auto_now_add=True)
    read_at = models.DateTimeField("read at", null=True, blank=True)
    # Set by the e-mail job once the message went out, so a retried job never sends it twice.
    emailed_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # The header's unread count and the list page, newest first.
            models.Index(
                "recipient", models.F("created_at").desc(), name="notification_recipient_idx"
            ),
            models.Index(
                "recipient",
                condition=Q(read_at__isnull=True),
                name="notification_unread_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=NotificationKind.values), name="notification_kind_valid"
            ),
            models.CheckConstraint(
                condition=~Q(actor=models.F("recipient")), name="notification_not_to_actor"
            ),
        ]

    def __str__(self) -> str:
        return self.text
