"""The claim detail's fast path (claims/fast_detail.py) answers exactly as the generic path."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.test import APIClient, APIRequestFactory

from claims import fast_detail
from claims.models import Claim, Correction, Rating, VerdictContributor
from claims.selectors import claims_for_detail
from claims.serializers import ClaimDetailSerializer
from claimtracker.writes import fixture_writes
from tests import snapshots
from tests.factories import (
    AppearanceFactory,
    ClaimFactory,
    CorrectionFactory,
    EvidenceFactory,
    SourceFactory,
    UserFactory,
    VerdictFactory,
    claim_in_status,
    published_claim,
)

pytestmark = pytest.mark.django_db


@snapshots.fixture
def claims(demo) -> list[int]:
    """Every published demo claim, and claims with what a detail may or may not show: no
    speaker, no topics, evidence from a source without a publisher, a byline of several people
    (named and not) that leaves out the author, a correction and a public update (built once
    per process: tests/snapshots.py)."""
    return snapshots.built_once("fast detail claims", _claims)


def _claims() -> list[int]:
    plain = published_claim(speaker=None, stated_on=None)
    EvidenceFactory(verdict=plain.verdict, source=SourceFactory(publisher=None, published_on=None))
    bylined = published_claim(text="Bylined claim")
    author = bylined.verdict.author
    with fixture_writes("byline"):
        author.first_name, author.last_name = "Ada", "Lovelace"
        author.save()
        for user in (UserFactory(first_name="Grace"), UserFactory(username="no-name")):
            VerdictContributor.objects.create(verdict=bylined.verdict, user=user)
    corrected = published_claim(text="Corrected claim")
    when = dt.datetime(2024, 5, 1, 12, 30, 15, 123456, tzinfo=dt.UTC)
    CorrectionFactory(claim=corrected, created_at=when)
    CorrectionFactory(
        claim=corrected,
        kind=Correction.Kind.UPDATE,
        old_rating=None,
        new_rating=None,
        created_at=when + dt.timedelta(days=1),
    )
    CorrectionFactory(
        claim=corrected,
        old_rating=Rating.objects.get(slug="mostly-false"),
        new_rating=Rating.objects.get(slug="false"),
        created_at=when,
    )
    return list(
        Claim.objects.filter(status=Claim.Status.PUBLISHED)
        .order_by("id")
        .values_list("pk", flat=True)
    )


def _answer(api, claim_id: int):
    response = api.get(f"/api/v1/claims/{claim_id}/")
    return response.status_code, response.json(), response.get("ETag")


def test_the_fast_path_answers_every_published_claim_as_the_generic_path(api, claims, monkeypatch):
    answered = []
    claim_detail = fast_detail.claim_detail
    monkeypatch.setattr(
        fast_detail,
        "claim_detail",
        lambda request, pk: answered.append(pk) or claim_detail(request, pk),
    )
    fast = [_answer(api, pk) for pk in claims]
    monkeypatch.setattr(fast_detail, "claim_detail", lambda request, pk: None)
    assert fast == [_answer(api, pk) for pk in claims]
    assert answered == claims and len(claims) == 5
    bodies = [body for _, body, _ in fast]
    assert any(len(body["corrections"]) == 3 for body in bodies)
    assert any(len(body["verdict"]["contributors"]) == 3 for body in bodies)


def test_staff_take_the_generic_path(staff_api, claims, monkeypatch):
    monkeypatch.setattr(fast_detail, "DETAIL_SQL", "not SQL")
    assert staff_api.get(f"/api/v1/claims/{claims[0]}/").status_code == 200


def test_a_claims_etag_and_detail_are_planned_once_per_connection(api):
    # Planning those lookups by id cost three times running them (claimtracker/postgresql).
    claim = published_claim()
    for _ in range(3):
        assert api.get(f"/api/v1/claims/{claim.pk}/").status_code == 200

    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert sum('AS "verdict__rating__label"' in sql for sql in prepared) == 1  # the ETag
    assert sum("v.analysis, v.published_at" in sql for sql in prepared) == 1  # the detail


def _claims_in_work() -> list[Claim]:
    """Claims in every status, lacking each submission requirement in turn, or none."""
    bare = ClaimFactory(speaker=None, stated_on=None, text="x" * 120, claim_reviewed="")
    too_long = ClaimFactory(claim_reviewed="y" * 90)
    AppearanceFactory(claim=too_long)
    no_rating = VerdictFactory(rating=None, summary="  ").claim
    ready = EvidenceFactory().verdict.claim
    AppearanceFactory(claim=ready)
    others = [claim_in_status(status) for status in Claim.Status.values]
    return [bare, too_long, no_rating, ready, *others]


def test_a_writes_response_is_the_generic_detail_in_every_status(db):
    # The response to a create, an edit or a workflow step (claims/views/claims.py, _detail).
    claims = _claims_in_work()
    request = Request(APIRequestFactory().get("/api/v1/claims/"))
    request.user = UserFactory(is_staff=True)
    problems = []
    for claim in claims:
        generic = ClaimDetailSerializer(
            claims_for_detail(request.user).get(pk=claim.pk), context={"request": request}
        ).data
        fast = fast_detail.written_claim_detail(request, claim.pk)
        assert JSONRenderer().render(fast) == JSONRenderer().render(generic), claim.status
        problems.append(len(fast["submission_problems"]))
    # Bare: speaker, date, short claim, appearance, verdict. Too long: short claim, verdict.
    # No rating: appearance, rating, summary, evidence. Ready: nothing.
    assert problems[:4] == [5, 2, 4, 0]
    assert {claim.status for claim in claims} == set(Claim.Status.values)


def test_an_edits_response_is_what_a_get_shows_next(db):
    user = UserFactory(username="checker")
    user.groups.add(Group.objects.get(name="Fact-checkers"))
    client = APIClient()
    client.force_authenticate(user)
    claim = VerdictFactory(summary="").claim
    response = client.patch(
        f"/api/v1/claims/{claim.pk}/",
        {"context": "Said on the radio."},
        format="json",
        HTTP_IF_MATCH="*",
    )
    assert response.status_code == 200
    shown = client.get(f"/api/v1/claims/{claim.pk}/")
    assert response.json() == shown.json()
    assert response["ETag"] == shown["ETag"]
    assert response.json()["context"] == "Said on the radio."
    assert "The verdict needs a summary." in response.json()["submission_problems"]
