"""Another origin's page may read the public API, never write to it or read as someone; and
public answers say how long they may be kept, signed-in ones that they may not."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from rest_framework.authtoken.models import Token

from claims.models import Claim
from tests.factories import UserFactory, claim_in_status

pytestmark = pytest.mark.django_db

ORIGIN = "https://widget.example.net"


@pytest.fixture
def token():
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Editors"))
    return Token.objects.create(user=user).key


@pytest.mark.parametrize(
    "path", ["/api/v1/claims/", "/api/v1/claimreview/", "/api/v1/speakers/", "/api/v1/ratings/"]
)
def test_anonymous_reads_are_open_to_any_origin_without_credentials(api, path):
    response = api.get(path, HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    exposed = {name.strip() for name in response["Access-Control-Expose-Headers"].split(",")}
    assert {"ETag", "Link", "RateLimit", "RateLimit-Policy"} <= exposed


def test_a_claims_detail_and_claimreview_are_readable_cross_origin(api):
    claim = claim_in_status("published")
    for path in (f"/api/v1/claims/{claim.pk}/", f"/api/v1/claims/{claim.pk}/claimreview/"):
        response = api.get(path, HTTP_ORIGIN=ORIGIN)
        assert response["Access-Control-Allow-Origin"] == "*", path


def test_the_preflight_of_a_plain_read_is_answered(api):
    response = api.options(
        "/api/v1/claims/",
        HTTP_ORIGIN=ORIGIN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize(
    ("method", "headers"), [("POST", "content-type"), ("GET", "authorization"), ("DELETE", "")]
)
def test_preflights_of_writes_and_signed_in_reads_are_refused(api, method, headers):
    response = api.options(
        "/api/v1/claims/",
        HTTP_ORIGIN=ORIGIN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD=method,
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS=headers,
    )
    assert "Access-Control-Allow-Origin" not in response


def test_a_cross_origin_write_gets_no_cors_headers(api, token):
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    response = api.post("/api/v1/claims/", {"text": "From elsewhere."}, HTTP_ORIGIN=ORIGIN)
    assert "Access-Control-Allow-Origin" not in response


def test_an_allow_listed_origin_may_write(api, token, settings):
    settings.CORS_WRITE_ORIGINS = frozenset({ORIGIN})
    preflight = api.options(
        "/api/v1/claims/",
        HTTP_ORIGIN=ORIGIN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, content-type",
    )
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "authorization" in preflight["Access-Control-Allow-Headers"]
    other = api.options(
        "/api/v1/claims/",
        HTTP_ORIGIN="https://evil.example.com",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )
    assert "Access-Control-Allow-Origin" not in other


def test_pages_outside_the_api_get_no_cors_headers(client):
    claim = claim_in_status("published")
    response = client.get(f"/claims/{claim.pk}/", HTTP_ORIGIN=ORIGIN)
    assert "Access-Control-Allow-Origin" not in response


def test_anonymous_reads_may_be_kept_for_the_public_max_age(api, settings):
    claim = claim_in_status("published")
    for path in ("/api/v1/claims/", f"/api/v1/claims/{claim.pk}/"):
        response = api.get(path)
        assert response["Cache-Control"] == f"public, max-age={settings.PUBLIC_MAX_AGE}"
        assert "Authorization" in response["Vary"]
    etag = api.get(f"/api/v1/claims/{claim.pk}/")["ETag"]
    not_modified = api.get(f"/api/v1/claims/{claim.pk}/", HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304
    assert not_modified["Cache-Control"].startswith("public")


def test_signed_in_reads_are_never_stored(api, token):
    claim_in_status("in_review")
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    response = api.get("/api/v1/claims/", {"status": Claim.Status.IN_REVIEW})
    assert response.json()["count"] == 1
    assert response["Cache-Control"] == "private, no-store"


def test_staff_signed_in_by_session_are_never_stored(staff_api):
    assert staff_api.get("/api/v1/claims/")["Cache-Control"] == "private, no-store"


def test_errors_carry_no_public_cache_control(api):
    response = api.get("/api/v1/claims/", {"speaker": "nobody"})
    assert response.status_code == 400
    assert "public" not in response.get("Cache-Control", "")
