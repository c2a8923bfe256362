"""Mistakes a client makes get a 4xx JSON answer that says what went wrong, never a silent
success, a redirect of a write, an HTML page or a 500."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from claims.models import Claim
from tests.factories import UserFactory, claim_in_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_api():
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Editors"))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


@pytest.mark.parametrize("debug", [False, True])
def test_a_write_without_the_trailing_slash_names_the_right_path(editor_api, settings, debug):
    settings.DEBUG = debug
    before = Claim.objects.count()
    response = editor_api.post("/api/v1/claims", {"text": "A claim."}, format="json")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "POST /api/v1/claims/" in response.json()["detail"]
    assert Claim.objects.count() == before


@pytest.mark.parametrize("debug", [False, True])
def test_the_token_endpoint_without_its_slash_is_a_json_404_not_a_500(client, settings, debug):
    settings.DEBUG = debug
    response = client.post("/api/v1/auth/token", {"username": "a", "password": "b"})
    assert response.status_code == 404
    assert "/api/v1/auth/token/" in response.json()["detail"]


def test_a_read_without_the_trailing_slash_is_redirected_with_its_query(api):
    response = api.get("/api/v1/claims?speaker=ren-zhengfei")
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/claims/?speaker=ren-zhengfei"


@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.parametrize("path", ["/api/v1/nothing-here/", "/api/v2/claims/", "/api/"])
def test_unknown_api_paths_are_json_404s_in_every_mode(api, settings, debug, path):
    settings.DEBUG = debug
    response = api.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert path in response.json()["detail"]


@pytest.mark.parametrize(
    ("path", "known"),
    [
        ("/api/v1/claims/?speakr=ren-zhengfei", "speaker"),
        ("/api/v1/speakers/?name=Ren", "q"),
        ("/api/v1/topics/?sort=name", "page_size"),
        ("/api/v1/ratings/?lang=fr", "format"),
        ("/api/v1/claimreview/?published_since=2020-01-01", "published_after"),
    ],
)
def test_an_unknown_query_parameter_on_a_list_is_a_400_naming_it(api, path, known):
    response = api.get(path)
    assert response.status_code == 400
    unknown = path.split("?")[1].split("=")[0]
    assert list(response.json()) == [unknown]
    if known != "format":  # "format" is accepted but not listed as a filter.
        assert known in response.json()[unknown][0]


def test_known_parameters_still_filter(api):
    published = claim_in_status("published")
    claim_in_status("published")
    response = api.get("/api/v1/claims/", {"speaker": published.speaker.slug, "page_size": 5})
    assert response.status_code == 200
    assert [item["id"] for item in response.json()["results"]] == [published.pk]


@pytest.mark.parametrize("cursor", ["nonsense", "cD0yMDI0", "%00"])
def test_a_bad_feed_cursor_is_a_400(api, cursor):
    response = api.get(f"/api/v1/claimreview/?cursor={cursor}")
    assert response.status_code == 400
    assert "cursor" in response.json()


@pytest.mark.parametrize("path", ["/api/v1/claims/", "/api/v1/speakers/", "/api/v1/claimreview/"])
def test_a_page_size_over_the_maximum_is_a_400_naming_the_maximum(api, path):
    response = api.get(path, {"page_size": 101})
    assert response.status_code == 400
    assert "At most 100" in response.json()["page_size"][0]
    assert api.get(path, {"page_size": 100}).status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/claims/",
        "/api/v1/speakers/",
        "/api/v1/topics/",
        "/api/v1/sources/",
        "/api/v1/claimreview/",
    ],
)
def test_every_paginated_list_carries_a_link_header(api, path):
    claim_in_status("published")
    response = api.get(path)
    assert response.status_code == 200
    assert 'rel="first"' in response["Link"]
