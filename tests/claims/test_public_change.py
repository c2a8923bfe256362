"""Every public change stamps ``modified_at`` and is announced inside its transaction."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.db import transaction

from claims import services
from claims.models import Claim, Rating
from claims.signals import public_change
from tests.factories import UserFactory, claim_in_status

pytestmark = pytest.mark.django_db


def editor():
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def heard():
    events = []

    def receiver(sender, **kwargs):
        events.append(kwargs)

    public_change.connect(receiver, dispatch_uid="test-heard")
    yield events
    public_change.disconnect(dispatch_uid="test-heard")


def test_publish_correct_and_retract_stamp_modified_at_and_are_announced(heard):
    claim = claim_in_status("in_review")
    assert claim.modified_at is None
    published = services.claim_publish(claim=claim, actor=editor())
    assert published.modified_at == published.published_at
    other = Rating.objects.exclude(pk=claim.verdict.rating_id).filter(external=False).first()
    services.verdict_correct(claim=claim, actor=editor(), note="Wrong rating.", rating=other)
    claim.refresh_from_db()
    assert claim.modified_at > published.published_at
    corrected_at = claim.modified_at
    services.claim_retract(claim=claim, actor=editor(), note="Source withdrawn.")
    claim.refresh_from_db()
    assert claim.modified_at > corrected_at
    assert [event["kind"] for event in heard] == ["published", "corrected", "retracted"]
    assert heard[1]["new_rating"] == other and heard[1]["note"] == "Wrong rating."
    assert heard[2]["note"] == "Source withdrawn."


def test_receivers_run_inside_the_transaction_of_the_change(heard):
    claim = claim_in_status("in_review")
    in_atomic = []
    public_change.connect(
        lambda sender, **kwargs: in_atomic.append(transaction.get_connection().in_atomic_block),
        dispatch_uid="test-in-atomic",
        weak=False,
    )
    try:
        services.claim_publish(claim=claim, actor=editor())
    finally:
        public_change.disconnect(dispatch_uid="test-in-atomic")
    assert in_atomic == [True]


def test_a_transition_the_public_does_not_see_is_not_announced(heard):
    claim = claim_in_status("in_review")
    services.claim_request_changes(claim=claim, actor=editor(), note="Add a source.")
    assert heard == []
    assert Claim.objects.get(pk=claim.pk).modified_at is None
