"""The services behind issue 13: contributors, public updates, our scale and list caps."""

from __future__ import annotations

import itertools

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from claims import services
from claims.models import MAX_EVIDENCE, MAX_TOPICS, Claim, ClaimEvent, Correction, Rating
from claimtracker.exceptions import Conflict
from claimtracker.writes import fixture_writes
from tests.factories import (
    SourceFactory,
    SpeakerFactory,
    TopicFactory,
    UserFactory,
    claim_in_status,
    published_claim,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return UserFactory(username="ed", is_staff=True, is_superuser=True)


def test_every_writer_of_a_verdict_is_a_contributor_in_order(editor):
    claim = claim_in_status("in_review")
    author = claim.verdict.author
    other = UserFactory(username="other", is_superuser=True)
    evidence = [services.EvidenceItem(source=SourceFactory(), stance="context")]
    services.verdict_set(
        claim=claim,
        actor=other,
        expected_version=None,
        rating=Rating.objects.get(slug="false"),
        summary="S",
        evidence=evidence,
    )
    services.verdict_edited(claim=claim, actor=editor)
    claim.refresh_from_db()
    assert [person.username for person in claim.verdict.byline] == [
        author.username,
        "other",
        "ed",
    ]
    with pytest.raises(PermissionDenied, match="Four eyes"):
        services.claim_publish(claim=claim, actor=other)


def test_saving_a_verdict_unchanged_or_as_the_system_adds_no_contributor(editor):
    claim = claim_in_status("draft")
    services.verdict_edited(claim=claim, actor=editor, changed=False)
    services.verdict_edited(claim=claim, actor=None)
    assert not claim.verdict.contributors.exists()


def test_a_corrector_joins_the_byline(editor):
    claim = published_claim()
    services.verdict_correct(
        claim=claim, actor=editor, note="Re-rated.", rating=Rating.objects.get(slug="mostly-false")
    )
    assert editor in claim.verdict.contributors.all()
    assert Correction.objects.get(claim=claim).kind == "correction"


@pytest.mark.parametrize("service", ["verdict_set", "verdict_correct"])
def test_our_scale_only(editor, service):
    with fixture_writes("test data written by hand"):
        external = Rating.objects.create(slug="ext", label="Ext", external=True)
    claim = claim_in_status("draft" if service == "verdict_set" else "published")
    call = getattr(services, service)
    arguments = (
        {"expected_version": None, "summary": "S"} if service == "verdict_set" else {"note": "N"}
    )
    with pytest.raises(ValidationError, match="our own scale"):
        call(claim=claim, actor=editor, rating=external, **arguments)


def test_list_caps_are_checked_before_any_query(django_assert_num_queries):
    topic = TopicFactory()
    endless = itertools.repeat(topic)  # read only up to the cap, never to the end
    with django_assert_num_queries(0), pytest.raises(ValidationError, match=str(MAX_TOPICS)):
        services.claim_create(actor=None, text="x", topics=endless)
    source = SourceFactory()
    items = itertools.repeat(services.EvidenceItem(source=source, stance="context"))
    with fixture_writes("test data written by hand"):
        claim = Claim.objects.create(text="x")
    with django_assert_num_queries(0), pytest.raises(ValidationError, match=str(MAX_EVIDENCE)):
        services.verdict_set(
            claim=claim, actor=None, expected_version=None, rating=None, summary="", evidence=items
        )
    with django_assert_num_queries(0), pytest.raises(ValidationError, match="aliases"):
        services.speaker_create(actor=None, name="A", slug="a", aliases=itertools.repeat("B"))


def test_a_public_update_changes_topics_appearances_and_speaker(editor):
    claim = published_claim()
    speaker, topic, source = SpeakerFactory(), TopicFactory(), SourceFactory()
    version = claim.version

    update = services.claim_public_update(
        claim=claim,
        actor=editor,
        note="Attributed to the right minister.",
        expected_version=version,
        speaker=speaker,
        topics=[topic],
        appearances=[(source, True)],
    )

    claim.refresh_from_db()
    assert (claim.speaker, list(claim.topics.all())) == (speaker, [topic])
    assert list(claim.appearances.values_list("source", flat=True)) == [source.pk]
    assert claim.version == version + 1
    assert (update.kind, update.corrected_by) == ("update", editor)
    assert ClaimEvent.objects.get(claim=claim).action == "update"
    # The verdict's text was not touched: the updater is not one of its writers.
    assert editor not in claim.verdict.contributors.all()


def test_a_public_update_keeps_what_publishing_required(editor):
    claim = published_claim()
    with pytest.raises(ValidationError, match="speaker"):
        services.claim_public_update(claim=claim, actor=editor, note="x", speaker=None)
    with pytest.raises(ValidationError, match="evidence"):
        services.claim_public_update(claim=claim, actor=editor, note="x", evidence=[])
    assert not Correction.objects.exists()


def test_a_public_update_of_the_analysis_makes_the_updater_a_contributor(editor):
    claim = published_claim()
    services.claim_public_update(claim=claim, actor=editor, note="Typo.", analysis="Fixed.")
    claim.refresh_from_db()
    assert claim.verdict.analysis == "Fixed."
    assert editor in claim.verdict.contributors.all()


def test_a_public_update_refuses_the_rating_and_unpublished_claims(editor):
    claim = published_claim()
    with pytest.raises(ValidationError, match="rating"):
        services.claim_public_update(claim=claim, actor=editor, note="x", rating=None)
    with pytest.raises(Conflict):
        services.claim_public_update(
            claim=claim_in_status("retracted"), actor=editor, note="x", context="y"
        )


def test_public_updates_are_announced_as_updated(editor):
    from claims.signals import public_change
    from sources.services import source_update

    received = []

    def receiver(sender, **kwargs):
        received.append((kwargs["claim"].pk, kwargs["kind"], kwargs["note"]))

    claim = published_claim()
    public_change.connect(receiver)
    try:
        services.claim_public_update(claim=claim, actor=editor, note="Context.", context="New.")
        source_update(source=claim.appearances.get().source, actor=editor, note="Title.", title="T")
    finally:
        public_change.disconnect(receiver)
    assert received == [(claim.pk, "updated", "Context."), (claim.pk, "updated", "Title.")]
    claim.refresh_from_db()
    assert claim.modified_at is not None
