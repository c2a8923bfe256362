"""Request bodies over DJANGO_MAX_BODY_BYTES are refused with 413, never a 500 or HTML."""

from __future__ import annotations

import json

import pytest
from rest_framework.authtoken.models import Token

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def writer_token():
    user = UserFactory(username="writer", is_staff=True)
    return Token.objects.create(user=user).key


def test_an_oversized_api_body_is_a_413_json_naming_the_limit(client, settings, writer_token):
    settings.MAX_BODY_BYTES = 1000
    body = json.dumps({"text": "x" * 2000})

    response = client.post(
        "/api/v1/claims/",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {writer_token}",
    )

    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "detail": f"The request body is {len(body):,} bytes; at most 1,000 are accepted."
    }


def test_an_oversized_form_outside_the_api_is_a_413_too(admin_client, settings):
    settings.MAX_BODY_BYTES = 1000

    response = admin_client.post("/admin/claims/speaker/add/", {"name": "x" * 2000})

    assert response.status_code == 413
    assert "at most 1,000" in response.content.decode()


def test_a_body_within_the_limit_reaches_the_view(client, settings):
    settings.MAX_BODY_BYTES = 1000

    response = client.post(
        "/api/v1/auth/token/",
        {"username": "nobody", "password": "wrong"},
        content_type="application/json",
    )

    assert response.status_code == 400
