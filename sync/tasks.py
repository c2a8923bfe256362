"""The background jobs of webhooks, on procrastinate (PostgreSQL: no other service).

One delivery chain per subscription: ``deliver_webhooks(subscription_id)`` sends that
subscription's pending deliveries one at a time, in id order (docs/sync.md). Its queueing
lock keeps at most one such job waiting per subscription; a session-level advisory lock keeps
at most one running. ``sweep_webhooks`` is the safety net: every few seconds it wakes the chain
of any subscription that has a delivery due, e.g. after a worker was killed mid-job.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from procrastinate.contrib.django import app
from procrastinate.exceptions import AlreadyEnqueued


def _queueing_lock(subscription_id: int) -> str:
    return f"sync.webhooks:{subscription_id}"


@app.task(name="sync.deliver_webhooks")
def deliver_webhooks(subscription_id: int) -> None:
    """Send the subscription's pending deliveries, in order, until one fails or none is due."""
    from sync.chain import deliver_pending

    deliver_pending(subscription_id)


@app.periodic(cron="*/5 * * * * *", periodic_id="sync.sweep_webhooks")
@app.task(name="sync.sweep_webhooks", queueing_lock="sync.sweep_webhooks")
def sweep_webhooks(timestamp: int) -> None:
    """Wake every chain with a delivery due (a lost wake-up costs at most this period)."""
    from sync.chain import subscriptions_with_due_deliveries

    for subscription_id in subscriptions_with_due_deliveries():
        wake(subscription_id)


def wake(subscription_id: int, *, at: datetime | None = None) -> None:
    """Make sure the subscription's chain runs (at ``at``, or now), in the caller's transaction.

    Deferring writes the job row through the caller's database connection: inside a change's
    transaction, the job commits or rolls back with it.
    """
    lock = _queueing_lock(subscription_id)
    try:
        with transaction.atomic():
            deliver_webhooks.configure(queueing_lock=lock, schedule_at=at).defer(
                subscription_id=subscription_id
            )
    except AlreadyEnqueued:
        # A job is already waiting: it will send this delivery too. If it waits for a later
        # retry time and this is wanted now (re-enabled, a test message), bring it forward.
        if at is None:
            _bring_forward(lock, subscription_id)


def _bring_forward(lock: str, subscription_id: int) -> None:
    soon = timezone.now() + timedelta(seconds=1)
    for job in app.job_manager.list_jobs(queueing_lock=lock, status="todo"):
        if job.scheduled_at and job.scheduled_at > soon:
            app.job_manager.cancel_job_by_id(job.id, delete_job=True)
            with transaction.atomic():
                deliver_webhooks.configure(queueing_lock=lock).defer(
                    subscription_id=subscription_id
                )
