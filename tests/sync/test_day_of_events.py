"""A day of public events, followed by two aggregators: one polls the change feed only, the
other hears webhooks only (delivered by a real procrastinate worker). Both end with exactly the
public state.

The public update is announced here with ``announce_public_change(kind="updated")``, as the
public-update service will do it (it is being written on another branch).
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.db import transaction
from django.utils import timezone
from procrastinate.contrib.django import app
from rest_framework.test import APIClient
from standardwebhooks import Webhook

from claims import services
from claims.models import Claim, Rating, Verdict
from claims.services.public import announce_public_change
from claimtracker.writes import fixture_writes
from sync import services as sync_services
from tests.factories import claim_in_status
from tests.sync.conftest import make_editor

# A whole day of newsroom events, replayed twice: `make test-fast` leaves it out.
pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.slow]


def run_worker() -> None:
    """A real worker, until no job is left (what `manage.py procrastinate worker` runs)."""
    with app.replace_connector(app.connector.get_worker_connector()):
        app.run_worker(wait=False, install_signal_handlers=False, listen_notify=False)


def path_of(url: str) -> str:
    return urlsplit(url).path


class Aggregator:
    """A copy of our fact-checks kept from events: fetch the ClaimReview, or drop it if gone."""

    def __init__(self, client: APIClient) -> None:
        self.client = client
        self.copies: dict[int, dict] = {}

    def apply(self, event: dict) -> None:
        response = self.client.get(path_of(event["claimreview_url"]))
        if response.status_code == 410 or event["type"] == "claim.retracted":
            self.copies.pop(event["claim"], None)
        else:
            assert response.status_code == 200
            self.copies[event["claim"]] = response.json()


class FeedFollower(Aggregator):
    def __init__(self, client) -> None:
        super().__init__(client)
        self.after = 0

    def sync(self) -> None:
        url = f"/api/v1/changes/?after={self.after}&page_size=2"
        while url:
            body = self.client.get(path_of(url) + "?" + urlsplit(url).query).json()
            for event in body["results"]:
                self.apply(event)
                self.after = event["id"]
            url = body["next"]


class WebhookFollower(Aggregator):
    def __init__(self, client, receiver, secret: str) -> None:
        super().__init__(client)
        self.receiver = receiver
        self.webhook = Webhook(secret)
        self.handled = 0
        self.seen_ids: set[str] = set()

    def sync(self) -> None:
        for request in self.receiver.requests[self.handled :]:
            self.handled += 1
            event = self.webhook.verify(request["body"], request["headers"])
            if request["headers"]["webhook-id"] in self.seen_ids:
                continue  # a redelivery: already applied
            self.seen_ids.add(request["headers"]["webhook-id"])
            self.apply(event)


def public_state(client: APIClient) -> dict[int, dict]:
    return {
        claim.pk: client.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()
        for claim in Claim.objects.published()
    }


def public_update(claim: Claim, *, actor, summary: str, note: str) -> None:
    """What the public-update service does: change what the public sees, then announce it."""
    with fixture_writes("test data written by hand"), transaction.atomic():
        locked = Claim.objects.select_for_update().get(pk=claim.pk)
        Verdict.objects.filter(claim=locked).update(summary=summary)
        announce_public_change(
            claim=locked, kind="updated", actor=actor, at=timezone.now(), note=note
        )


def test_both_aggregators_end_with_exactly_the_public_state(receiver):
    editor, other_editor = make_editor(), make_editor()
    subscription = sync_services.webhook_subscribe(
        actor=editor,
        url=receiver.url,
        events=["claim.published", "claim.corrected", "claim.updated", "claim.retracted"],
    )
    client = APIClient()
    by_feed = FeedFollower(client)
    by_webhook = WebhookFollower(client, receiver, subscription.secret)

    def everyone_syncs():
        run_worker()
        by_feed.sync()
        by_webhook.sync()

    morning = [claim_in_status("in_review") for _ in range(4)]
    for claim in morning[:3]:
        services.claim_publish(claim=claim, actor=editor)
    everyone_syncs()

    # Late morning: a correction of the rating, a public update of another claim.
    first = morning[0]
    new_rating = Rating.objects.exclude(pk=first.verdict.rating_id).filter(external=False).first()
    services.verdict_correct(
        claim=first, actor=other_editor, note="The figure was wrong.", rating=new_rating
    )
    public_update(
        morning[1],
        actor=editor,
        summary="Updated with the minister's reply.",
        note="Added the minister's reply.",
    )
    everyone_syncs()

    # Afternoon: a retraction, a late publication corrected twice before anyone syncs.
    services.claim_retract(claim=morning[2], actor=editor, note="The video was doctored.")
    services.claim_publish(claim=morning[3], actor=editor)
    services.verdict_correct(claim=morning[3], actor=other_editor, note="Typo.", summary="Fixed.")
    services.verdict_correct(
        claim=morning[3], actor=other_editor, note="Rating.", rating=new_rating
    )
    everyone_syncs()

    expected = public_state(client)
    assert set(expected) == {morning[0].pk, morning[1].pk, morning[3].pk}
    assert by_feed.copies == expected
    assert by_webhook.copies == expected
    assert expected[morning[1].pk]["dateModified"] > expected[morning[1].pk]["datePublished"]
    # Every event reached the receiver once, in event-id order.
    ids = [int(request["headers"]["webhook-id"]) for request in receiver.requests]
    assert len(ids) == 9 and ids == sorted(ids) and ids[-1] == by_feed.after
