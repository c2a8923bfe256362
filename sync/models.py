"""The change feed's events, webhook subscriptions and their deliveries."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q

from claims.models import Claim
from claimtracker.writes import GuardedQuerySet


class ChangeType(models.TextChoices):
    """What a public change did to a claim."""

    PUBLISHED = "claim.published", "Published"
    CORRECTED = "claim.corrected", "Corrected"
    UPDATED = "claim.updated", "Publicly updated"
    RETRACTED = "claim.retracted", "Retracted"


# claims.signals.public_change's ``kind`` -> the event type clients see.
TYPE_OF_KIND = {
    "published": ChangeType.PUBLISHED,
    "corrected": ChangeType.CORRECTED,
    "updated": ChangeType.UPDATED,
    "retracted": ChangeType.RETRACTED,
}


class ChangeEvent(models.Model):
    """One public change, in commit order: the change feed and every webhook payload.

    Ids are assigned under a transaction-level advisory lock (sync/services.py), so a higher
    id always commits later: a reader polling with ``after=<last id>`` never skips one.
    """

    Type = ChangeType

    id = models.BigAutoField(primary_key=True)
    type = models.CharField(max_length=30, choices=ChangeType.choices)
    at = models.DateTimeField(help_text="When the change was made (the claim's modified_at).")
    # No foreign-key constraint: the log is durable whatever happens to the claim later.
    claim = models.ForeignKey(
        Claim, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    note = models.TextField(blank=True, help_text="The public note, if the change has one.")
    old_rating = models.CharField(max_length=100, blank=True, help_text="Slug, if changed.")
    new_rating = models.CharField(max_length=100, blank=True, help_text="Slug, if changed.")

    objects = GuardedQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["type", "id"], name="changeevent_type_id_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(type__in=ChangeType.values), name="changeevent_type_valid"
            )
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.type} claim {self.claim_id}"


class WebhookSubscription(models.Model):
    """A receiver's URL and the event types it wants, signed with its own secret."""

    url = models.URLField(max_length=2000, help_text="https only, on a public address.")
    events = ArrayField(
        models.CharField(max_length=30, choices=ChangeType.choices),
        help_text="The event types to send.",
    )
    description = models.CharField(max_length=500, blank=True)
    secret = models.CharField(max_length=100, editable=False)
    is_active = models.BooleanField(
        default=True, help_text="Disabled subscriptions receive nothing."
    )
    consecutive_failures = models.PositiveIntegerField(default=0, editable=False)
    failing_since = models.DateTimeField(null=True, blank=True, editable=False)
    disabled_at = models.DateTimeField(null=True, blank=True, editable=False)
    disabled_reason = models.TextField(blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="webhook_subscriptions",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = GuardedQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = "webhook subscription"

    def __str__(self) -> str:
        return self.description or self.url


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    DELIVERED = "delivered", "Delivered"


class WebhookDelivery(models.Model):
    """One message for one subscription: an event, a redelivery of one, or a test message.

    A subscription's deliveries are sent one at a time in id order; regular ones are created
    with their event, under the change feed's lock, so id order is event-id order.
    """

    Status = DeliveryStatus

    subscription = models.ForeignKey(
        WebhookSubscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.ForeignKey(
        ChangeEvent, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    is_test = models.BooleanField(default=False)
    status = models.CharField(
        max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = GuardedQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "webhook deliveries"
        indexes = [
            models.Index(
                fields=["subscription", "id"],
                condition=Q(status=DeliveryStatus.PENDING),
                name="webhookdelivery_pending_idx",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_test=True) | Q(event__isnull=False),
                name="webhookdelivery_has_event_or_is_test",
            )
        ]

    def __str__(self) -> str:
        return f"{self.message_id} to {self.subscription}"

    @property
    def message_id(self) -> str:
        """The ``webhook-id`` header: the event id, the same at every attempt and redelivery."""
        return f"test_{self.pk}" if self.is_test else str(self.event_id)


class DeliveryAttempt(models.Model):
    """One HTTP attempt of a delivery: the subscription's delivery log."""

    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE, related_name="log")
    subscription = models.ForeignKey(
        WebhookSubscription, on_delete=models.CASCADE, related_name="attempts"
    )
    number = models.PositiveIntegerField(help_text="1 for the first attempt of the delivery.")
    at = models.DateTimeField()
    status_code = models.PositiveIntegerField(null=True, blank=True)
    duration_ms = models.PositiveIntegerField()
    error = models.TextField(blank=True, help_text="Why it failed, without a status code.")
    response_excerpt = models.TextField(blank=True, help_text="At most 1 kB of the response.")
    next_retry_at = models.DateTimeField(null=True, blank=True)

    objects = GuardedQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["subscription", "-id"], name="deliveryattempt_log_idx")]

    def __str__(self) -> str:
        return f"attempt {self.number} of {self.delivery}"

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300
