"""The DataFeed's fast path (flat rows, a hand-written renderer) gives exactly the generic
path's JSON (model instances through claims/claimreview/render.py), for every variant of a
ClaimReview."""

from __future__ import annotations

import datetime as dt

import orjson
import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from claims import services
from claims.models import Claim, Rating, RatingLabel, Speaker, VerdictContributor
from claimtracker.writes import fixture_writes
from sync.datafeed import fast_feed_items, generic_feed_items
from tests.factories import (
    AppearanceFactory,
    ClaimFactory,
    SourceFactory,
    SpeakerFactory,
    UserFactory,
    claim_in_status,
    published_claim,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_(settings):
    settings.ALLOWED_HOSTS = ["feeds.example.org"]
    return RequestFactory().get("/api/v1/claimreview/datafeed/", HTTP_HOST="feeds.example.org")


def rating(slug: str) -> Rating:
    return Rating.objects.get(slug=slug)


def every_variant(editor, second_editor) -> list[Claim]:
    """Published claims that differ in each thing a ClaimReview shows."""
    claims = [published_claim()]  # a person with a role, one first appearance
    # An organisation as speaker (no jobTitle), with sameAs links.
    claims.append(
        published_claim(
            speaker=SpeakerFactory(
                kind=Speaker.Kind.ORGANISATION,
                role="Ignored for organisations",
                same_as=["https://www.wikidata.org/wiki/Q1", "https://example.org/org"],
            )
        )
    )
    # A person without a role; no speaker at all; no statement date; an empty summary.
    claims.append(published_claim(speaker=SpeakerFactory(role="")))
    claims.append(published_claim(speaker=None, stated_on=None))
    empty_summary = published_claim()
    with fixture_writes("test"):
        empty_summary.verdict.summary = ""
        empty_summary.verdict.save()
    claims.append(empty_summary)
    # Languages: a label in the claim's language, in its primary language (pt-BR → pt), a
    # language without a label (the rating's own label), an exported label for a rating that
    # has no number (no ratingValue), a region's own label.
    claims.append(published_claim(language="fr", rating=rating("mostly-true")))
    claims.append(published_claim(language="pt-BR", rating=rating("false")))
    claims.append(published_claim(language="sw", rating=rating("half-true")))
    claims.append(published_claim(language="de", rating=rating("misleading")))
    claims.append(published_claim(language="es-MX", rating=rating("unverifiable")))
    with fixture_writes("test"):  # a label for the exact tag wins over the primary language's
        RatingLabel.objects.create(
            rating=rating("unverifiable"),
            label="Sin pruebas suficientes",
            key="sin pruebas suficientes",
            language="es-MX",
            exported=True,
        )
    # claimReviewed empty: the text is reviewed (and gives the slug).
    claims.append(published_claim(claim_reviewed=""))
    # Appearances: several, one without a publisher or date, a first one that is not
    # the earliest, and a claim with no appearance at all.
    many = published_claim()
    with fixture_writes("test"):
        AppearanceFactory(claim=many, source=SourceFactory(published_on=dt.date(2001, 1, 1)))
        AppearanceFactory(claim=many, source=SourceFactory(publisher=None, published_on=None))
        AppearanceFactory(claim=many, source=SourceFactory(published_on=dt.date(2030, 5, 5)))
    claims.append(many)
    bare = published_claim()
    with fixture_writes("test"):
        bare.appearances.all().delete()
    claims.append(bare)
    # Contributors: named and unnamed people, the author among them or not.
    byline = published_claim()
    with fixture_writes("test"):
        for user in (
            UserFactory(first_name="Ada", last_name="Lovelace"),
            UserFactory(first_name="", last_name=""),
            UserFactory(first_name="Grace", last_name=""),
        ):
            VerdictContributor.objects.create(verdict=byline.verdict, user=user)
    claims.append(byline)
    author_listed = published_claim()
    with fixture_writes("test"):
        VerdictContributor.objects.create(
            verdict=author_listed.verdict, user=UserFactory(first_name="Second")
        )
        VerdictContributor.objects.create(
            verdict=author_listed.verdict, user=author_listed.verdict.author
        )
    claims.append(author_listed)
    # Published through the services, then corrected and publicly updated (twice).
    corrected = claim_in_status("in_review")
    services.claim_publish(claim=corrected, actor=editor)
    services.verdict_correct(
        claim=corrected, actor=second_editor, note="Rated again.", rating=rating("misleading")
    )
    services.claim_public_update(
        claim=Claim.objects.get(pk=corrected.pk),
        actor=editor,
        note="A source added.",
        analysis="More analysis.",
    )
    claims.append(corrected)
    updated = claim_in_status("in_review")
    services.claim_publish(claim=updated, actor=editor)
    services.claim_public_update(
        claim=Claim.objects.get(pk=updated.pk),
        actor=editor,
        note="Context added.",
        analysis="Context.",
    )
    claims.append(updated)
    # Dates near midnight, and a claim never modified since publication.
    claims.append(published_claim(published_at=timezone.now().replace(hour=23, minute=59)))
    claims.append(published_claim(modified_at=None))
    return claims


def test_the_fast_path_gives_the_generic_paths_json_for_every_variant(
    request_, editor, second_editor
):
    claims = every_variant(editor, second_editor)
    # Never in the feed: a retracted claim, drafts, a claim in review.
    retracted = claim_in_status("in_review")
    services.claim_publish(claim=retracted, actor=editor)
    services.claim_retract(claim=retracted, actor=editor, note="Withdrawn.")
    claim_in_status("draft")
    ClaimFactory()

    generic = list(generic_feed_items(request=request_))
    # A batch of 4 puts the variants across several batches.
    fast = list(fast_feed_items(request=request_, batch=4))

    assert [item["item"]["identifier"]["value"] for item in fast] == sorted(
        claim.pk for claim in claims
    )
    for expected, got in zip(generic, fast, strict=True):
        # Byte for byte: the same keys, in the same order, with the same values.
        assert orjson.dumps(got) == orjson.dumps(expected), expected["item"]["url"]
    assert len(fast) == len(generic)
    corrections = [item["item"].get("correction", []) for item in fast]
    assert {entry["name"] for entries in corrections for entry in entries} == {
        "Correction",
        "Update",
    }
    assert {item["item"]["reviewRating"]["alternateName"] for item in fast} >= {
        "Plutôt vrai",
        "Falso",
        "Sin pruebas suficientes",
        rating("half-true").label,
    }


def test_the_fast_path_reads_five_queries_a_batch_and_none_per_claim(request_):
    for _ in range(12):
        published_claim()
    counts = []
    for batch in (3, 12):
        with CaptureQueriesContext(connection) as queries:
            items = list(fast_feed_items(request=request_, batch=batch))
        assert len(items) == 12
        counts.append(len(queries))
    # Ratings and labels once; then five queries a batch (claims, appearances, their sources,
    # contributors, corrections): four batches of 3, or one of 12; and one read that finds
    # the end.
    assert counts == [2 + 5 * 4 + 1, 2 + 5 * 1 + 1]


def test_the_feed_serves_the_fast_path(api, editor):
    claim = published_claim(language="fr", rating=rating("true"))
    response = api.get("/api/v1/claimreview/datafeed/")
    [item] = orjson.loads(b"".join(response.streaming_content))["dataFeedElement"]
    request = RequestFactory().get("/api/v1/claimreview/datafeed/")
    [expected] = generic_feed_items(request=request)
    assert item == expected
    assert item["item"]["reviewRating"]["alternateName"] == "Vrai"
    assert item["item"]["identifier"]["value"] == claim.pk


def test_dates_are_the_generic_paths_in_another_time_zone(request_, settings, editor):
    settings.TIME_ZONE = "Pacific/Auckland"  # UTC+13 in November: late UTC is the next day
    late = timezone.now().replace(hour=23, minute=30)
    published_claim(published_at=late, modified_at=late)
    corrected = claim_in_status("in_review")
    services.claim_publish(claim=corrected, actor=editor)
    services.claim_public_update(
        claim=Claim.objects.get(pk=corrected.pk), actor=editor, note="Later.", analysis="More."
    )
    generic = list(generic_feed_items(request=request_))
    fast = list(fast_feed_items(request=request_))
    assert orjson.dumps(fast) == orjson.dumps(generic)
    assert generic[0]["item"]["datePublished"] == (late + dt.timedelta(hours=13)).date().isoformat()
