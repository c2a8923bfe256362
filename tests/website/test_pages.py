"""The public site's index pages: what each shows, filters and search, 404s, the footer."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import transaction

from claims.models import Claim, Correction, Rating
from claimtracker.writes import fixture_writes
from tests.factories import (
    ClaimFactory,
    CorrectionFactory,
    SpeakerFactory,
    TopicFactory,
    VerdictFactory,
    published_claim,
)

pytestmark = pytest.mark.django_db

BACKDOORS_TITLE = "No law in China requires companies to install backdoors"
TAXES_TITLE = "Donald Trump massively cut taxes, to the benefit of business"


def html(client, path: str, status: int = 200) -> str:
    response = client.get(path)
    assert response.status_code == status, path
    return response.content.decode()


def titles(page: str) -> list[str]:
    """The fact-check titles a list shows, in order."""
    return re.findall(r'<h2><a href="/claims/\d+/[^"]*">([^<]*)</a></h2>', page)


# --- The front page ---------------------------------------------------------------------------


def test_front_page_lists_the_published_demo_fact_checks_newest_first(demo, client):
    page = html(client, "/")

    assert titles(page) == [TAXES_TITLE, BACKDOORS_TITLE]
    assert '<span class="badge r4">Mostly true</span>' in page
    assert '<span class="badge r0">Misleading</span>' in page
    assert '<a href="/speakers/ren-zhengfei/">Ren Zhengfei</a>' in page
    assert '<time datetime="2019-01-21T14:30:00+00:00">21 January 2019</time>' in page
    assert '<a href="/topics/taxation/">Taxation</a>' in page
    # Drafts, claims in review and rejected claims are not public.
    assert "Huawei would refuse requests" not in page
    assert "never asked Huawei for improper information" not in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?rating=misleading", [BACKDOORS_TITLE]),
        ("?topic=taxation", [TAXES_TITLE]),
        ("?topic=5g&rating=mostly-true", []),
        ("?speaker=ren-zhengfei", [TAXES_TITLE, BACKDOORS_TITLE]),
        ("?language=en", [TAXES_TITLE, BACKDOORS_TITLE]),
        ("?language=fr", []),
        ("?q=backdoors", [BACKDOORS_TITLE]),
        ("?q=tax+business", [TAXES_TITLE]),
    ],
)
def test_front_page_filters_and_searches_like_the_api(demo, client, query, expected):
    page = html(client, "/" + query)

    assert titles(page) == expected
    if not expected:
        assert "No fact-checks match." in page


def test_front_page_offers_the_ratings_topics_speakers_and_languages_in_use(demo, client):
    page = html(client, "/?topic=taxation")

    assert '<option value="taxation" selected>Taxation</option>' in page
    assert '<option value="misleading">Misleading</option>' in page
    assert '<option value="ren-zhengfei">Ren Zhengfei</option>' in page
    assert '<option value="en">English</option>' in page
    # The topics and speakers of published fact-checks only.
    assert '<option value="sanctions">' not in page
    assert '<option value="donald-trump">' not in page


def test_front_page_filters_offer_the_newest_fact_checks_topics_and_any_selected_one(
    client, settings, monkeypatch
):
    monkeypatch.setattr("website.selectors.CHOICES_WINDOW", 1)
    old = published_claim(published_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    with fixture_writes("test data written by hand"):
        old.topics.add(TopicFactory(slug="old-news", name="Old news"))
    new = published_claim(published_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
    with fixture_writes("test data written by hand"):
        new.topics.add(TopicFactory(slug="fresh", name="Fresh"))

    assert '<option value="old-news">' not in html(client, "/")
    assert '<option value="fresh">Fresh</option>' in html(client, "/")
    page = html(client, "/?topic=old-news")
    assert '<option value="old-news" selected>Old news</option>' in page


def test_an_unknown_filter_value_is_a_400_naming_it(demo, client):
    page = html(client, "/?rating=nonsense", status=400)

    assert "Unknown rating: &#x27;nonsense&#x27;." in page
    assert titles(page) == []


def test_pages_beyond_the_last_and_bad_page_numbers_are_not_found(demo, client):
    assert client.get("/?page=2").status_code == 404
    assert client.get("/?page=0").status_code == 404
    assert client.get("/?page=x").status_code == 404


def test_pagination_counts_pages_and_keeps_the_filters(client):
    speaker = SpeakerFactory(slug="talker")
    for day in range(5):
        published_claim(
            speaker=speaker,
            claim_reviewed=f"Claim of day {day}",
            published_at=dt.datetime(2024, 1, day + 1, tzinfo=dt.UTC),
        )

    first = html(client, "/?speaker=talker&page_size=2")
    last = html(client, "/?speaker=talker&page_size=2&page=3")

    assert titles(first) == ["Claim of day 4", "Claim of day 3"]
    assert "Page 1 of 3 (5 in all)" in first
    assert 'href="?speaker=talker&amp;page_size=2&amp;page=2" rel="next"' in first
    assert titles(last) == ["Claim of day 0"]
    assert 'rel="next"' not in last


# --- Speakers ---------------------------------------------------------------------------------


def test_speaker_index_lists_speakers_with_published_fact_checks(demo, client):
    page = html(client, "/speakers/")

    assert '<a href="/speakers/ren-zhengfei/">Ren Zhengfei</a>' in page
    assert "2 fact-checks" in page
    # Meng Wanzhou's and Donald Trump's claims are not published.
    assert "Meng Wanzhou" not in page
    assert "Donald Trump</a>" not in page


def test_speaker_index_searches_names_and_aliases(demo, client):
    assert "Ren Zhengfei" in html(client, "/speakers/?q=Mr+Ren")
    page = html(client, "/speakers/?q=nobody")
    assert "No speaker matches." in page
    assert "/speakers/ren-zhengfei/" not in page.split("<main", 1)[1].split("</main>")[0]


def test_speaker_page_shows_the_scorecard_as_a_chart_and_a_table(demo, client):
    page = html(client, "/speakers/ren-zhengfei/")

    assert "<h1>Ren Zhengfei</h1>" in page
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page
    assert '<title id="scorecard-title">Fact-checks of Ren Zhengfei by rating</title>' in page
    rows = dict(re.findall(r'<th scope="row">([^<]+)</th><td class="n">(\d+)</td>', page))
    assert rows["Misleading"] == "1"
    assert rows["Mostly true"] == "1"
    assert rows["False"] == "0"
    # The two rated ratings have full-length bars, the others none.
    assert page.count('width="150" height="18"') == 2
    assert titles(page) == [TAXES_TITLE, BACKDOORS_TITLE]


def test_unknown_speakers_and_speakers_without_published_fact_checks_are_not_found(demo, client):
    assert client.get("/speakers/nobody/").status_code == 404
    assert client.get("/speakers/meng-wanzhou/").status_code == 404


# --- Topics -----------------------------------------------------------------------------------


def test_topic_index_and_topic_page(demo, client):
    index = html(client, "/topics/")
    assert '<a href="/topics/taxation/">Taxation</a> <span class="meta">(1 fact-check)' in index
    assert "Sanctions" not in index  # only unpublished claims are about sanctions

    page = html(client, "/topics/us-china-relations/")
    assert "<h1>US-China relations</h1>" in page
    assert titles(page) == [TAXES_TITLE, BACKDOORS_TITLE]
    assert titles(html(client, "/topics/taxation/")) == [TAXES_TITLE]


def test_unknown_and_unpublished_topics_are_not_found(demo, client):
    assert client.get("/topics/nothing/").status_code == 404
    assert client.get("/topics/sanctions/").status_code == 404


# --- Corrections ------------------------------------------------------------------------------


def test_corrections_log_lists_corrections_and_retractions_newest_first(client, retract):
    corrected = published_claim(claim_reviewed="Tea cures colds")
    with fixture_writes("test data written by hand"):
        correction = CorrectionFactory(claim=corrected, note="We mislabelled the study.")
    with fixture_writes("test data written by hand"):
        Correction.objects.filter(pk=correction.pk).update(
            created_at=dt.datetime(2024, 5, 1, tzinfo=dt.UTC)
        )
    retracted = published_claim(claim_reviewed="Coffee cures colds")
    retract(retracted, note="The quotation was misattributed.")

    page = html(client, "/corrections/")

    assert titles(page) == ["Coffee cures colds", "Tea cures colds"]
    assert "<strong>Retraction</strong>" in page
    assert "The quotation was misattributed." in page
    assert "<strong>Correction</strong>" in page
    assert '<time datetime="2024-05-01T00:00:00+00:00">1 May 2024</time>' in page
    assert f'href="/claims/{retracted.pk}/coffee-cures-colds/"' in page
    assert client.get(f"/claims/{retracted.pk}/coffee-cures-colds/").status_code == 410


def test_corrections_log_leaves_out_claims_the_public_never_saw(client):
    draft = ClaimFactory(status=Claim.Status.DRAFT, claim_reviewed="A draft")
    with transaction.atomic():
        VerdictFactory(claim=draft)
    CorrectionFactory(claim=draft, note="Never public.")

    page = html(client, "/corrections/")

    assert "Never public." not in page
    assert "No fact-check has been corrected, updated or retracted." in page


@pytest.mark.parametrize(
    "path",
    ["/", "/speakers/", "/speakers/ren-zhengfei/", "/topics/", "/topics/5g/", "/corrections/"],
)
def test_every_page_links_the_corrections_log_beside_the_policy_the_organisation_sets(
    demo, client, settings, path
):
    settings.CLAIMTRACKER_CORRECTIONS_POLICY = "We fix errors within a day."

    page = html(client, path)

    footer = page.split('<footer class="site-footer">', 1)[1]
    assert "We fix errors within a day." in footer
    assert '<a href="/corrections/">All corrections and retractions</a>' in footer


def test_claim_page_footer_links_the_corrections_log_too(client):
    claim = published_claim()

    response = client.get(f"/claims/{claim.pk}/", follow=True)

    assert '<a href="/corrections/">All corrections' in response.content.decode()


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()


def test_off_scale_ratings_appear_in_the_scorecard(client):
    rating = Rating.objects.get(slug="misleading")
    claim = published_claim(rating=rating)

    page = html(client, f"/speakers/{claim.speaker.slug}/")

    assert '<th scope="row">Misleading</th><td class="n">1</td>' in page


def test_the_admins_view_site_link_leads_to_the_front_page(admin_client, demo):
    admin = admin_client.get("/admin/").content.decode()

    assert '<a href="/">View site</a>' in admin
    assert admin_client.get("/").status_code == 200


def test_a_missing_page_is_the_sites_own_404_with_a_way_back(client, settings):
    settings.CLAIMTRACKER_CORRECTIONS_POLICY = "We fix errors within a day."

    page = html(client, "/speakers/nobody/", status=404)

    assert "<h1>Page not found</h1>" in page
    assert '<a href="/">See the latest fact-checks</a>' in page
    assert "We fix errors within a day." in page


def test_api_404s_stay_json(client):
    response = client.get("/api/v1/claims/999999/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize("path", ["/", "/speakers/ren-zhengfei/", "/feed.rss", "/sitemap.xml"])
def test_pages_answer_head_and_refuse_writes(demo, client, path):
    assert client.head(path).status_code == 200
    assert client.post(path).status_code == 405
