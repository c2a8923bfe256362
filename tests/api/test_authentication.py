"""Tokens are sent as Bearer (or DRF's Token); any other Authorization header is a 401, never
a silent anonymous request."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from rest_framework.authtoken.models import Token

from claims.models import Claim
from tests.factories import TEST_PASSWORD, UserFactory, claim_in_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def token():
    user = UserFactory(username="checker")
    user.groups.add(Group.objects.get(name="Editors"))
    return Token.objects.create(user=user).key


@pytest.mark.parametrize("keyword", ["Bearer", "Token", "bearer"])
def test_a_token_works_under_either_keyword(api, token, keyword):
    claim_in_status("in_review")
    api.credentials(HTTP_AUTHORIZATION=f"{keyword} {token}")
    response = api.get("/api/v1/claims/", {"status": Claim.Status.IN_REVIEW})
    assert response.status_code == 200
    assert response.json()["count"] == 1


@pytest.mark.parametrize(
    ("header", "says"),
    [
        ("Basic Y2hlY2tlcjpwYXNz", "Unsupported Authorization scheme 'Basic'"),
        ("JWT abc.def.ghi", "Unsupported Authorization scheme 'JWT'"),
        ("Bearer", "no token"),
        ("Bearer two words", "spaces"),
        ("Bearer 0000000000000000000000000000000000000000", "Invalid token"),
    ],
)
def test_any_other_authorization_header_is_a_401_even_on_a_public_read(api, header, says):
    api.credentials(HTTP_AUTHORIZATION=header)
    response = api.get("/api/v1/claims/")
    assert response.status_code == 401
    assert says in response.json()["detail"]
    assert response["WWW-Authenticate"] == "Bearer"


def test_the_token_endpoint_takes_json_only(api, token):
    form = api.post(
        "/api/v1/auth/token/",
        f"username=checker&password={TEST_PASSWORD}",
        content_type="application/x-www-form-urlencoded",
    )
    assert form.status_code == 415
    as_json = api.post(
        "/api/v1/auth/token/", {"username": "checker", "password": TEST_PASSWORD}, format="json"
    )
    assert as_json.json() == {"token": token}
