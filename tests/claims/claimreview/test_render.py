"""ClaimReview JSON-LD, checked against Google's fact-check structured-data guide."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import resolve

from claims.claimreview.render import claim_page_url, claim_review, claim_slug, json_ld_script
from claims.demo import ARTICLE_URL
from claims.models import Claim, Rating
from claims.selectors import claims_for_claimreview
from claimtracker.writes import fixture_writes
from tests.factories import (
    AppearanceFactory,
    ClaimFactory,
    PublisherFactory,
    SourceFactory,
    SpeakerFactory,
    VerdictFactory,
    published_claim,
)

pytestmark = pytest.mark.django_db

BACKDOORS = "No law in China requires any company to install mandatory backdoors"
TAX_CUT = "He dares to massively cut tax"


def fetch(claim: Claim) -> Claim:
    """The claim as callers pass it: loaded by the detail selector."""
    return claims_for_claimreview(None).get(pk=claim.pk)


def demo_claim(text_start: str) -> Claim:
    return fetch(Claim.objects.get(text__startswith=text_start))


def walk(value):
    """Every value in a JSON tree, containers included."""
    yield value
    if isinstance(value, dict):
        for item in value.values():
            yield from walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from walk(item)


def test_claim_review_has_googles_required_and_recommended_fields(demo, rf):
    claim = demo_claim(BACKDOORS)

    review = claim_review(claim, request=rf.get("/"))

    assert review["@context"] == "https://schema.org"
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == "No law in China requires companies to install backdoors"
    assert review["reviewRating"]["@type"] == "Rating"
    assert review["reviewRating"]["alternateName"] == "Misleading"
    assert review["url"] == claim_page_url(claim, request=rf.get("/"))
    assert review["author"][0] == {
        "@type": "Organization",
        "name": "ClaimTracker",
        "url": "http://testserver/",
    }
    assert review["datePublished"] == "2019-01-18"
    assert review["inLanguage"] == "en"
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"] == {
        "@type": "Person",
        "name": "Ren Zhengfei",
        "jobTitle": "Founder of Huawei",
        "sameAs": ["https://en.wikipedia.org/wiki/Ren_Zhengfei"],
    }
    assert item["datePublished"] == "2019-01-15"
    bbc_article = {
        "@type": "CreativeWork",
        "url": ARTICLE_URL,
        "headline": "Huawei founder Ren Zhengfei denies firm poses spying risk",
        "datePublished": "2019-01-15",
        "publisher": {"@type": "Organization", "name": "BBC", "url": "https://www.bbc.co.uk"},
    }
    assert item["appearance"] == [bbc_article]
    assert item["firstAppearance"] == bbc_article


def test_off_scale_rating_has_a_label_and_no_numbers(demo, rf):
    review = claim_review(demo_claim(BACKDOORS), request=rf.get("/"))

    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "Misleading"}


def test_numbered_rating_carries_its_value_on_the_one_to_five_scale(demo, rf):
    review = claim_review(demo_claim(TAX_CUT), request=rf.get("/"))

    assert review["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Mostly true",
        "ratingValue": 4,
        "bestRating": Rating.BEST_VALUE,
        "worstRating": Rating.WORST_VALUE,
    }
    assert (Rating.BEST_VALUE, Rating.WORST_VALUE) == (5, 1)


def test_url_defaults_to_the_public_page_with_its_canonical_slug(demo, rf):
    claim = demo_claim(BACKDOORS)

    url = claim_review(claim, request=rf.get("/"))["url"]

    assert url == (
        f"http://testserver/claims/{claim.pk}/no-law-in-china-requires-companies-to-install-backdoors/"
    )
    match = resolve(url.removeprefix("http://testserver"))
    assert match.url_name == "claim-page"
    assert match.kwargs == {"pk": claim.pk, "slug": claim_slug(claim)}


def test_url_template_setting_points_the_review_at_the_newsrooms_page(demo, rf, settings):
    settings.CLAIMREVIEW_URL_TEMPLATE = "https://news.example.org/fact-checks/{id}/{slug}/"
    claim = demo_claim(TAX_CUT)

    url = claim_review(claim, request=rf.get("/"))["url"]

    assert url == (
        f"https://news.example.org/fact-checks/{claim.pk}/"
        "donald-trump-massively-cut-taxes-to-the-benefit-of-business/"
    )


def test_author_is_the_configured_organisation(demo, rf, settings):
    settings.CLAIMTRACKER_ORGANIZATION_NAME = "Example Fact Check"
    settings.CLAIMTRACKER_ORGANIZATION_URL = "https://factcheck.example.org/"

    review = claim_review(demo_claim(TAX_CUT), request=rf.get("/"))

    assert review["author"][0] == {
        "@type": "Organization",
        "name": "Example Fact Check",
        "url": "https://factcheck.example.org/",
    }


def test_claim_review_runs_no_query(demo, rf, django_assert_num_queries):
    claim = demo_claim(BACKDOORS)
    request = rf.get("/")

    with django_assert_num_queries(0):
        claim_review(claim, request=request)


def test_claim_review_of_a_claim_with_many_appearances_runs_no_query(rf, django_assert_num_queries):
    claim = published_claim()
    AppearanceFactory.create_batch(3, claim=claim, source__publisher=None)
    claim = fetch(claim)
    request = rf.get("/")

    with django_assert_num_queries(0):
        review = claim_review(claim, request=request)

    assert len(review["itemReviewed"]["appearance"]) == 4


def test_date_published_is_the_verdicts_publication_date(rf):
    claim = published_claim(published_at=dt.datetime(2024, 3, 1, 12, tzinfo=dt.UTC))
    claim.verdict.published_at = dt.datetime(2024, 3, 2, 23, 30, tzinfo=dt.UTC)
    with fixture_writes("a verdict published the day after its claim"):
        claim.verdict.save()

    assert claim_review(fetch(claim), request=rf.get("/"))["datePublished"] == "2024-03-02"


def test_date_published_falls_back_to_the_claims_publication(rf):
    claim = published_claim(published_at=dt.datetime(2024, 3, 1, 12, tzinfo=dt.UTC))
    assert claim.verdict.published_at is None

    assert claim_review(fetch(claim), request=rf.get("/"))["datePublished"] == "2024-03-01"


def test_claim_without_speaker_has_no_claim_author(rf):
    claim = published_claim(speaker=None)

    item = claim_review(fetch(claim), request=rf.get("/"))["itemReviewed"]

    assert "author" not in item


def test_missing_values_are_left_out_rather_than_null_or_empty(rf):
    claim = published_claim(
        speaker=SpeakerFactory(role="", same_as=[]), stated_on=None, language="pt-BR"
    )
    source = SourceFactory(publisher=PublisherFactory(url=""), published_on=None)
    with fixture_writes("appearances with no first one and a bare source"):
        claim.appearances.update(is_first=False, source=source)
    AppearanceFactory(claim=claim, source__publisher=None)

    review = claim_review(fetch(claim), request=rf.get("/"))

    assert review["inLanguage"] == "pt-BR"
    item = review["itemReviewed"]
    assert set(item["author"]) == {"@type", "name"}
    assert "datePublished" not in item
    assert "firstAppearance" not in item
    undated, unpublished = sorted(item["appearance"], key=lambda work: "publisher" not in work)
    assert set(undated) == {"@type", "url", "headline", "publisher"}
    assert set(undated["publisher"]) == {"@type", "name"}
    assert set(unpublished) == {"@type", "url", "headline", "datePublished"}
    assert all(value not in (None, "", [], {}) for value in walk(review))


def test_claim_reviewed_falls_back_to_the_claim_text(rf):
    claim = published_claim(text="Tea cures every illness", claim_reviewed="")

    assert claim_review(fetch(claim), request=rf.get("/"))["claimReviewed"] == (
        "Tea cures every illness"
    )


@pytest.mark.parametrize(
    "status",
    [status for status in Claim.Status.values if status != Claim.Status.PUBLISHED],
)
def test_unpublished_claim_has_no_claim_review(rf, status):
    claim = ClaimFactory(status=status)
    VerdictFactory(claim=claim)
    claim = Claim.objects.select_related("verdict__rating").get(pk=claim.pk)

    with pytest.raises(ValueError, match="not published"):
        claim_review(claim, request=rf.get("/"))


def test_published_claim_without_a_rated_verdict_has_no_claim_review(rf, django_assert_num_queries):
    # The database refuses to store such a claim (claim_published_has_rated_verdict); this
    # guards the builder against an unsaved one.
    claim = fetch(published_claim())
    claim.verdict.rating = None

    with django_assert_num_queries(0), pytest.raises(ValueError, match="no rated verdict"):
        claim_review(claim, request=rf.get("/"))


def test_slug_is_cut_at_a_word_boundary_within_sixty_characters():
    claim = ClaimFactory.build(
        claim_reviewed="The government spent more on defence than on schools and hospitals "
        "together last year"
    )

    slug = claim_slug(claim)

    assert slug == "the-government-spent-more-on-defence-than-on-schools-and"
    assert len(slug) <= 60


def test_slug_keeps_a_word_that_ends_exactly_at_the_limit():
    claim = ClaimFactory.build(claim_reviewed=f"{'x' * 29} {'y' * 30} tail")

    assert claim_slug(claim) == f"{'x' * 29}-{'y' * 30}"


def test_slug_of_a_single_long_word_is_cut_hard():
    claim = ClaimFactory.build(claim_reviewed="a" * 80)

    assert claim_slug(claim) == "a" * 60


def test_slug_falls_back_when_nothing_is_left_after_slugifying():
    claim = ClaimFactory.build(claim_reviewed="", text="没有法律要求公司安装后门")

    assert claim_slug(claim) == "claim"


def test_json_ld_script_cannot_be_closed_by_a_value():
    data = {"claimReviewed": "</script><script>alert(1)</script> & <!--"}

    script = json_ld_script(data)

    assert script.startswith('<script type="application/ld+json">')
    assert script.count("</script>") == 1
    assert script.endswith("</script>")
    assert "<!--" not in script
    body = script.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert json.loads(body) == data
