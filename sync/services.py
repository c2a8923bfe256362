"""Every write of the sync app: change-feed events, subscriptions, deliveries."""

from __future__ import annotations

import base64
import random
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from claims.models import Claim, Rating
from claimtracker.permissions import require
from claimtracker.writes import service
from sync import tasks
from sync.delivery import DeliveryResult, UnsafeTarget, check_url
from sync.models import (
    TYPE_OF_KIND,
    ChangeEvent,
    ChangeType,
    DeliveryAttempt,
    WebhookDelivery,
    WebhookSubscription,
)

# The key of the transaction-level advisory lock that every change-feed writer takes just
# before inserting its event, and holds until its transaction ends. Ids therefore come from
# the sequence in the order the writers commit (docs/sync.md, "Id order is commit order").
CHANGE_FEED_LOCK = 0x5EC7_C4A9_6E5F  # any bigint no other code uses


@service
def change_record(
    *,
    claim: Claim,
    kind: str,
    at: datetime,
    note: str = "",
    old_rating: Rating | None = None,
    new_rating: Rating | None = None,
) -> ChangeEvent:
    """Write the change-feed event of a public change, and queue its webhook deliveries.

    Runs inside the change's own transaction (it is the receiver of
    ``claims.signals.public_change``): a rolled-back change leaves no event and no job.
    """
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError("A change-feed event is written inside the change's transaction.")
    with connection.cursor() as cursor:
        # Held to the end of the transaction: a writer that takes an id after us commits
        # after us, so no reader can see a higher id before a lower one.
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHANGE_FEED_LOCK])
    event = ChangeEvent.objects.create(
        type=TYPE_OF_KIND[kind],
        at=at,
        claim_id=claim.pk,
        note=note or "",
        old_rating=old_rating.slug if old_rating else "",
        new_rating=new_rating.slug if new_rating else "",
    )
    subscribers = list(
        WebhookSubscription.objects.filter(is_active=True, events__contains=[event.type])
        .order_by("id")
        .values_list("id", flat=True)
    )
    WebhookDelivery.objects.bulk_create(
        WebhookDelivery(subscription_id=subscription_id, event=event, next_attempt_at=at)
        for subscription_id in subscribers
    )
    for subscription_id in subscribers:
        tasks.wake(subscription_id)
    return event


# --- Subscriptions ---------------------------------------------------------------------------


def _new_secret() -> str:
    # Standard Webhooks: "whsec_" and base64 of 24 to 64 random bytes.
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def _clean(*, url: str, events: list[str], description: str) -> tuple[str, list[str], str]:
    errors = {}
    url = (url or "").strip()
    try:
        check_url(url)
    except UnsafeTarget as error:
        errors["url"] = [str(error)]
    unknown = [event for event in events if event not in ChangeType.values]
    if unknown:
        errors["events"] = [
            f"Unknown event type {unknown[0]!r}; known: {', '.join(ChangeType.values)}."
        ]
    elif not events:
        errors["events"] = ["Name at least one event type."]
    if errors:
        raise ValidationError(errors)
    # Deduplicated, in the order of the types' declaration.
    return url, [value for value in ChangeType.values if value in events], description.strip()


@service
def webhook_subscribe(
    *, actor, url: str, events: list[str], description: str = ""
) -> WebhookSubscription:
    """Create a subscription with a new secret (``subscription.secret``, shown once)."""
    require(actor, "sync.add_webhooksubscription", "manage webhooks")
    url, events, description = _clean(url=url, events=events, description=description)
    return WebhookSubscription.objects.create(
        url=url,
        events=events,
        description=description,
        secret=_new_secret(),
        created_by=actor,
    )


@service
@transaction.atomic
def webhook_update(
    *,
    actor,
    subscription: WebhookSubscription,
    url: str,
    events: list[str],
    description: str,
    is_active: bool,
) -> WebhookSubscription:
    """Change a subscription's URL, events, description or state (re-enabling resets it)."""
    require(actor, "sync.change_webhooksubscription", "manage webhooks")
    url, events, description = _clean(url=url, events=events, description=description)
    locked = WebhookSubscription.objects.select_for_update().get(pk=subscription.pk)
    was_active = locked.is_active
    locked.url, locked.events, locked.description = url, events, description
    locked.is_active = is_active
    if is_active and not was_active:
        _reset_failures(locked)
    if not is_active and was_active:
        locked.disabled_at = timezone.now()
        locked.disabled_reason = "Disabled by an editor."
    locked.save()
    if is_active and not was_active:
        tasks.wake(locked.pk)
    return locked


def _reset_failures(subscription: WebhookSubscription) -> None:
    subscription.consecutive_failures = 0
    subscription.failing_since = None
    subscription.disabled_at = None
    subscription.disabled_reason = ""
    WebhookDelivery.objects.filter(
        subscription=subscription, status=WebhookDelivery.Status.PENDING
    ).update(next_attempt_at=timezone.now())


@service
@transaction.atomic
def webhook_enable(*, actor, subscription: WebhookSubscription) -> WebhookSubscription:
    """Turn a disabled (e.g. failing) subscription back on; what was pending is sent now."""
    return webhook_update(
        actor=actor,
        subscription=subscription,
        url=subscription.url,
        events=subscription.events,
        description=subscription.description,
        is_active=True,
    )


@service
def webhook_unsubscribe(*, actor, subscription: WebhookSubscription) -> None:
    """Delete a subscription and its delivery log."""
    require(actor, "sync.delete_webhooksubscription", "manage webhooks")
    with transaction.atomic():
        DeliveryAttempt.objects.filter(subscription=subscription).delete()
        WebhookDelivery.objects.filter(subscription=subscription).delete()
        subscription.delete()


@service
@transaction.atomic
def webhook_send_test(*, actor, subscription: WebhookSubscription) -> WebhookDelivery:
    """Queue a ``webhook.test`` message, after whatever the subscription has pending."""
    require(actor, "sync.change_webhooksubscription", "send test webhooks")
    delivery = WebhookDelivery.objects.create(
        subscription=subscription, is_test=True, next_attempt_at=timezone.now()
    )
    tasks.wake(subscription.pk)
    return delivery


@service
@transaction.atomic
def webhook_redeliver(*, actor, delivery: WebhookDelivery) -> WebhookDelivery:
    """Send a delivery's message again (same ``webhook-id``), after what is pending."""
    require(actor, "sync.change_webhooksubscription", "redeliver webhooks")
    again = WebhookDelivery.objects.create(
        subscription_id=delivery.subscription_id,
        event_id=delivery.event_id,
        is_test=delivery.is_test,
        next_attempt_at=timezone.now(),
    )
    tasks.wake(delivery.subscription_id)
    return again


# --- Delivery attempts (the worker) -----------------------------------------------------------


def retry_delay(attempt: int) -> timedelta:
    """Exponential backoff with jitter: base * 2^(attempt-1), capped, ±25 %."""
    delay = min(
        settings.WEBHOOK_RETRY_BASE_SECONDS * 2 ** (attempt - 1),
        settings.WEBHOOK_RETRY_MAX_SECONDS,
    )
    return timedelta(seconds=delay * random.uniform(0.75, 1.25))


@service
@transaction.atomic
def delivery_record_attempt(
    *, delivery: WebhookDelivery, result: DeliveryResult
) -> datetime | None:
    """Log an attempt; on failure count it, schedule the retry or disable the subscription.

    Returns when to try again, or None (delivered, or the subscription was disabled).
    """
    subscription = WebhookSubscription.objects.select_for_update().get(pk=delivery.subscription_id)
    now = timezone.now()
    number = delivery.attempts + 1
    next_retry = None
    if result.ok:
        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            status=WebhookDelivery.Status.DELIVERED,
            attempts=F("attempts") + 1,
            delivered_at=now,
            next_attempt_at=None,
        )
        if subscription.consecutive_failures or subscription.failing_since:
            subscription.consecutive_failures = 0
            subscription.failing_since = None
            subscription.save(update_fields=["consecutive_failures", "failing_since"])
    else:
        subscription.consecutive_failures += 1
        subscription.failing_since = subscription.failing_since or now
        fields = ["consecutive_failures", "failing_since"]
        if subscription.consecutive_failures >= settings.WEBHOOK_FAILURES_BEFORE_DISABLE:
            subscription.is_active = False
            subscription.disabled_at = now
            subscription.disabled_reason = (
                f"Disabled after {subscription.consecutive_failures} consecutive failed "
                f"deliveries; last: {result.error or f'HTTP {result.status_code}'}"
            )[:1000]
            fields += ["is_active", "disabled_at", "disabled_reason"]
        else:
            next_retry = now + retry_delay(number)
        subscription.save(update_fields=fields)
        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            attempts=F("attempts") + 1, next_attempt_at=next_retry
        )
    DeliveryAttempt.objects.create(
        delivery=delivery,
        subscription=subscription,
        number=number,
        at=now,
        status_code=result.status_code,
        duration_ms=result.duration_ms,
        error=result.error,
        response_excerpt=result.response_excerpt,
        next_retry_at=next_retry,
    )
    return next_retry
