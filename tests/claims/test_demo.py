"""The demo built from the BBC article."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from claims.demo import ARTICLE_URL, CLAIMS, article_text
from claims.models import Appearance, Claim, Correction, Evidence, Speaker, Topic, Verdict
from claimtracker.writes import fixture_writes
from sources.models import Publisher, Source

pytestmark = pytest.mark.django_db

BACKDOORS = "No law in China requires any company to install mandatory backdoors"


def snapshot() -> dict[str, list]:
    """Every demo row with its last-modified time, to prove a second load touches nothing."""
    return {
        "claims": list(Claim.objects.order_by("pk").values_list("pk", "updated_at", "status")),
        "verdicts": list(Verdict.objects.order_by("pk").values_list("pk", "updated_at")),
        "evidence": list(Evidence.objects.order_by("pk").values_list("pk")),
        "appearances": list(Appearance.objects.order_by("pk").values_list("pk")),
        "speakers": list(Speaker.objects.order_by("pk").values_list("pk", "updated_at")),
        "sources": list(Source.objects.order_by("pk").values_list("pk", "updated_at")),
        "publishers": list(Publisher.objects.order_by("pk").values_list("pk")),
        "topics": list(Topic.objects.order_by("pk").values_list("pk")),
    }


def test_load_demo_twice_changes_nothing(capsys):
    call_command("load_demo", "--system", "--commit")
    first = snapshot()
    call_command("load_demo", "--system", "--commit")
    assert snapshot() == first
    assert "nothing changed" in capsys.readouterr().out
    assert len(first["claims"]) == len(CLAIMS)


def test_load_demo_keeps_an_editors_change(demo):
    claim = Claim.objects.get(text=BACKDOORS)
    claim.context = "Edited by an editor"
    with fixture_writes("an editor's change to a demo claim"):
        claim.save()
    call_command("load_demo", "--system", "--commit")
    claim.refresh_from_db()
    assert claim.context == "Edited by an editor"


def test_ren_backdoors_claim_is_published_and_rated_misleading(demo):
    claim = Claim.objects.get(text=BACKDOORS)
    assert claim.speaker.name == "Ren Zhengfei"
    assert claim.speaker.role == "Founder of Huawei"
    assert claim.status == Claim.Status.PUBLISHED
    assert claim.published_at is not None
    assert claim.verdict.rating.slug == "misleading"
    assert claim.verdict.summary


def test_ren_claim_evidence_cites_article_7_of_the_intelligence_law(demo):
    verdict = Claim.objects.get(text=BACKDOORS).verdict
    law = verdict.evidence.get(source__title__contains="National Intelligence Law")
    assert law.source.kind == Source.Kind.OFFICIAL_DOCUMENT
    assert law.source.published_on.year == 2017
    assert law.stance == "contradicts"
    assert "Article 7" in law.note


def test_ren_claim_first_appeared_in_the_bbc_article(demo):
    appearance = Claim.objects.get(text=BACKDOORS).appearances.get(is_first=True)
    assert appearance.source.url == ARTICLE_URL
    assert appearance.source.publisher.name == "BBC"
    assert str(appearance.source.published_on) == "2019-01-15"
    assert "Source: BBC" in appearance.source.notes


def test_demo_covers_several_workflow_states_and_speakers(demo):
    statuses = set(Claim.objects.values_list("status", flat=True))
    assert {"draft", "in_review", "changes_requested", "published", "rejected"} <= statuses
    assert set(Speaker.objects.values_list("slug", flat=True)) == {
        "ren-zhengfei",
        "meng-wanzhou",
        "donald-trump",
    }
    assert {"cybersecurity", "5g", "us-china-relations", "sanctions"} <= set(
        Topic.objects.values_list("slug", flat=True)
    )
    assert Correction.objects.count() == 0


def test_every_quoted_demo_claim_is_word_for_word_in_the_article():
    article = article_text()
    assert article.rstrip().endswith("Source: BBC")
    for claim in CLAIMS:
        if claim.quoted:
            assert claim.text in article


def test_claims_under_review_or_published_meet_the_submission_requirements(demo):
    for claim in Claim.objects.exclude(status__in=["draft", "rejected"]):
        assert claim.speaker_id and claim.stated_on, claim
        assert claim.appearances.exists(), claim
        assert claim.verdict.rating and claim.verdict.summary, claim
        assert claim.verdict.evidence.exists(), claim
