"""GET /api/v1/claims/: visibility, filters, search, ordering and pagination."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from claims.filters import ClaimFilter
from claims.models import Claim, Rating
from tests.api.conftest import ids
from tests.factories import ClaimFactory, SpeakerFactory, TopicFactory, published_claim

pytestmark = pytest.mark.django_db

URL = "/api/v1/claims/"


def at(day: str) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(hour=12, tzinfo=dt.UTC)


def test_item_has_the_documented_shape(api, demo):
    response = api.get(URL, {"speaker": "ren-zhengfei", "rating": "misleading"})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "count_is_estimate", "next", "previous", "results"}
    assert body["count_is_estimate"] is False
    [item] = body["results"]
    assert set(item) == {
        "id",
        "url",
        "text",
        "claim_reviewed",
        "speaker",
        "stated_on",
        "context",
        "language",
        "topics",
        "status",
        "rating",
        "verdict_summary",
        "published_at",
        "modified_at",
        "appearances",
        "claimreview_url",
    }
    assert item["modified_at"] is not None
    assert item["text"] == "No law in China requires any company to install mandatory backdoors"
    assert item["speaker"]["slug"] == "ren-zhengfei"
    assert item["speaker"]["name"] == "Ren Zhengfei"
    assert item["speaker"]["url"].endswith("/api/v1/speakers/ren-zhengfei/")
    assert item["rating"] == {"slug": "misleading", "label": "Misleading", "value": None}
    assert {"slug": "cybersecurity", "name": "Cybersecurity"} in item["topics"]
    assert item["appearances"] == [
        {
            "url": "https://www.bbc.com/news/business-46870658",
            "title": "Huawei founder Ren Zhengfei denies firm poses spying risk",
            "publisher": "BBC",
            "published_on": "2019-01-15",
            "first": True,
        }
    ]
    assert item["url"].endswith(f"/api/v1/claims/{item['id']}/")
    assert item["claimreview_url"].endswith(f"/api/v1/claims/{item['id']}/claimreview/")


def test_anonymous_clients_see_published_claims_only(api):
    published = published_claim()
    for status in ["draft", "in_review", "changes_requested", "rejected"]:
        ClaimFactory(status=status)
    ClaimFactory(status="retracted")
    assert ids(api.get(URL)) == [published.pk]


def test_staff_see_every_status_and_may_filter_on_it(staff_api):
    published_claim()
    draft = ClaimFactory(status="draft")
    assert api_count(staff_api.get(URL)) == 2
    assert ids(staff_api.get(URL, {"status": "draft"})) == [draft.pk]


def test_anonymous_status_filter_other_than_published_is_refused(api):
    response = api.get(URL, {"status": "draft"})
    assert response.status_code == 400
    assert "status" in response.json()
    assert api.get(URL, {"status": "published"}).status_code == 200


def api_count(response) -> int:
    assert response.status_code == 200, response.content
    return response.json()["count"]


def test_speaker_filter_repeats_as_or(api):
    ren = published_claim(speaker=SpeakerFactory(slug="ren"))
    trump = published_claim(speaker=SpeakerFactory(slug="trump"))
    published_claim(speaker=SpeakerFactory(slug="meng"))
    assert ids(api.get(URL, {"speaker": "ren"})) == [ren.pk]
    assert set(ids(api.get(f"{URL}?speaker=ren&speaker=trump"))) == {ren.pk, trump.pk}


def test_topic_filter_is_or_and_lists_each_claim_once(api):
    fiveg, cyber, trade = (TopicFactory(slug=slug) for slug in ["5g", "cyber", "trade"])
    both = published_claim(topics=[fiveg, cyber])
    only_trade = published_claim(topics=[trade])
    published_claim()
    assert ids(api.get(URL, {"topic": "5g"})) == [both.pk]
    assert ids(api.get(f"{URL}?topic=5g&topic=cyber")) == [both.pk]
    assert set(ids(api.get(f"{URL}?topic=cyber&topic=trade"))) == {both.pk, only_trade.pk}


def test_rating_filter_is_repeatable(api):
    false = published_claim(rating=Rating.objects.get(slug="false"))
    true = published_claim(rating=Rating.objects.get(slug="true"))
    published_claim(rating=Rating.objects.get(slug="misleading"))
    assert ids(api.get(URL, {"rating": "false"})) == [false.pk]
    assert set(ids(api.get(f"{URL}?rating=false&rating=true"))) == {false.pk, true.pk}


def test_language_filter(api):
    french = published_claim(language="fr")
    published_claim(language="en")
    assert ids(api.get(URL, {"language": "fr"})) == [french.pk]


def test_stated_date_range_is_inclusive(api):
    before = published_claim(stated_on=dt.date(2019, 1, 14))
    first = published_claim(stated_on=dt.date(2019, 1, 15))
    last = published_claim(stated_on=dt.date(2019, 1, 20))
    published_claim(stated_on=dt.date(2019, 1, 21))
    response = api.get(URL, {"stated_after": "2019-01-15", "stated_before": "2019-01-20"})
    assert set(ids(response)) == {first.pk, last.pk}
    assert before.pk in ids(api.get(URL, {"stated_before": "2019-01-14"}))


def test_published_date_range_is_inclusive_of_whole_days(api):
    early = published_claim(published_at=dt.datetime(2020, 3, 1, 0, 0, tzinfo=dt.UTC))
    late = published_claim(published_at=dt.datetime(2020, 3, 2, 23, 59, tzinfo=dt.UTC))
    published_claim(published_at=dt.datetime(2020, 3, 3, 0, 0, tzinfo=dt.UTC))
    published_claim(published_at=dt.datetime(2020, 2, 29, 23, 59, tzinfo=dt.UTC))
    response = api.get(URL, {"published_after": "2020-03-01", "published_before": "2020-03-02"})
    assert set(ids(response)) == {early.pk, late.pk}


def test_filters_combine_with_and(api):
    speaker = SpeakerFactory(slug="ren")
    topic = TopicFactory(slug="5g")
    misleading = Rating.objects.get(slug="misleading")
    match = published_claim(
        speaker=speaker, rating=misleading, stated_on=dt.date(2019, 1, 15), topics=[topic]
    )
    published_claim(speaker=speaker, stated_on=dt.date(2019, 1, 15), topics=[topic])
    published_claim(
        speaker=speaker, rating=misleading, stated_on=dt.date(2018, 1, 1), topics=[topic]
    )
    response = api.get(
        URL,
        {"speaker": "ren", "topic": "5g", "rating": "misleading", "stated_after": "2019-01-01"},
    )
    assert ids(response) == [match.pk]


def test_search_uses_stemming_and_web_search_syntax(api):
    backdoors = published_claim(
        text="No law in China requires any company to install mandatory backdoors"
    )
    tax = published_claim(text="He dares to massively cut tax, which will benefit business")
    published_claim(text="Unemployment fell to its lowest level in decades")
    assert ids(api.get(URL, {"q": "backdoor"})) == [backdoors.pk]
    assert ids(api.get(URL, {"q": '"install mandatory backdoors"'})) == [backdoors.pk]
    assert ids(api.get(URL, {"q": '"mandatory install backdoors"'})) == []
    assert set(ids(api.get(URL, {"q": "backdoors or tax"}))) == {backdoors.pk, tax.pk}
    assert ids(api.get(URL, {"q": "company -backdoors"})) == []


def test_search_orders_by_relevance_unless_ordering_is_given(api):
    passing = published_claim(
        text="Exports grew, and backdoors were mentioned once",
        published_at=timezone.now(),
    )
    focused = published_claim(
        text="Backdoors, backdoors everywhere: the backdoors law",
        claim_reviewed="Backdoors law",
        published_at=timezone.now() - dt.timedelta(days=30),
    )
    assert ids(api.get(URL, {"q": "backdoors"})) == [focused.pk, passing.pk]
    assert ids(api.get(URL, {"q": "backdoors", "ordering": "-published_at"})) == [
        passing.pk,
        focused.pk,
    ]


def test_search_ranks_only_the_most_recent_matches(api, monkeypatch):
    monkeypatch.setattr("claims.filters.SEARCH_WINDOW", 2)
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    oldest = published_claim(text="backdoors backdoors backdoors", published_at=now)
    middle = published_claim(text="backdoors in law", published_at=now + dt.timedelta(days=1))
    newest = published_claim(text="about backdoors", published_at=now + dt.timedelta(days=2))
    body = api.get("/api/v1/claims/", {"q": "backdoors"}).json()
    assert body["count"] == 2
    assert {claim["id"] for claim in body["results"]} == {middle.pk, newest.pk}
    assert oldest.pk not in [claim["id"] for claim in body["results"]]
    assert ClaimFilter.base_filters["q"].extra["help_text"].count("1,000") == 1


def test_default_ordering_is_newest_published_first(api):
    old = published_claim(published_at=at("2019-01-01"))
    new = published_claim(published_at=at("2021-01-01"))
    middle = published_claim(published_at=at("2020-01-01"))
    assert ids(api.get(URL)) == [new.pk, middle.pk, old.pk]


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("stated_on", ["a", "b", "c"]),
        ("-stated_on", ["c", "b", "a"]),
        ("published_at", ["c", "a", "b"]),
        ("-published_at", ["b", "a", "c"]),
        ("id", ["a", "b", "c"]),
        ("-id", ["c", "b", "a"]),
    ],
)
def test_ordering(api, ordering, expected):
    claims = {
        "a": published_claim(stated_on=dt.date(2018, 1, 1), published_at=at("2020-06-01")),
        "b": published_claim(stated_on=dt.date(2019, 1, 1), published_at=at("2021-06-01")),
        "c": published_claim(stated_on=dt.date(2020, 1, 1), published_at=at("2019-06-01")),
    }
    names = {claim.pk: name for name, claim in claims.items()}
    assert [names[pk] for pk in ids(api.get(URL, {"ordering": ordering}))] == expected


def test_page_size_defaults_to_20_and_goes_up_to_100(api, many_claims):
    assert len(api.get(URL).json()["results"]) == 20
    assert len(api.get(URL, {"page_size": 5}).json()["results"]) == 5
    first = api.get(URL, {"page_size": 100})
    assert len(first.json()["results"]) == 100
    assert first.json()["count"] == 120
    first_url = "http://testserver/api/v1/claims/?page_size=100"
    assert first["Link"] == f'<{first_url}>; rel="first", <{first.json()["next"]}>; rel="next"'
    second = api.get(URL, {"page_size": 100, "page": 2})
    assert len(second.json()["results"]) == 20
    assert second.json()["previous"] is not None and second.json()["next"] is None
    assert (
        second["Link"] == f'<{first_url}>; rel="first", <{second.json()["previous"]}>; rel="prev"'
    )
    assert api.get(URL, {"page_size": 1000}).status_code == 400


def test_unpublished_claims_never_leak_through_filters(api):
    speaker = SpeakerFactory(slug="ren")
    ClaimFactory(speaker=speaker, status=Claim.Status.IN_REVIEW, text="secret backdoors draft")
    assert ids(api.get(URL, {"speaker": "ren"})) == []
    assert ids(api.get(URL, {"q": "backdoors"})) == []
