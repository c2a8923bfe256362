"""GET /api/v1/claims/match/: "has this been checked?" (quality: tests/claims/test_matching.py)."""

from __future__ import annotations

import pytest

from claims.matching import trigrams_available
from claims.models import Claim
from tests.factories import published_claim

pytestmark = pytest.mark.django_db

URL = "/api/v1/claims/match/"
# Words from every demo claim, so that each one is a candidate.
BROAD = "Huawei China law backdoors Trump taxes harm world information customers Meng sanctions"


def results(response) -> list[dict]:
    assert response.status_code == 200
    return response.json()["results"]


def test_a_paraphrase_finds_rens_claim_first(api, demo):
    found = results(api.get(URL, {"text": "China has no law forcing backdoors"}))
    assert found[0]["text"] == "No law in China requires any company to install mandatory backdoors"
    assert found[0]["speaker"]["slug"] == "ren-zhengfei"


def test_scores_are_between_0_and_1_best_first(api, demo):
    scores = [match["score"] for match in results(api.get(URL, {"text": BROAD}))]
    assert len(scores) > 1
    assert all(0 < score <= 1 for score in scores)
    assert scores == sorted(scores, reverse=True)


def test_anonymous_clients_match_published_claims_only(api, demo):
    found = results(api.get(URL, {"text": BROAD}))
    assert {match["status"] for match in found} == {Claim.Status.PUBLISHED}


def test_staff_match_claims_in_every_status_and_see_which(staff_api, demo):
    found = results(staff_api.get(URL, {"text": "Huawei would refuse requests to harm customers"}))
    assert found[0]["claim_reviewed"] == "Huawei would refuse requests to harm its customers"
    assert found[0]["status"] == Claim.Status.DRAFT
    assert len({match["status"] for match in results(staff_api.get(URL, {"text": BROAD}))}) > 2


def test_min_score_leaves_out_weaker_matches(api, demo):
    every = results(api.get(URL, {"text": BROAD}))
    # Midway between two scores: the scores shown are rounded to four places.
    cut = (every[0]["score"] + every[-1]["score"]) / 2
    strong = results(api.get(URL, {"text": BROAD, "min_score": cut}))
    assert strong == [match for match in every if match["score"] >= cut]
    assert 0 < len(strong) < len(every)


def test_language_narrows_the_matches(api, demo):
    portuguese = published_claim(
        text="No law in China requires companies to install backdoors", language="pt-BR"
    )
    text = "no law requires backdoors"
    assert portuguese.pk in [match["id"] for match in results(api.get(URL, {"text": text}))]
    found = results(api.get(URL, {"text": text, "language": "pt-BR"}))
    assert [match["id"] for match in found] == [portuguese.pk]
    found = results(api.get(URL, {"text": text, "language": "en"}))
    assert found and portuguese.pk not in [match["id"] for match in found]


def test_speaker_narrows_the_matches(staff_api, demo):
    assert len({m["speaker"]["slug"] for m in results(staff_api.get(URL, {"text": BROAD}))}) > 1
    found = results(staff_api.get(URL, {"text": BROAD, "speaker": "meng-wanzhou"}))
    assert [match["speaker"]["slug"] for match in found] == ["meng-wanzhou"]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ({}, "text"),
        ({"text": ""}, "text"),
        ({"text": "backdoors " * 200}, "text"),
        ({"text": "backdoors", "min_score": "2"}, "min_score"),
        ({"text": "backdoors", "min_score": "high"}, "min_score"),
        ({"text": "backdoors", "speaker": "nobody"}, "speaker"),
        ({"text": "back\x00doors"}, "text"),
    ],
    ids=["missing", "empty", "2000-characters", "min-score-2", "min-score-word", "speaker", "nul"],
)
def test_bad_input_is_a_400_naming_the_parameter(api, demo, query, parameter):
    response = api.get(URL, query)
    assert response.status_code == 400
    assert list(response.json()) == [parameter]


def test_a_text_of_stop_words_matches_nothing(api, demo):
    assert results(api.get(URL, {"text": "it was not what they had been to"})) == []


@pytest.fixture
def twelve_claims(db):
    """Twelve published claims sharing two words, each with a number of its own."""
    trigrams_available()  # asked once per process; keep that query out of the budgets
    for number in range(100, 112):
        published_claim(text=f"Clause {number} of the backdoor law")


@pytest.mark.parametrize(("text", "count"), [("105", 1), ("backdoor law clause", 10)])
def test_query_count_is_constant_whatever_the_number_of_matches(
    api, twelve_claims, django_assert_max_num_queries, text, count
):
    with django_assert_max_num_queries(4):
        found = results(api.get(URL, {"text": text}))
    assert len(found) == count


@pytest.mark.parametrize(
    "query",
    [
        {"text": BROAD},
        {"text": "China has no law forcing backdoors", "min_score": 0.2},
        {"text": "no law requires backdoors", "language": ["pt", "en"]},
        {"text": "the of and"},
    ],
)
def test_public_matches_are_written_as_the_generic_serializer_writes_them(
    api, demo, monkeypatch, query
):
    from claims import fast_list

    published_claim(text="No law in China requires companies to install backdoors", language="pt")
    fast = api.get(URL, query)
    monkeypatch.setattr(fast_list, "match_results", lambda request, scores: None)
    generic = api.get(URL, query)
    assert (fast.status_code, fast.json()) == (generic.status_code, generic.json())
    assert fast.json()["results"] or query["text"] == "the of and"
