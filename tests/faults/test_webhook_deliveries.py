"""Webhook deliveries under faults: a worker killed with -9, a receiver that fails for a while,
PostgreSQL restarted. Every event reaches every subscription, in event-id order per
subscription (at least once: a message whose answer was lost is sent again)."""

from __future__ import annotations

import time

import pytest

from tests.faults.conftest import FAULTS_SECONDS
from tests.faults.webhooks import (
    FaultReceiver,
    Worker,
    event_ids,
    last_event_id,
    start_publisher,
    subscribe,
    wait_until,
    webhook_environment,
)

PATHS = ["/first", "/second"]
# After the fault ends, how long catching up may take: the sweeper wakes stalled chains every
# 5 s, retries wait at most 1 s here (WEBHOOK_RETRY_MAX_SECONDS in webhook_environment).
CATCH_UP_SECONDS = 90


@pytest.fixture
def webhook_stack(fault_database, private_postgres):
    """A receiver, two subscriptions to it, and a way to start workers (all stopped after)."""
    receiver = FaultReceiver()
    environment = webhook_environment(fault_database["url"])
    subscribe(environment, [receiver.base_url + path for path in PATHS])
    workers: list[Worker] = []
    first_event = last_event_id(private_postgres, fault_database["name"])

    def start_worker() -> Worker:
        worker = Worker(environment)
        workers.append(worker)
        return worker

    def new_events() -> list[int]:
        return event_ids(private_postgres, fault_database["name"], after=first_event)

    yield environment, receiver, start_worker, new_events
    for worker in workers:
        worker.stop()
    receiver.stop()


def all_delivered_in_order(receiver: FaultReceiver, expected: list[int]) -> bool:
    return all(receiver.delivered(path) == expected for path in PATHS)


def check_delivered(receiver: FaultReceiver, expected: list[int]) -> None:
    for path in PATHS:
        delivered = receiver.delivered(path)
        assert sorted(delivered) == expected, f"{path}: missing {set(expected) - set(delivered)}"
        assert delivered == expected, f"{path}: out of order"


def event_count() -> int:
    return max(10, int(FAULTS_SECONDS * 5))


def test_a_worker_killed_mid_delivery_loses_nothing(webhook_stack, fault_report):
    environment, receiver, start_worker, new_events = webhook_stack
    receiver.delay = 0.05  # deliveries take a while: the kill lands mid-chain
    publisher = start_publisher(environment, events=event_count(), pause=0.02)
    worker = start_worker()
    assert wait_until(lambda: len(receiver.received) >= 5, timeout=60), worker.log_tail()
    delivered_before_kill = len(receiver.received)
    worker.kill()
    assert publisher.wait(timeout=120) == 0, publisher.stdout.read()
    time.sleep(1)
    started = time.monotonic()
    start_worker()
    expected = new_events()
    caught_up = wait_until(
        lambda: all_delivered_in_order(receiver, expected), timeout=CATCH_UP_SECONDS
    )
    fault_report.update(
        fault="kill -9 a webhook worker mid-delivery, start another",
        events=len(expected),
        subscriptions=len(PATHS),
        delivered_before_kill=delivered_before_kill,
        seconds_to_catch_up_after_restart=round(time.monotonic() - started, 2),
        redelivered_duplicates=sum(receiver.duplicates(path) for path in PATHS),
    )
    assert delivered_before_kill < len(expected) * len(PATHS), "the kill came too late"
    assert caught_up
    check_delivered(receiver, expected)


def test_a_receiver_failing_for_a_while_is_caught_up(webhook_stack, fault_report):
    environment, receiver, start_worker, new_events = webhook_stack
    receiver.status = 500
    start_worker()
    publisher = start_publisher(environment, events=event_count(), pause=0.02)
    assert publisher.wait(timeout=120) == 0, publisher.stdout.read()
    failing_for = max(3.0, FAULTS_SECONDS / 2)
    time.sleep(failing_for)
    failures = len(receiver.received)
    receiver.status = 200
    recovered = time.monotonic()
    expected = new_events()
    caught_up = wait_until(
        lambda: all_delivered_in_order(receiver, expected), timeout=CATCH_UP_SECONDS
    )
    fault_report.update(
        fault="receiver answers 500, then recovers",
        events=len(expected),
        failing_seconds=failing_for,
        failed_attempts=failures,
        seconds_to_catch_up=round(time.monotonic() - recovered, 2),
    )
    assert failures >= len(PATHS) * 2, "the receiver was not retried while failing"
    assert caught_up
    check_delivered(receiver, expected)


def test_postgres_restarting_during_deliveries_loses_nothing(
    webhook_stack, private_postgres, fault_report
):
    environment, receiver, start_worker, new_events = webhook_stack
    receiver.delay = 0.02
    worker = start_worker()
    publisher = start_publisher(environment, events=event_count(), pause=0.05)
    assert wait_until(lambda: len(receiver.received) >= 3, timeout=60), worker.log_tail()
    restarts = 0
    for mode in ("fast", "immediate"):
        private_postgres.restart(mode=mode)
        restarts += 1
        time.sleep(1)
    # The publisher may have met the restart: what it committed is what must be delivered.
    publisher.wait(timeout=120)
    # No one restarts the worker here: run_worker must reconnect by itself.
    assert worker.alive(), f"run_worker exited on a PostgreSQL restart:\n{worker.log_tail()}"
    expected = new_events()
    caught_up = wait_until(
        lambda: all_delivered_in_order(receiver, expected), timeout=CATCH_UP_SECONDS
    )
    fault_report.update(
        fault="restart PostgreSQL during webhook deliveries",
        restarts=restarts,
        events=len(expected),
        worker_reconnects=worker.log.read_text(errors="replace").count("reconnecting in"),
        redelivered_duplicates=sum(receiver.duplicates(path) for path in PATHS),
    )
    assert expected
    assert caught_up, worker.log_tail()
    check_delivered(receiver, expected)
    assert worker.alive(), f"run_worker exited after the restarts:\n{worker.log_tail()}"
