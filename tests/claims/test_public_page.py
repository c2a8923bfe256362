"""The public fact-check page: published claims only, canonical URLs, ETags, JSON-LD."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse

from claims.claimreview.render import claim_review, claim_slug
from claims.models import Claim
from claims.selectors import claims_for_claimreview
from claimtracker.writes import fixture_writes
from tests.factories import (
    ClaimFactory,
    CorrectionFactory,
    EvidenceFactory,
    VerdictFactory,
    published_claim,
)

pytestmark = pytest.mark.django_db

# A source the demo cites (claims/demo_data/demo.json).
INTELLIGENCE_LAW_URL = (
    "https://www.chinalawtranslate.com/en/national-intelligence-law-of-the-p-r-c-2017/"
)

BACKDOORS = "No law in China requires any company to install mandatory backdoors"
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def page_url(claim: Claim) -> str:
    return reverse("claim-page", kwargs={"pk": claim.pk, "slug": claim_slug(claim)})


def json_ld(response) -> list[dict]:
    return [json.loads(body) for body in JSON_LD.findall(response.content.decode())]


def test_page_shows_the_claim_its_rating_verdict_evidence_and_corrections(demo, client):
    claim = Claim.objects.get(text=BACKDOORS)
    CorrectionFactory(claim=claim, note="We added the text of Article 7.")

    response = client.get(page_url(claim))

    assert response.status_code == 200
    html = response.content.decode()
    assert f"<blockquote><p>{BACKDOORS}</p></blockquote>" in html
    assert "Ren Zhengfei</strong>, Founder of Huawei" in html
    assert '<time datetime="2019-01-15">15 January 2019</time>' in html
    assert "Rating: <strong>Misleading</strong>" in html
    assert claim.verdict.summary in html
    assert "<p>Mr Ren&#x27;s statement is literally accurate" in html
    assert f'<a href="{INTELLIGENCE_LAW_URL}" rel="noopener">' in html
    assert "National People&#x27;s Congress of China" in html
    assert "(Contradicts the claim)" in html
    assert "First appearance:" in html
    assert "We added the text of Article 7." in html
    assert "rating changed from False to Mostly false" in html
    assert '<time datetime="2019-01-18T09:00:00+00:00">18 January 2019</time>' in html


def test_page_is_a_standalone_html5_document_in_the_claims_language(client):
    claim = published_claim(claim_reviewed="Tea cures every illness", language="pt-BR")

    response = client.get(page_url(claim))

    html = response.content.decode()
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="pt-BR">' in html
    assert "<title>Tea cures every illness: False | ClaimTracker</title>" in html
    assert f'<link rel="canonical" href="http://testserver{page_url(claim)}">' in html
    assert '<link rel="stylesheet"' not in html
    assert "<script src=" not in html


def test_page_embeds_the_same_claim_review_as_json_ld(demo, client, rf):
    claim = Claim.objects.get(text=BACKDOORS)

    response = client.get(page_url(claim))

    expected = claim_review(claims_for_claimreview(None).get(pk=claim.pk), request=rf.get("/"))
    assert json_ld(response) == [expected]


def test_canonical_link_follows_the_url_template_setting(client, settings):
    settings.CLAIMREVIEW_URL_TEMPLATE = "https://news.example.org/fact-checks/{id}/{slug}/"
    claim = published_claim()

    response = client.get(page_url(claim))

    canonical = f"https://news.example.org/fact-checks/{claim.pk}/{claim_slug(claim)}/"
    assert f'<link rel="canonical" href="{canonical}">' in response.content.decode()
    assert json_ld(response)[0]["url"] == canonical


@pytest.mark.parametrize(
    "status",
    [status for status in Claim.Status.values if status != Claim.Status.PUBLISHED],
)
def test_unpublished_claim_is_not_found_even_for_staff(admin_client, status):
    claim = ClaimFactory(status=status)
    VerdictFactory(claim=claim)

    assert admin_client.get(page_url(claim)).status_code == 404
    assert admin_client.get(f"/claims/{claim.pk}/").status_code == 404


def test_unknown_claim_is_not_found(client):
    assert client.get("/claims/999999/anything/").status_code == 404


@pytest.mark.parametrize("requested", ["/claims/{pk}/", "/claims/{pk}/an-old-slug/"])
def test_missing_or_wrong_slug_redirects_permanently_to_the_canonical_url(client, requested):
    claim = published_claim()

    response = client.get(requested.format(pk=claim.pk) + "?utm_source=feed")

    assert response.status_code == 301
    assert response["Location"] == page_url(claim) + "?utm_source=feed"
    assert "ETag" not in response


def test_page_sends_an_etag_and_lets_caches_keep_it_for_a_minute(client):
    claim = published_claim()

    response = client.get(page_url(claim))

    assert re.fullmatch(r'"v\d+\.[0-9a-f]+"', response["ETag"])
    assert response["Cache-Control"] == "public, max-age=60"


def test_revalidation_with_the_current_etag_is_not_modified_in_one_query(
    client, django_assert_max_num_queries
):
    claim = published_claim()
    etag = client.get(page_url(claim))["ETag"]

    with django_assert_max_num_queries(1):
        response = client.get(page_url(claim), headers={"if-none-match": etag})

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert response["Cache-Control"] == "public, max-age=60"


def test_etag_changes_when_the_verdict_is_saved_with_a_new_summary(client):
    claim = published_claim()
    old_etag = client.get(page_url(claim))["ETag"]

    claim.verdict.summary = "A new, corrected summary."
    with fixture_writes("a verdict saved by any path"):
        claim.verdict.save()
    response = client.get(page_url(claim), headers={"if-none-match": old_etag})

    assert response.status_code == 200
    assert response["ETag"] != old_etag
    assert "A new, corrected summary." in response.content.decode()


def test_script_in_the_claim_cannot_break_out_of_the_json_ld(client):
    attack = "</script><script>alert(1)</script>"
    claim = published_claim(text=f"Vaccines {attack} cause harm", claim_reviewed="")

    response = client.get(page_url(claim))

    html = response.content.decode()
    assert "<script>alert(1)" not in html
    assert html.count("</script>") == 1
    assert json_ld(response)[0]["claimReviewed"] == f"Vaccines {attack} cause harm"


@pytest.mark.parametrize("evidence_count", [1, 10])
def test_page_query_count_does_not_grow_with_its_evidence(
    client, django_assert_max_num_queries, evidence_count
):
    claim = published_claim()
    EvidenceFactory.create_batch(evidence_count - 1, verdict=claim.verdict)
    CorrectionFactory.create_batch(evidence_count, claim=claim)

    # The ETag, the claim with its joins, and one prefetch each for topics, appearances,
    # speaker aliases, evidence and corrections.
    with django_assert_max_num_queries(7):
        response = client.get(page_url(claim))

    assert response.status_code == 200


def test_page_only_answers_safe_methods(client):
    claim = published_claim()

    assert client.post(page_url(claim)).status_code == 405
    assert client.head(page_url(claim)).status_code == 200
