"""A subscription's delivery chain: its pending deliveries sent one at a time, in id order."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from datetime import timedelta

from django.db import DatabaseError, close_old_connections, connection
from django.utils import timezone

from sync import services, tasks
from sync.delivery import send
from sync.events import event_json, site_url
from sync.models import WebhookDelivery, WebhookSubscription

logger = logging.getLogger(__name__)

# The first key of the session-level advisory locks that keep one chain per subscription
# running (the second key is the subscription's id).
CHAIN_LOCK_SPACE = 0x5EC7
# Deliveries one job sends before handing over to a fresh job of the same chain: a worker
# asked to stop waits for its running jobs, so a job never holds a long backlog to itself.
DELIVERIES_PER_JOB = 50


@contextlib.contextmanager
def subscription_chain_lock(subscription_id: int) -> Iterator[bool]:
    """Hold the subscription's chain lock for this block, if no one else holds it.

    A session lock, not a row lock: no transaction stays open while receivers answer, and a
    worker killed mid-chain releases it with its connection.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [CHAIN_LOCK_SPACE, subscription_id])
        acquired = cursor.fetchone()[0]
    try:
        yield acquired
    finally:
        if acquired:
            with contextlib.suppress(DatabaseError), connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_advisory_unlock(%s, %s)", [CHAIN_LOCK_SPACE, subscription_id]
                )


def payload_of(delivery: WebhookDelivery) -> dict:
    """The message a delivery sends: the change-feed event, or a test message."""
    if delivery.is_test:
        return {
            "id": delivery.message_id,
            "type": "webhook.test",
            "at": timezone.now().isoformat().replace("+00:00", "Z"),
            "subscription": delivery.subscription_id,
        }
    return event_json(delivery.event, base_url=site_url())


def _head(subscription_id: int) -> WebhookDelivery | None:
    return (
        WebhookDelivery.objects.filter(
            subscription_id=subscription_id, status=WebhookDelivery.Status.PENDING
        )
        .select_related("subscription", "event")
        .order_by("id")
        .first()
    )


def _fresh_connection() -> None:
    # A worker thread keeps its connection between jobs: one broken by a database restart
    # is replaced (never inside a transaction, e.g. a test's).
    if not connection.in_atomic_block:
        close_old_connections()


def deliver_pending(subscription_id: int) -> None:
    """Send what is due, oldest first; stop at the first failure (order before progress)."""
    _fresh_connection()
    try:
        with subscription_chain_lock(subscription_id) as acquired:
            if not acquired:
                # Another chain is running; it may be about to finish without seeing the
                # delivery that woke us, so look again in a moment.
                tasks.wake(subscription_id, at=timezone.now() + timedelta(seconds=1))
                return
            more = _run(subscription_id)
        if more:  # after the lock is released, so the next job can take it at once
            tasks.wake(subscription_id)
    finally:
        _fresh_connection()


def _run(subscription_id: int) -> bool:
    """Send up to DELIVERIES_PER_JOB; True if the chain should go on in a new job."""
    for _ in range(DELIVERIES_PER_JOB):
        delivery = _head(subscription_id)
        if delivery is None or not delivery.subscription.is_active:
            return False
        if delivery.next_attempt_at and delivery.next_attempt_at > timezone.now():
            tasks.wake(subscription_id, at=delivery.next_attempt_at)
            return False
        subscription: WebhookSubscription = delivery.subscription
        result = send(
            url=subscription.url,
            secret=subscription.secret,
            message_id=delivery.message_id,
            payload=payload_of(delivery),
        )
        next_retry = services.delivery_record_attempt(delivery=delivery, result=result)
        if not result.ok:
            logger.info(
                "Webhook %s to subscription %s failed: %s",
                delivery.message_id,
                subscription_id,
                result.error or f"HTTP {result.status_code}",
            )
            if next_retry is not None:
                tasks.wake(subscription_id, at=next_retry)
            return False
    return True


def subscriptions_with_due_deliveries() -> list[int]:
    """Active subscriptions whose oldest pending delivery is due."""
    return list(
        WebhookDelivery.objects.filter(
            status=WebhookDelivery.Status.PENDING,
            subscription__is_active=True,
            next_attempt_at__lte=timezone.now(),
        )
        .values_list("subscription_id", flat=True)
        .distinct()
    )
