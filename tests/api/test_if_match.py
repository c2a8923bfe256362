"""If-Match on the claim writes, compared as RFC 9110 §13.1.1 says: the whole ETag, strongly,
any entry of a list, and ``*``; a refused change leaves the claim as it was."""

from __future__ import annotations

import pytest

from claims.models import Claim
from claims.selectors import claim_etag
from tests.api.test_writes import client_for, draft_ready_for_review, etag_of, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def checker():
    return client_for(member("Fact-checkers", username="checker"))


def edit(client, claim_id: int, header: str):
    return client.patch(
        f"/api/v1/claims/{claim_id}/", {"context": "Edited"}, format="json", HTTP_IF_MATCH=header
    )


def forged(etag: str) -> str:
    """The same version with another digest: ``"v3.deadbeef"``."""
    version = etag.strip('"').split(".")[0]
    return f'"{version}.deadbeef"'


@pytest.mark.parametrize(
    "header",
    [
        pytest.param(lambda etag: etag, id="the-etag"),
        pytest.param(lambda etag: f'"v0.0", {etag}', id="second-of-two"),
        pytest.param(lambda etag: f'"a", "b",{etag} , "c"', id="third-of-four-odd-spacing"),
        pytest.param(lambda etag: "*", id="star"),
        pytest.param(lambda etag: " * ", id="star-with-spaces"),
    ],
)
def test_a_matching_if_match_lets_the_change_through(checker, header):
    claim_id = draft_ready_for_review(checker)
    response = edit(checker, claim_id, header(etag_of(checker, claim_id)))
    assert response.status_code == 200, response.content
    assert Claim.objects.get(pk=claim_id).context == "Edited"


@pytest.mark.parametrize(
    "header",
    [
        pytest.param(forged, id="forged-digest"),
        pytest.param(lambda etag: f"W/{etag}", id="weak-current-etag"),
        pytest.param(lambda etag: f'W/{etag}, "x"', id="weak-in-a-list"),
        pytest.param(lambda etag: f'"x", {forged(etag)}', id="list-of-forgeries"),
        pytest.param(lambda etag: etag[:-1] + 'a"', id="one-character-off"),
        pytest.param(lambda etag: etag.upper(), id="other-case"),
        pytest.param(lambda etag: '""', id="empty-tag"),
    ],
)
def test_an_if_match_naming_no_current_etag_is_a_412_and_changes_nothing(checker, header):
    claim_id = draft_ready_for_review(checker)
    current = etag_of(checker, claim_id)
    before = Claim.objects.get(pk=claim_id)

    response = edit(checker, claim_id, header(current))

    assert response.status_code == 412, response.content
    assert response["ETag"] == current
    body = response.json()
    assert body["current_version"] == before.version
    assert "If-Match" in body["detail"]
    after = Claim.objects.get(pk=claim_id)
    assert (after.context, after.version) == (before.context, before.version)


@pytest.mark.parametrize(
    "header",
    [
        pytest.param(lambda etag: etag.strip('"'), id="unquoted"),
        pytest.param(lambda etag: f"*, {etag}", id="star-in-a-list"),
        pytest.param(lambda etag: f"{etag} junk", id="trailing-junk"),
        pytest.param(lambda etag: f'"a" "b" {etag}', id="no-commas"),
    ],
)
def test_a_malformed_if_match_is_a_400_naming_the_header(checker, header):
    claim_id = draft_ready_for_review(checker)
    before = Claim.objects.get(pk=claim_id).version
    response = edit(checker, claim_id, header(etag_of(checker, claim_id)))
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/json"
    assert "If-Match" in response.json()["detail"]
    assert Claim.objects.get(pk=claim_id).version == before


def test_the_etag_of_another_representation_does_not_match(checker):
    claim_id = draft_ready_for_review(checker)
    # The claim's JSON and its public page have different ETags; a write needs the JSON's.
    user = Claim.objects.get(pk=claim_id).created_by
    other = claim_etag(claim_id=claim_id, user=user, representation="page")
    assert edit(checker, claim_id, other).status_code == 412
