"""Id order is commit order: two changes in concurrent transactions never commit out of order."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, transaction

from claims import services
from sync.models import ChangeEvent
from tests.factories import UserFactory, claim_in_status

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def publish_in_thread(claim, actor, *, hold: threading.Event | None, inserted: threading.Event):
    """Publish in a transaction of its own; keep it open until ``hold`` is set."""
    errors = []

    def run():
        try:
            with transaction.atomic():
                services.claim_publish(claim=claim, actor=actor)
                inserted.set()
                if hold is not None:
                    assert hold.wait(10)
        except Exception as error:  # pragma: no cover - reported by the test
            errors.append(error)
            inserted.set()
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, errors


def visible_ids(after: int = 0) -> list[int]:
    events = ChangeEvent.objects.filter(id__gt=after).order_by("id")
    return list(events.values_list("id", flat=True))


def test_a_later_writer_waits_for_the_earlier_one_to_commit():
    editor = UserFactory(is_superuser=True)  # groups are flushed between these tests
    first_claim, second_claim = claim_in_status("in_review"), claim_in_status("in_review")

    hold_first = threading.Event()
    first_inserted, second_inserted = threading.Event(), threading.Event()
    first, first_errors = publish_in_thread(
        first_claim, editor, hold=hold_first, inserted=first_inserted
    )
    assert first_inserted.wait(10)  # the first has its event id and has not committed
    second, second_errors = publish_in_thread(
        second_claim, editor, hold=None, inserted=second_inserted
    )
    # Without the lock the second would take the next id and commit now, and a reader
    # polling meanwhile would see it, move its cursor past the first's id, and miss the first.
    assert not second_inserted.wait(1.5)
    assert visible_ids() == []

    hold_first.set()
    first.join(10)
    second.join(10)
    assert first_errors == [] and second_errors == []
    events = list(ChangeEvent.objects.order_by("id").values_list("id", "claim_id"))
    assert [claim for _, claim in events] == [first_claim.pk, second_claim.pk]


def test_a_poller_following_after_misses_nothing_under_concurrent_writers():
    editor = UserFactory(is_superuser=True)  # groups are flushed between these tests
    claims = [claim_in_status("in_review") for _ in range(12)]
    seen: list[int] = []
    stop = threading.Event()

    def poll():
        last = 0
        while not stop.is_set() or ChangeEvent.objects.filter(id__gt=last).exists():
            for event_id in visible_ids(last):
                seen.append(event_id)
                last = event_id
        connection.close()

    poller = threading.Thread(target=poll)
    poller.start()
    writers = []
    for claim in claims:
        thread, errors = publish_in_thread(claim, editor, hold=None, inserted=threading.Event())
        writers.append((thread, errors))
    for thread, errors in writers:
        thread.join(20)
        assert errors == []
    stop.set()
    poller.join(20)
    assert seen == visible_ids()
    assert len(seen) == len(claims)
