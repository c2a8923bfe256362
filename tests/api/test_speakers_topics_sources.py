"""Speakers (with scorecards), topics, sources and the rating scale."""

from __future__ import annotations

import pytest

from claims.models import Claim, Rating
from tests.factories import (
    AppearanceFactory,
    ClaimFactory,
    EvidenceFactory,
    SourceFactory,
    SpeakerAliasFactory,
    SpeakerFactory,
    TopicFactory,
    UserFactory,
    VerdictFactory,
    published_claim,
)

pytestmark = pytest.mark.django_db


def test_speaker_search_matches_name_and_alias(staff_api, demo):
    by_alias = staff_api.get("/api/v1/speakers/", {"q": "mr ren"}).json()["results"]
    assert [speaker["slug"] for speaker in by_alias] == ["ren-zhengfei"]
    by_name = staff_api.get("/api/v1/speakers/", {"q": "wanzhou"}).json()["results"]
    assert [speaker["slug"] for speaker in by_name] == ["meng-wanzhou"]


def test_anonymous_clients_see_only_speakers_with_a_published_claim(api, staff_api, demo):
    # In the demo, only Ren Zhengfei has a published claim; Meng Wanzhou's and Donald
    # Trump's are drafts or in review.
    assert not Claim.objects.published().filter(speaker__slug="meng-wanzhou").exists()
    researched = SpeakerFactory(slug="only-drafts", name="Only Drafts")
    SpeakerAliasFactory(speaker=researched, name="Secret Alias")
    ClaimFactory(speaker=researched, status="draft")
    ClaimFactory(speaker=researched, status="rejected")

    public = api.get("/api/v1/speakers/").json()
    assert [(item["slug"], item["claim_count"]) for item in public["results"]] == [
        ("ren-zhengfei", Claim.objects.published().filter(speaker__slug="ren-zhengfei").count())
    ]
    assert public["count"] == 1
    assert api.get("/api/v1/speakers/", {"q": "secret"}).json()["count"] == 0
    assert api.get("/api/v1/speakers/only-drafts/").status_code == 404
    assert api.get("/api/v1/speakers/meng-wanzhou/").status_code == 404

    staff = {
        item["slug"]: item["claim_count"]
        for item in staff_api.get("/api/v1/speakers/", {"page_size": 100}).json()["results"]
    }
    assert {"ren-zhengfei", "meng-wanzhou", "only-drafts"} <= set(staff)
    assert staff["only-drafts"] == 0  # counts are of published claims, for staff too
    detail = staff_api.get("/api/v1/speakers/only-drafts/")
    assert detail.status_code == 200
    assert detail.json()["aliases"] == ["Secret Alias"]


def test_a_signed_in_reader_without_newsroom_rights_sees_the_public_speakers(api, demo):
    reader = UserFactory(username="reader")
    api.force_authenticate(reader)
    slugs = [item["slug"] for item in api.get("/api/v1/speakers/").json()["results"]]
    assert slugs == ["ren-zhengfei"]
    assert api.get("/api/v1/speakers/meng-wanzhou/").status_code == 404


def test_speaker_matching_several_aliases_is_listed_once(api):
    speaker = SpeakerFactory(name="Ren Zhengfei")
    published_claim(speaker=speaker)
    SpeakerAliasFactory(speaker=speaker, name="Mr Ren")
    SpeakerAliasFactory(speaker=speaker, name="Ren, founder")
    assert api.get("/api/v1/speakers/", {"q": "ren"}).json()["count"] == 1


def test_speaker_detail_has_a_scorecard_of_published_verdicts(api):
    speaker = SpeakerFactory(slug="ren")
    false, misleading = Rating.objects.get(slug="false"), Rating.objects.get(slug="misleading")
    published_claim(speaker=speaker, rating=false)
    published_claim(speaker=speaker, rating=false)
    published_claim(speaker=speaker, rating=misleading)
    unpublished = ClaimFactory(speaker=speaker, status="in_review")
    VerdictFactory(claim=unpublished, rating=Rating.objects.get(slug="true"))
    body = api.get("/api/v1/speakers/ren/").json()
    assert body["claim_count"] == 3
    assert body["rating_counts"] == {"false": 2, "misleading": 1}
    assert list(body["rating_counts"]) == ["false", "misleading"]


def test_unknown_speaker_or_topic_is_a_json_404(api):
    for path in ["/api/v1/speakers/nobody/", "/api/v1/topics/nothing/"]:
        response = api.get(path)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert "detail" in response.json()


def test_topic_counts_published_claims_only(api):
    topic = TopicFactory(slug="5g", name="5G")
    published_claim(topics=[topic])
    ClaimFactory(status="draft", topics=[topic])
    assert api.get("/api/v1/topics/5g/").json()["claim_count"] == 1
    listed = api.get("/api/v1/topics/").json()["results"]
    assert [(item["slug"], item["claim_count"]) for item in listed] == [("5g", 1)]


def test_public_sources_are_those_behind_published_fact_checks(api, staff_api):
    claim = published_claim()
    shown_as_appearance = claim.appearances.get().source
    shown_as_evidence = claim.verdict.evidence.get().source
    research = SourceFactory(title="Still being checked")
    AppearanceFactory(claim=ClaimFactory(status=Claim.Status.IN_REVIEW), source=research)
    cited_in_draft = EvidenceFactory(verdict=VerdictFactory(claim=ClaimFactory(status="draft")))
    public = {item["id"] for item in api.get("/api/v1/sources/").json()["results"]}
    assert public == {shown_as_appearance.pk, shown_as_evidence.pk}
    assert api.get(f"/api/v1/sources/{cited_in_draft.source.pk}/").status_code == 404
    assert api.get(f"/api/v1/sources/{research.pk}/").status_code == 404
    assert staff_api.get(f"/api/v1/sources/{research.pk}/").status_code == 200


def test_sources_filter_by_kind_and_publisher(api, demo):
    official = api.get("/api/v1/sources/", {"kind": "official_document"}).json()["results"]
    assert {item["title"][:20] for item in official} == {
        "National Intelligenc",
        "H.R.1, Tax Cuts and ",
    }
    bbc = api.get("/api/v1/sources/", {"publisher": "bbc"}).json()["results"]
    assert [item["publisher"]["name"] for item in bbc] == ["BBC"]
    response = api.get("/api/v1/sources/", {"publisher": "nyt"})
    assert response.status_code == 400
    assert "nyt" in response.json()["publisher"][0]


def test_rating_scale_in_order(api):
    body = api.get("/api/v1/ratings/").json()
    assert [rating["slug"] for rating in body] == [
        "true",
        "mostly-true",
        "half-true",
        "mostly-false",
        "false",
        "misleading",
        "unverifiable",
    ]
    assert body[0] == {
        "slug": "true",
        "label": "True",
        "value": 5,
        "order": 10,
        "description": body[0]["description"],
    }
    assert body[5]["value"] is None
