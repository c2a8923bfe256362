"""Public pages are cached like the API (shared cache, ETag, 304), cost a fixed number of
queries whatever the page size, and weigh under 30 kB with their stylesheet."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims import services
from claims.models import Claim
from claimtracker.writes import fixture_writes
from tests import snapshots
from tests.factories import (
    CorrectionFactory,
    SpeakerFactory,
    TopicFactory,
    UserFactory,
    claim_in_status,
    published_claim,
)

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/?q=claim",
    "/speakers/",
    "/speakers/talker/",
    "/topics/",
    "/topics/health/",
    "/corrections/",
    "/feed.rss",
    "/speakers/talker/feed.atom",
    "/topics/health/feed.rss",
    "/sitemap.xml",
    "/sitemap-fact-checks.xml",
    "/robots.txt",
]
PAGED = [
    "/",
    "/?q=claim",
    "/speakers/",
    "/speakers/talker/",
    "/topics/",
    "/topics/health/",
    "/corrections/",
]


@snapshots.fixture
def archive(db):
    """25 published claims by one speaker on one topic, each corrected once (built once per
    process, copied in after: tests/snapshots.py)."""
    return snapshots.built_once("25 corrected claims", _archive)


def _archive():
    speaker = SpeakerFactory(slug="talker", name="Tom Talker")
    topic = TopicFactory(slug="health", name="Health")
    for number in range(25):
        claim = published_claim(speaker=speaker, claim_reviewed=f"Claim number {number}")
        with fixture_writes("test data written by hand"):
            claim.topics.add(topic, TopicFactory())
        CorrectionFactory(claim=claim)
        SpeakerFactory()
    return speaker


def claim_queries(captured) -> list[str]:
    """The queries that read the site's data (not the cache table)."""
    return [q["sql"] for q in captured.captured_queries if "claimtracker_cache" not in q["sql"]]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_sends_an_etag_and_answers_a_revalidation_with_304(archive, client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=60"

    again = client.get(path, headers={"if-none-match": response["ETag"]})

    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == response["ETag"]


def test_a_page_that_changed_gets_a_new_etag_and_a_200(archive, client):
    etag = client.get("/")["ETag"]
    published_claim(claim_reviewed="A brand new claim")

    response = client.get("/", headers={"if-none-match": etag})

    assert response.status_code == 200
    assert "A brand new claim" in response.content.decode()


@pytest.mark.parametrize(
    ("path", "budget"),
    [
        # Choices for the four filters, the count and the page.
        ("/", 6),
        # The same, and the search's query parsed first (claims.search.parsed_query).
        ("/?q=claim", 7),
        # The count, the page, and the speakers' aliases.
        ("/speakers/", 3),
        # The speaker, the scorecard's counts and scale, the count and the page.
        ("/speakers/talker/", 5),
        # The count and the page.
        ("/topics/", 2),
        # The topic, the count and the page.
        ("/topics/health/", 3),
        # The count and the page (one UNION).
        ("/corrections/", 2),
    ],
)
@pytest.mark.parametrize("page_size", [1, 20])
def test_lists_cost_the_same_queries_whatever_the_page_size(
    archive, client, django_assert_num_queries, path, budget, page_size
):
    separator = "&" if "?" in path else "?"
    with django_assert_num_queries(budget):
        response = client.get(f"{path}{separator}page_size={page_size}")

    assert response.status_code == 200
    assert response.content.decode().count('<a href="/claims/') >= (
        0 if path in ("/speakers/", "/topics/") else page_size
    )


@pytest.mark.parametrize(("path", "budget"), [("/feed.rss", 1), ("/topics/health/feed.rss", 2)])
def test_feeds_cost_a_fixed_number_of_queries(
    archive, client, django_assert_num_queries, path, budget
):
    with django_assert_num_queries(budget):
        assert client.get(path).status_code == 200


def test_html_and_css_weigh_under_30_kb(archive, client):
    stylesheet = Path(finders.find("website/site.css")).stat().st_size
    claim = Claim.objects.filter(speaker=archive).first()
    for path in [*PAGED, f"/claims/{claim.pk}/"]:
        response = client.get(path, follow=True)
        weight = len(response.content) + stylesheet
        assert weight < 30_000, f"{path}: {weight} bytes with the stylesheet"


class TestSharedCache:
    """With the shared cache on, as in production."""

    @pytest.fixture(autouse=True)
    def cache_on(self, settings):
        settings.PUBLIC_CACHE_SECONDS = 300

    @pytest.mark.parametrize("path", PAGES)
    def test_a_repeated_page_is_served_from_the_cache_without_reading_the_data(
        self, archive, client, path
    ):
        first = client.get(path)
        with CaptureQueriesContext(connection) as captured:
            second = client.get(path)

        assert second.status_code == 200
        assert second.content == first.content
        assert second["ETag"] == first["ETag"]
        assert second["Content-Type"] == first["Content-Type"]
        assert second.get("X-Robots-Tag") == first.get("X-Robots-Tag")
        assert claim_queries(captured) == []

    def test_a_cached_claim_page_costs_only_its_etag_query(self, archive, client):
        claim = Claim.objects.filter(speaker=archive).first()
        url = client.get(f"/claims/{claim.pk}/", follow=True).request["PATH_INFO"]
        first = client.get(url)

        with CaptureQueriesContext(connection) as captured:
            second = client.get(url)

        assert second.content == first.content
        assert len(claim_queries(captured)) == 1

    def test_publishing_a_claim_shows_it_on_the_front_page_at_once(
        self, archive, client, django_capture_on_commit_callbacks
    ):
        client.get("/")
        reviewed = claim_in_status(Claim.Status.IN_REVIEW)
        editor = UserFactory(username="publisher", is_superuser=True)
        with django_capture_on_commit_callbacks(execute=True):
            services.claim_publish(claim=reviewed, actor=editor)

        page = client.get("/").content.decode()

        assert (reviewed.claim_reviewed or reviewed.text)[:40] in page
