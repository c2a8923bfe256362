"""GET /api/v1/claims/{id}/ and /claimreview/: the full verdict, visibility, conditional GET."""

from __future__ import annotations

import pytest

from claims.models import Claim, Rating
from claimtracker.writes import fixture_writes
from tests.factories import ClaimFactory, CorrectionFactory, EvidenceFactory, published_claim

pytestmark = pytest.mark.django_db


def detail(claim: Claim) -> str:
    return f"/api/v1/claims/{claim.pk}/"


def claimreview(claim: Claim) -> str:
    return f"/api/v1/claims/{claim.pk}/claimreview/"


def test_detail_has_the_full_verdict_and_corrections(api, demo):
    claim = Claim.objects.get(text__startswith="No law in China")
    CorrectionFactory(
        claim=claim,
        note="Rating changed after new evidence.",
        old_rating=Rating.objects.get(slug="false"),
        new_rating=Rating.objects.get(slug="misleading"),
    )
    body = api.get(detail(claim)).json()
    verdict = body["verdict"]
    assert verdict["rating"]["slug"] == "misleading"
    assert verdict["summary"].startswith("No Chinese law uses the word backdoor")
    assert "Article 7" in verdict["analysis"]
    law = next(
        item for item in verdict["evidence"] if "Intelligence Law" in item["source"]["title"]
    )
    assert law["stance"] == "contradicts"
    assert law["source"]["kind"] == "official_document"
    assert "Article 7" in law["note"]
    assert set(verdict) == {
        "rating",
        "summary",
        "analysis",
        "evidence",
        "author",
        "contributors",
        "published_at",
    }
    [correction] = body["corrections"]
    assert correction["note"] == "Rating changed after new evidence."
    assert correction["old_rating"]["slug"] == "false"
    assert correction["new_rating"]["slug"] == "misleading"
    assert correction["at"]


def test_verdict_author_is_shown_by_name(api):
    claim = published_claim()
    claim.verdict.author.first_name, claim.verdict.author.last_name = "Ada", "Lovelace"
    claim.verdict.author.save()
    assert api.get(detail(claim)).json()["verdict"]["author"] == "Ada Lovelace"


@pytest.mark.parametrize("status", ["draft", "in_review", "changes_requested", "rejected"])
def test_unpublished_claim_is_a_404_for_anonymous_clients(api, staff_api, status):
    claim = ClaimFactory(status=status)
    assert api.get(detail(claim)).status_code == 404
    assert api.get(claimreview(claim)).status_code == 404
    assert staff_api.get(detail(claim)).status_code == 200


def test_detail_sends_an_etag_and_answers_304_without_the_detail_queries(
    api, django_assert_num_queries
):
    claim = published_claim()
    EvidenceFactory(verdict=claim.verdict)
    first = api.get(detail(claim))
    etag = first["ETag"]
    assert etag
    with django_assert_num_queries(1):
        again = api.get(detail(claim), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again["ETag"] == etag
    assert again.content == b""


def test_etag_changes_when_the_verdict_changes(api):
    claim = published_claim()
    etag = api.get(detail(claim))["ETag"]
    claim.verdict.summary = "A corrected summary."
    with fixture_writes("a verdict saved by any path"):
        claim.verdict.save()
    response = api.get(detail(claim), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag
    assert response.json()["verdict"]["summary"] == "A corrected summary."


def test_etag_changes_with_a_new_correction(api):
    claim = published_claim()
    etag = api.get(detail(claim))["ETag"]
    CorrectionFactory(claim=claim)
    assert api.get(detail(claim), HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_claimreview_is_json_ld_with_its_own_etag(api, django_assert_max_num_queries):
    claim = published_claim()
    response = api.get(claimreview(claim))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    body = response.json()
    assert body["@type"] == "ClaimReview"
    assert body["reviewRating"]["alternateName"] == claim.verdict.rating.label
    etag = response["ETag"]
    assert etag != api.get(detail(claim))["ETag"]
    with django_assert_max_num_queries(1):
        assert api.get(claimreview(claim), HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_claimreview_is_served_whatever_the_accept_header(api):
    claim = published_claim()
    response = api.get(claimreview(claim), HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"


def test_claimreview_of_a_published_claim_is_not_shown_to_staff_before_publication(staff_api):
    claim = ClaimFactory(status="in_review")
    assert staff_api.get(claimreview(claim)).status_code == 404


def test_claimreview_feed_is_newest_first_and_syncs_incrementally(api):
    import datetime as dt

    old = published_claim(published_at=dt.datetime(2019, 1, 1, tzinfo=dt.UTC))
    new = published_claim(published_at=dt.datetime(2021, 1, 1, tzinfo=dt.UTC))
    ClaimFactory(status="draft")
    body = api.get("/api/v1/claimreview/").json()
    assert [review["url"].split("/claims/")[1].split("/")[0] for review in body["results"]] == [
        str(new.pk),
        str(old.pk),
    ]
    assert all(review["@type"] == "ClaimReview" for review in body["results"])
    recent = api.get("/api/v1/claimreview/", {"published_after": "2020-01-01"}).json()
    assert len(recent["results"]) == 1


def test_claimreview_feed_pages_with_a_cursor(api):
    for _ in range(5):
        published_claim()
    first = api.get("/api/v1/claimreview/", {"page_size": 2}).json()
    assert len(first["results"]) == 2
    assert "cursor=" in first["next"]
    second = api.get(first["next"]).json()
    assert len(second["results"]) == 2
    assert {review["url"] for review in first["results"]}.isdisjoint(
        review["url"] for review in second["results"]
    )


def test_claimreview_feed_items_name_the_claim_they_review(api):
    claim = published_claim()
    feed = api.get("/api/v1/claimreview/")
    (review,) = feed.json()["results"]
    assert review["identifier"] == {
        "@type": "PropertyValue",
        "propertyID": "claimtracker-claim-id",
        "value": claim.pk,
        "url": f"http://testserver/api/v1/claims/{claim.pk}/",
    }
    # The client can fetch the claim from the identifier alone.
    assert api.get(review["identifier"]["url"]).json()["id"] == claim.pk
