"""Every list endpoint runs a constant number of queries, whatever the page size."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import snapshots
from tests.factories import SpeakerAliasFactory, published_claim

pytestmark = pytest.mark.django_db

ALL_CLAIM_FILTERS = {
    "speaker": "ren",
    "topic": "5g",
    "rating": "false",
    "language": "en",
    "stated_after": "2000-01-01",
    "stated_before": "2100-01-01",
    "published_after": "2000-01-01",
    "published_before": "2100-01-01",
    "q": "law",
    "ordering": "-stated_on",
}

# Every filter the fast path answers.
FAST_PATH_FILTERS = {key: value for key, value in ALL_CLAIM_FILTERS.items() if key != "ordering"}


@pytest.mark.parametrize("page_size", [1, 20, 100])
@pytest.mark.parametrize(
    ("filters", "queries"),
    # The generic path: the count and the page (topics and appearances come with it);
    # filters by slug add the one query that checks every slug at once. The fast path
    # (claims/fast_list.py): the page with its count, plus the slugs' ids when filtered.
    # A search parses its query first, so that the page's query carries it as a constant
    # (claims.search.parsed_query): one more.
    [
        ({}, 1),
        (FAST_PATH_FILTERS, 3),
        ({"q": "law", "language": "en"}, 2),
        (ALL_CLAIM_FILTERS, 4),
        ({"ordering": "-stated_on"}, 2),
    ],
    ids=[
        "unfiltered",
        "fast-path-filters",
        "fast-path-search",
        "all-filters",
        "generic-unfiltered",
    ],
)
def test_claim_list_runs_the_same_few_queries_at_every_page_size(
    api, many_claims, django_assert_num_queries, page_size, filters, queries
):
    with django_assert_num_queries(queries):
        response = api.get("/api/v1/claims/", {**filters, "page_size": page_size})
    assert response.status_code == 200
    assert len(response.json()["results"]) == page_size


@pytest.mark.parametrize("page_size", [1, 20, 100])
def test_claimreview_feed_query_count_is_constant(
    api, many_claims, django_assert_num_queries, page_size
):
    # The page, then the evidence, contributors, corrections and appearances of all its claims,
    # and the exported rating labels (alternateName in each claim's language).
    with django_assert_num_queries(6):
        response = api.get("/api/v1/claimreview/", {"page_size": page_size})
    assert response.status_code == 200
    assert len(response.json()["results"]) == page_size


@pytest.mark.parametrize(
    ("path", "budget"),
    [("/api/v1/speakers/", 3), ("/api/v1/topics/", 2), ("/api/v1/sources/", 2)],
)
@pytest.mark.parametrize("page_size", [1, 20, 100])
def test_other_lists_query_count_is_constant(
    api, many_claims, django_assert_max_num_queries, path, budget, page_size
):
    with django_assert_max_num_queries(budget):
        response = api.get(path, {"page_size": page_size})
    assert response.status_code == 200


def test_rating_scale_is_one_query(api, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = api.get("/api/v1/ratings/")
    assert [rating["slug"] for rating in response.json()][:2] == ["true", "mostly-true"]


@snapshots.fixture
def many_speakers(db):
    """105 speakers, 60 of them with a published claim (built once per process)."""
    snapshots.built_once("105 speakers", _many_speakers)


def _many_speakers():
    for number in range(105):
        speaker = SpeakerAliasFactory(speaker__slug=f"speaker-{number:03}").speaker
        if number % 7 < 4:
            published_claim(speaker=speaker)


@pytest.mark.parametrize("page_size", [1, 20, 100])
@pytest.mark.parametrize("reader", ["anonymous", "staff"])
def test_speaker_list_query_count_is_constant_for_public_and_staff(
    many_speakers, api, staff_api, django_assert_num_queries, reader, page_size
):
    """105 speakers, 60 with a published claim: the visibility rule adds no query."""
    client = api if reader == "anonymous" else staff_api
    # The count, the page and its aliases; staff add the session and the user.
    with django_assert_num_queries(3 if reader == "anonymous" else 5):
        response = client.get("/api/v1/speakers/", {"page_size": page_size})
    assert response.status_code == 200
    assert response.json()["count"] == (60 if reader == "anonymous" else 105)
    assert len(response.json()["results"]) == min(page_size, response.json()["count"])


@pytest.mark.parametrize("extra", [{}, {"ordering": "-stated_on"}], ids=["fast-path", "generic"])
def test_a_search_gives_the_planner_its_parsed_terms_as_a_constant(api, many_claims, extra):
    """Parsed inside the page's query, every term looks rare to the planner, and a word in
    most claims fetched all its matches (1.4 s at a million claims, docs/performance.md)."""
    with CaptureQueriesContext(connection) as captured:
        response = api.get("/api/v1/claims/", {"q": "laws", **extra})
    assert response.status_code == 200
    assert response.json()["count"] == 120
    *_, page = [query["sql"] for query in captured.captured_queries]
    assert "websearch_to_tsquery" not in page
    assert "'''law'''::tsquery" in page
