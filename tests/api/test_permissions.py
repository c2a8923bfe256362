"""The permission matrix: every write endpoint against every kind of user."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from claims.models import Claim
from tests.factories import (
    SourceFactory,
    SpeakerFactory,
    TopicFactory,
    UserFactory,
    claim_in_status,
)

pytestmark = pytest.mark.django_db

# endpoint name: (method, path template, body, claim status it needs or None)
ENDPOINTS = {
    "create claim": ("post", "/api/v1/claims/", {"text": "A new claim"}, None),
    "edit claim": ("patch", "/api/v1/claims/{claim}/", {"context": "Edited"}, "draft"),
    "write verdict": (
        "put",
        "/api/v1/claims/{claim}/verdict/",
        {"rating": "false", "summary": "Wrong."},
        "draft",
    ),
    "submit": ("post", "/api/v1/claims/{claim}/submit/", {}, "draft"),
    "resubmit": ("post", "/api/v1/claims/{claim}/resubmit/", {}, "changes_requested"),
    "request changes": (
        "post",
        "/api/v1/claims/{claim}/request-changes/",
        {"note": "More"},
        "in_review",
    ),
    "reject": ("post", "/api/v1/claims/{claim}/reject/", {"note": "Opinion"}, "in_review"),
    "publish": ("post", "/api/v1/claims/{claim}/publish/", {}, "in_review"),
    "retract": ("post", "/api/v1/claims/{claim}/retract/", {"note": "Wrong"}, "published"),
    "correct": (
        "post",
        "/api/v1/claims/{claim}/corrections/",
        {"note": "Fixed", "rating": "true"},
        "published",
    ),
    "create speaker": ("post", "/api/v1/speakers/", {"name": "A B", "slug": "a-b"}, None),
    "edit speaker": ("patch", "/api/v1/speakers/{speaker}/", {"role": "Minister"}, None),
    "create topic": ("post", "/api/v1/topics/", {"name": "Tax", "slug": "tax"}, None),
    "edit topic": ("patch", "/api/v1/topics/{topic}/", {"name": "Taxes"}, None),
    "create source": (
        "post",
        "/api/v1/sources/",
        {"url": "https://example.org/new", "title": "New"},
        None,
    ),
    "edit source": ("patch", "/api/v1/sources/{source}/", {"title": "Renamed"}, None),
}
EDITOR_ONLY = {"request changes", "reject", "publish", "retract", "correct", "edit topic"}


def user_of(kind: str):
    if kind == "anonymous":
        return None
    if kind == "superuser":
        return UserFactory(is_superuser=True, is_staff=True)
    if kind == "inactive editor":
        user = UserFactory(is_active=False)
        user.groups.add(Group.objects.get(name="Editors"))
        return user
    group = {"fact-checker": "Fact-checkers", "editor": "Editors"}[kind]
    user = UserFactory()
    user.groups.add(Group.objects.get(name=group))
    return user


def expected(kind: str, endpoint: str) -> set[int]:
    if kind in ("anonymous", "inactive editor"):
        return {401}
    if kind == "fact-checker" and endpoint in EDITOR_ONLY:
        return {403}
    return {200, 201}


@pytest.mark.parametrize("endpoint", list(ENDPOINTS))
@pytest.mark.parametrize(
    "kind", ["anonymous", "fact-checker", "editor", "superuser", "inactive editor"]
)
def test_permission_matrix(kind, endpoint):
    method, template, body, status = ENDPOINTS[endpoint]
    claim = claim_in_status(status) if status else None
    path = template.format(
        claim=claim.pk if claim else "",
        speaker=SpeakerFactory().slug,
        topic=TopicFactory().slug,
        source=SourceFactory().pk,
    )
    client = APIClient()
    user = user_of(kind)
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    headers = {"HTTP_IF_MATCH": "*"} if claim else {}
    before = Claim.objects.get(pk=claim.pk).version if claim else None

    response = getattr(client, method)(path, body, format="json", **headers)

    assert response.status_code in expected(kind, endpoint), response.content
    assert response["Content-Type"] == "application/json"
    if claim and response.status_code >= 400:
        assert Claim.objects.get(pk=claim.pk).version == before
