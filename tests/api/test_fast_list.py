"""The claim list's fast path (claims/fast_list.py) answers exactly as the generic path."""

from __future__ import annotations

import datetime as dt

import pytest

from claims import fast_list
from claims.models import Claim, Rating
from tests import snapshots
from tests.factories import ClaimFactory, SpeakerFactory, TopicFactory, published_claim

pytestmark = pytest.mark.django_db

URL = "/api/v1/claims/"

# Every request the fast path answers: no filter, each filter, repeated and combined, pages.
FAST = [
    "",
    "page_size=1",
    "page_size=2&page=2",
    "page=3&page_size=2",
    "page_size=100",
    "speaker=ren-zhengfei",
    "speaker=ren-zhengfei&speaker=fast-speaker",
    "speaker=+ren-zhengfei+&speaker=",
    "speaker=",
    "topic=fast-a",
    "topic=fast-a&topic=fast-b",
    "rating=false",
    "rating=false&rating=misleading&page_size=1&page=2",
    "stated_after=2018-06-01",
    "stated_before=2018-06-01&stated_after=2015-01-01",
    "published_after=2019-01-01&published_before=2019-12-31",
    "published_before=2019-01-15",
    "published_after=2019-1-5",
    "published_after=2000-01-01&published_after=2019-06-01",
    "speaker=fast-speaker&topic=fast-a&rating=false&published_after=2000-01-01&page_size=1",
    "page=99",
    # Search: the window of newest matches ranked, in each language's stemming; language.
    "q=claim",
    "q=fast+path&page_size=2&page=2",
    "q=claims&language=en",
    "q=impots&language=fr",
    "q=impôts&language=fr&language=EN-gb",
    "q=impots&language=*",
    "q=impots",
    'q="fast+path"+-2',
    "q=claim+or+impots&page_size=1&page=3",
    "q=the",
    "q=nothingmatchesthisword",
    "q=+",
    "q=a&q=path",
    "q=fast&speaker=fast-speaker&topic=fast-a&rating=false&published_after=2000-01-01",
    "q=claim&page=99",
    "language=en",
    "language=fr-CA",
    "language=pt&language=fr&page_size=2",
    "language=*&page_size=3",
]
# Requests it leaves to the generic path: other parameters, and every bad value (its 400s).
GENERIC = [
    "ordering=-stated_on",
    "q=law&ordering=-stated_on",
    "q=" + "-" * 40 + "law",
    "q=" + "x" * 501,
    "q=law%00",
    "language=not_a_tag",
    "format=json",
    "speaker=nobody-at-all",
    "speaker=not a slug",
    "topic=fast-a&rating=nothing",
    "published_after=2019-13-01",
    "page=0",
    "page=last",
    "page_size=101",
    "unknown=1",
]


@snapshots.fixture
def archive(demo):
    """The demo claims, and claims with two topics, none, no speaker's statement date, a
    draft among them, published on the same day (built once per process: tests/snapshots.py)."""
    snapshots.built_once("fast list archive", _archive)


def _archive():
    speaker = SpeakerFactory(slug="fast-speaker")
    topics = [TopicFactory(slug="fast-a", name="Alpha"), TopicFactory(slug="fast-b", name="Beta")]
    rating = Rating.objects.get(slug="false")
    when = dt.datetime(2019, 6, 1, 23, 59, tzinfo=dt.UTC)
    for number in range(3):
        published_claim(
            speaker=speaker,
            rating=rating,
            topics=topics[: number + 1],
            text=f"Fast path claim {number}",
            published_at=when,
        )
    published_claim(speaker=speaker, rating=rating, topics=[], stated_on=None)
    # Claims in other languages, searched with their own stemmers (docs/languages.md).
    published_claim(text="Les impôts ont augmenté de dix pour cent", language="fr", rating=rating)
    published_claim(text="Les impots des fast path claims", language="fr-CA", rating=rating)
    published_claim(text="Os impostos subiram", language="pt-BR", rating=rating)
    ClaimFactory(speaker=speaker, status=Claim.Status.DRAFT)


def _answer(api, query: str):
    response = api.get(f"{URL}?{query}")
    return response.status_code, response.json(), response.get("Link")


@pytest.mark.parametrize("query", FAST)
def test_the_fast_path_answers_as_the_generic_path(api, archive, monkeypatch, query):
    answered = []
    claim_list = fast_list.claim_list
    monkeypatch.setattr(
        fast_list, "claim_list", lambda request: answered.append(1) or claim_list(request)
    )
    fast = _answer(api, query)
    monkeypatch.setattr(fast_list, "claim_list", lambda request: None)
    assert fast == _answer(api, query)
    assert answered


@pytest.mark.parametrize("query", GENERIC)
def test_the_fast_path_leaves_other_requests_to_the_generic_path(rf, archive, query):
    from rest_framework.request import Request

    request = Request(rf.get(f"{URL}?{query}"))
    assert fast_list.claim_list(request) is None


def test_signed_in_staff_take_the_generic_path_and_see_drafts(staff_api, archive):
    response = staff_api.get(URL, {"speaker": "fast-speaker"})
    assert response.status_code == 200
    assert response.json()["count"] == 5


def test_the_fast_path_lists_the_published_claims_newest_first(api, archive):
    body = api.get(URL, {"speaker": "fast-speaker", "page_size": 100}).json()
    assert body["count"] == 4
    published = [item["published_at"] for item in body["results"]]
    assert published == sorted(published, reverse=True)
    assert {item["status"] for item in body["results"]} == {"published"}


@pytest.fixture
def small_count_limit(monkeypatch):
    """Counts exact up to 2 items only, so that the archive's lists are estimated."""
    from claimtracker import pagination

    monkeypatch.setattr(pagination, "EXACT_COUNT_LIMIT", 2)
    monkeypatch.setattr(fast_list, "EXACT_COUNT_LIMIT", 2)


def _all_pages(api, query: str) -> tuple[list[int], list[dict]]:
    """Follow ``next`` from the first page; the ids seen and each page's answer."""
    ids, answers = [], []
    url = f"{URL}?{query}"
    while url:
        body = api.get(url).json()
        answers.append(body)
        ids += [item["id"] for item in body["results"]]
        url = body["next"]
    return ids, answers


@pytest.mark.parametrize("fast", [True, False], ids=["fast-path", "generic-path"])
@pytest.mark.parametrize("query", ["page_size=2", "speaker=fast-speaker&page_size=3"])
def test_a_count_above_the_limit_is_a_flagged_estimate_and_next_still_reaches_every_page(
    api, archive, small_count_limit, monkeypatch, fast, query
):
    if not fast:
        monkeypatch.setattr(fast_list, "claim_list", lambda request: None)
    expected = _all_pages(api, query.replace("page_size", "ordering=-published_at&page_size"))[0]
    ids, answers = _all_pages(api, query)
    assert ids == expected
    assert len(ids) == len(set(ids)) > 2
    for body in answers:
        assert body["count_is_estimate"] is True
        assert body["count"] > 2
    assert answers[-1]["next"] is None
    past_the_end = api.get(f"{URL}?{query}&page={len(answers) + 1}")
    assert past_the_end.status_code == 404


def test_a_count_within_the_limit_is_exact_and_says_so(api, archive):
    body = api.get(URL, {"speaker": "fast-speaker", "page_size": 1}).json()
    assert (body["count"], body["count_is_estimate"]) == (4, False)


def test_the_schema_documents_the_count_contract(api):
    schema = api.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    page = schema["components"]["schemas"]["PaginatedClaimListList"]
    assert "count_is_estimate" in page["required"]
    assert page["properties"]["count_is_estimate"]["type"] == "boolean"
    assert "10,000" in page["properties"]["count"]["description"]
