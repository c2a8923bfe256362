"""The public fact-check page: published claims only, canonical URLs, ETags, JSON-LD, the
correction flag and byline, and a retracted claim's 410."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import translation

from claims import services
from claims.claimreview.render import claim_review, claim_slug
from claims.models import Claim, ClaimEvent, Correction, Verdict
from claims.selectors import claims_for_claimreview
from claimtracker.writes import fixture_writes
from tests.factories import (
    AppearanceFactory,
    ClaimFactory,
    CorrectionFactory,
    EvidenceFactory,
    SourceFactory,
    TopicFactory,
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
    assert f'<blockquote lang="en"><p>{BACKDOORS}</p></blockquote>' in html
    assert "Ren Zhengfei</strong></a>, Founder of Huawei" in html
    assert '<time datetime="2019-01-15">15 January 2019</time>' in html
    assert 'Rating: <span class="badge r0">Misleading</span>' in html
    assert claim.verdict.summary in html
    assert "<p>Mr Ren&#x27;s statement is literally accurate" in html
    assert f'<a href="{INTELLIGENCE_LAW_URL}" rel="noopener">' in html
    assert "National People&#x27;s Congress of China" in html
    assert "(Contradicts the claim)" in html
    assert "First appearance:" in html
    assert "We added the text of Article 7." in html
    assert "rating changed from False to Mostly false" in html
    assert '<time datetime="2019-01-18T09:00:00+00:00">18 January 2019</time>' in html


def test_page_is_an_html5_document_marking_the_claims_language(client):
    claim = published_claim(claim_reviewed="Tea cures every illness", language="pt-BR")

    response = client.get(page_url(claim))

    html = response.content.decode()
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert html.startswith("<!DOCTYPE html>")
    # The page's own words are English; the claim's are marked with its language.
    assert '<html lang="en">' in html
    assert '<h1 lang="pt-BR">Tea cures every illness</h1>' in html
    assert "<title>Tea cures every illness: False | ClaimTracker</title>" in html
    assert f'<link rel="canonical" href="http://testserver{page_url(claim)}">' in html
    assert '<link rel="stylesheet" href="/static/website/site.css">' in html
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
    [
        status
        for status in Claim.Status.values
        if status not in (Claim.Status.PUBLISHED, Claim.Status.RETRACTED)
    ],
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

    # The ETag, the claim with its joins, and one prefetch each for appearances, evidence,
    # corrections, the verdict's contributors (the byline) and the rating's labels (the
    # ClaimReview's alternateName in each language).
    with django_assert_max_num_queries(7):
        response = client.get(page_url(claim))

    assert response.status_code == 200


def test_page_only_answers_safe_methods(client):
    claim = published_claim()

    assert client.post(page_url(claim)).status_code == 405
    assert client.head(page_url(claim)).status_code == 200


def test_page_links_appearances_and_evidence_without_tracking_parameters(client):
    claim = published_claim()
    tracked = "https://news.example.org/story?id=7&utm_source=twitter&utm_medium=social"
    AppearanceFactory(claim=claim, source=SourceFactory(url=tracked))
    EvidenceFactory(verdict=claim.verdict, source=SourceFactory(url=tracked + "&ref=x&fbclid=1"))

    html = client.get(page_url(claim)).content.decode()

    links = re.findall(r'<a href="([^"]*)"', html)
    assert "https://news.example.org/story?id=7" in links
    assert "https://news.example.org/story?id=7&amp;ref=x" in links
    assert not [link for link in links if "utm_" in link or "fbclid" in link]


def test_the_favicon_is_served_and_linked_from_the_page(client):
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200
    assert icon["Content-Type"] in ("image/x-icon", "image/vnd.microsoft.icon")
    assert b"".join(icon.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file

    html = client.get(page_url(published_claim())).content.decode()
    assert '<link rel="icon" href="/favicon.ico">' in html


def _html(client, claim) -> str:
    response = client.get(page_url(claim))
    assert response.status_code == 200
    return response.content.decode()


def test_a_corrected_claim_is_flagged_next_to_its_rating_with_the_last_correction_date(client):
    claim = published_claim()
    for day in (1, 5):
        correction = CorrectionFactory(claim=claim, note=f"Fix of {day} March.")
        with fixture_writes("test data written by hand"):
            Correction.objects.filter(pk=correction.pk).update(
                created_at=dt.datetime(2024, 3, day, 12, 0, tzinfo=dt.UTC)
            )

    html = _html(client, claim)

    # It links to the corrections, which say what changed.
    assert '<a class="flag" href="#corrections">Corrected on 5 March 2024</a>' in html
    assert '<section id="corrections">' in html
    assert html.index("Corrected on") < html.index('class="summary"')


def test_an_uncorrected_claim_has_no_flag(client):
    assert "Corrected on" not in _html(client, published_claim())


def test_byline_names_the_fact_checker_and_shows_the_update_date(client):
    published = dt.datetime(2024, 1, 10, 9, 0, tzinfo=dt.UTC)
    claim = published_claim(published_at=published)
    User.objects.filter(pk=claim.verdict.author_id).update(first_name="Fiona", last_name="Checker")
    with fixture_writes("test data written by hand"):
        Claim.objects.filter(pk=claim.pk).update(
            modified_at=dt.datetime(2024, 2, 1, 8, 0, tzinfo=dt.UTC)
        )
    with fixture_writes("test data written by hand"):
        Verdict.objects.filter(pk=claim.verdict.pk).update(published_at=published)

    html = _html(client, claim)

    assert "Fact-checked by Fiona Checker, ClaimTracker." in html
    assert 'Published <time datetime="2024-01-10T09:00:00+00:00">10 January 2024</time>' in html
    assert 'Updated <time datetime="2024-02-01T08:00:00+00:00">1 February 2024</time>' in html


def test_no_updated_date_when_nothing_changed_after_publication(client):
    claim = published_claim()
    with fixture_writes("test data written by hand"):
        Claim.objects.filter(pk=claim.pk).update(modified_at=claim.published_at)

    assert "Updated" not in _html(client, claim)


def test_page_links_to_the_speaker_and_topic_pages(client):
    topic = TopicFactory(name="Health", slug="health")
    claim = published_claim()
    with fixture_writes("test data written by hand"):
        claim.topics.add(topic)

    html = _html(client, claim)

    assert f'<a href="/speakers/{claim.speaker.slug}/"><strong>{claim.speaker.name}' in html
    assert '<a href="/topics/health/">Health</a>' in html


def test_page_has_open_graph_and_twitter_card_tags(client):
    claim = published_claim(claim_reviewed="Tea cures every illness")

    html = _html(client, claim)

    url = f"http://testserver{page_url(claim)}"
    assert '<meta property="og:title" content="Tea cures every illness: False">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert f'<meta property="og:description" content="{claim.verdict.summary}">' in html
    assert '<meta name="twitter:card" content="summary">' in html
    assert '<meta name="twitter:title" content="Tea cures every illness: False">' in html


def test_a_retracted_claim_is_gone_with_the_note_and_date(client, superuser):
    claim = published_claim(claim_reviewed="Tea cures every illness")
    services.claim_retract(claim=claim, actor=superuser, note="The quotation was misattributed.")
    event = ClaimEvent.objects.get(claim=claim, action="retract")

    response = client.get(page_url(claim))

    assert response.status_code == 410
    html = response.content.decode()
    assert "Tea cures every illness" in html
    assert "This fact-check was retracted on" in html
    assert f"{event.created_at:%-d %B %Y}" in html
    assert "The quotation was misattributed." in html
    assert claim.verdict.summary not in html
    assert client.get(f"/claims/{claim.pk}/").status_code == 410


def test_a_correction_that_keeps_the_rating_does_not_claim_it_changed(client):
    claim = published_claim()
    CorrectionFactory(
        claim=claim,
        note="We reworded the summary.",
        old_rating=claim.verdict.rating,
        new_rating=claim.verdict.rating,
    )

    html = _html(client, claim)

    assert "We reworded the summary." in html
    assert "rating changed" not in html


def test_dates_follow_the_readers_language(demo, client):
    claim = Claim.objects.get(text=BACKDOORS)

    with translation.override("fr"):
        html = _html(client, claim)

    assert '<time datetime="2019-01-15">15 janvier 2019</time>' in html
