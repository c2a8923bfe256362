"""GET /api/v1/changes/: every public change, in order, written with the change itself."""

from __future__ import annotations

import pytest
from django.db import transaction

from claims import services
from claims.models import Rating
from sync.models import ChangeEvent
from tests.factories import claim_in_status

pytestmark = pytest.mark.django_db

URL = "/api/v1/changes/"


def other_rating(claim):
    return Rating.objects.exclude(pk=claim.verdict.rating_id).filter(external=False).first()


def test_publish_correct_and_retract_are_events_in_order_with_the_documented_shape(api, editor):
    claim = claim_in_status("in_review")
    services.claim_publish(claim=claim, actor=editor)
    old = claim.verdict.rating
    new = other_rating(claim)
    services.verdict_correct(claim=claim, actor=editor, note="Wrong rating.", rating=new)
    services.claim_retract(claim=claim, actor=editor, note="Source withdrawn.")

    body = api.get(URL).json()
    assert set(body) == {"results", "next"} and body["next"] is None
    published, corrected, retracted = body["results"]
    assert set(published) == {
        "id",
        "type",
        "at",
        "claim",
        "url",
        "claimreview_url",
        "note",
        "old_rating",
        "new_rating",
    }
    assert [e["type"] for e in body["results"]] == [
        "claim.published",
        "claim.corrected",
        "claim.retracted",
    ]
    assert published["id"] < corrected["id"] < retracted["id"]
    assert published["claim"] == claim.pk
    assert published["url"] == f"http://testserver/api/v1/claims/{claim.pk}/"
    assert (
        published["claimreview_url"] == f"http://testserver/api/v1/claims/{claim.pk}/claimreview/"
    )
    assert published["note"] is None
    assert (corrected["old_rating"], corrected["new_rating"]) == (old.slug, new.slug)
    assert corrected["note"] == "Wrong rating."
    assert retracted["note"] == "Source withdrawn."
    claim.refresh_from_db()
    assert retracted["at"] == claim.modified_at.isoformat().replace("+00:00", "Z")


def test_a_rolled_back_change_leaves_no_event(editor):
    claim = claim_in_status("in_review")
    with pytest.raises(RuntimeError), transaction.atomic():
        services.claim_publish(claim=claim, actor=editor)
        raise RuntimeError("the request failed after the service")
    assert not ChangeEvent.objects.exists()


def test_after_types_and_page_size_page_through_the_feed(api, editor):
    claims = [claim_in_status("in_review") for _ in range(5)]
    for claim in claims:
        services.claim_publish(claim=claim, actor=editor)
    services.claim_retract(claim=claims[0], actor=editor, note="Withdrawn.")
    ids = list(ChangeEvent.objects.order_by("id").values_list("id", flat=True))

    first = api.get(URL, {"page_size": 2}).json()
    assert [e["id"] for e in first["results"]] == ids[:2]
    second = api.get(first["next"]).json()
    assert [e["id"] for e in second["results"]] == ids[2:4]
    assert [e["id"] for e in api.get(URL, {"after": ids[3]}).json()["results"]] == ids[4:]
    retractions = api.get(URL, {"types": "claim.retracted"}).json()["results"]
    assert [e["type"] for e in retractions] == ["claim.retracted"]
    both = api.get(f"{URL}?types=claim.retracted&types=claim.published").json()["results"]
    assert len(both) == 6


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"after": "-1"}, "after"),
        ({"after": "abc"}, "after"),
        ({"types": "claim.deleted"}, "types"),
        ({"page_size": "0"}, "page_size"),
    ],
)
def test_bad_parameters_are_a_400_naming_them(api, query, field):
    response = api.get(URL, query)
    assert response.status_code == 400
    assert field in response.json()


def test_page_size_is_capped_at_500(api, editor):
    claim = claim_in_status("in_review")
    services.claim_publish(claim=claim, actor=editor)
    # A cap, not an error: the client gets what there is.
    assert api.get(URL, {"page_size": 10_000}).status_code == 200


@pytest.mark.parametrize("page_size", [1, 100])
def test_the_feed_runs_one_query_whatever_the_page_size(
    api, editor, page_size, django_assert_num_queries
):
    for _ in range(3):
        services.claim_publish(claim=claim_in_status("in_review"), actor=editor)
    with django_assert_num_queries(1):
        assert api.get(URL, {"page_size": page_size}).status_code == 200
