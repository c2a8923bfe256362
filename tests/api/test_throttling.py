"""Throttling: anonymous and user rates, a stricter one for the token endpoint; 429 with
Retry-After, counted in the shared cache."""

from __future__ import annotations

import logging
import uuid

import pytest
from django.conf import settings
from django.db import connection
from redis.exceptions import ConnectionError as RedisConnectionError
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def rates(monkeypatch):
    """Small rates for this test (the suite runs unthrottled). DRF reads its rates once, at
    import, into this class attribute. Counters are named for this test alone: with REDIS_URL
    set they outlive it (the cache table is rolled back)."""
    monkeypatch.setattr(
        SimpleRateThrottle, "cache_format", f"{uuid.uuid4().hex}-throttle_%(scope)s_%(ident)s"
    )

    def set_rates(**scopes: str | None) -> None:
        monkeypatch.setattr(
            SimpleRateThrottle,
            "THROTTLE_RATES",
            {"anon": None, "user": None, "auth-token": None, **scopes},
        )

    return set_rates


def test_anonymous_clients_get_429_with_retry_after_past_their_rate(rates, api):
    rates(anon="2/minute")

    statuses = [api.get("/api/v1/ratings/").status_code for _ in range(3)]

    assert statuses == [200, 200, 429]
    refused = api.get("/api/v1/ratings/")
    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/json"
    assert 0 < int(refused["Retry-After"]) <= 60
    assert "throttled" in refused.json()["detail"]


def test_a_signed_in_user_has_a_budget_of_their_own(rates, api):
    rates(anon="1/minute", user="3/minute")
    api.get("/api/v1/ratings/")
    assert api.get("/api/v1/ratings/").status_code == 429

    user_api = APIClient()
    token = Token.objects.create(user=UserFactory(username="reader"))
    user_api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    statuses = [user_api.get("/api/v1/ratings/").status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]


def test_anonymous_requests_count_against_the_anonymous_rate_only(rates, api):
    rates(anon="5/minute", user="1/minute")

    assert [api.get("/api/v1/ratings/").status_code for _ in range(3)] == [200, 200, 200]


def test_the_token_endpoint_has_its_own_stricter_rate(rates, api):
    rates(anon="100/minute", **{"auth-token": "2/minute"})
    UserFactory(username="writer", password=PASSWORD)

    def attempt(password: str) -> int:
        body = {"username": "writer", "password": password}
        return api.post("/api/v1/auth/token/", body, format="json").status_code

    assert [attempt("guess-1"), attempt("guess-2"), attempt(PASSWORD)] == [400, 400, 429]
    # The rest of the API is still open to the same client.
    assert api.get("/api/v1/ratings/").status_code == 200


def test_clients_are_told_apart_by_the_proxys_forwarded_address(rates, settings):
    rates(anon="1/minute")
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}

    def from_address(address: str, forged: str = "6.6.6.6") -> int:
        # The proxy appends the address it saw; what the client put before it is not trusted.
        return (
            APIClient()
            .get("/api/v1/ratings/", HTTP_X_FORWARDED_FOR=f"{forged}, {address}")
            .status_code
        )

    assert from_address("203.0.113.7") == 200
    assert from_address("203.0.113.7", forged="7.7.7.7") == 429
    assert from_address("203.0.113.8") == 200


def test_counters_live_in_the_cache_shared_by_all_workers(rates, api):
    rates(anon="5/minute")

    api.get("/api/v1/ratings/")

    if settings.REDIS_URL:
        pytest.skip("REDIS_URL is set: the counters are in Redis")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT cache_key FROM {settings.CACHE_TABLE}")
        keys = [row[0] for row in cursor.fetchall()]
    assert any("throttle_anon_127.0.0.1" in key for key in keys)


class UnreachableRedis:
    def get(self, *args, **kwargs):
        raise RedisConnectionError("Error 111 connecting to cache.internal:6379.")

    set = get


def test_an_unreachable_redis_lets_requests_through_and_says_so(rates, api, monkeypatch, caplog):
    rates(anon="1/minute")
    monkeypatch.setattr(SimpleRateThrottle, "cache", UnreachableRedis())

    with caplog.at_level(logging.WARNING, logger="claimtracker.throttling"):
        statuses = [api.get("/api/v1/ratings/").status_code for _ in range(2)]

    assert statuses == [200, 200]
    assert "cache is unreachable" in caplog.text


def test_health_endpoints_are_never_throttled(rates, client):
    rates(anon="1/minute")

    assert {client.get("/healthz").status_code for _ in range(5)} == {200}


def test_the_schema_documents_429_with_retry_after(api):
    schema = api.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()

    token_post = schema["paths"]["/api/v1/auth/token/"]["post"]["responses"]
    claims_get = schema["paths"]["/api/v1/claims/"]["get"]["responses"]
    for responses in (token_post, claims_get):
        assert "Retry-After" in responses["429"]["headers"]
        assert "RateLimit" in responses["429"]["headers"]
        assert "RateLimit-Policy" in responses["200"]["headers"]
        error = responses["429"]["content"]["application/json"]["schema"]["$ref"]
        assert error == "#/components/schemas/Error"


def test_responses_tell_the_client_its_quota_and_what_is_left(rates, api):
    rates(anon="3/minute")

    responses = [api.get("/api/v1/ratings/") for _ in range(4)]

    assert [r["RateLimit-Policy"] for r in responses] == ['"anon";q=3;w=60'] * 4
    left = [r["RateLimit"].split(";")[1] for r in responses]
    assert left == ["r=2", "r=1", "r=0", "r=0"]
    assert responses[3].status_code == 429
    reset = int(responses[3]["RateLimit"].split("t=")[1])
    assert 0 < reset <= 60
    assert int(responses[3]["Retry-After"]) == reset


def test_a_signed_in_client_sees_its_own_policy(rates, api):
    rates(anon="3/minute", user="5/minute")
    api.force_authenticate(UserFactory())
    response = api.get("/api/v1/ratings/")
    assert response["RateLimit-Policy"] == '"user";q=5;w=60'
    assert response["RateLimit"].startswith('"user";r=4;t=')


def test_unthrottled_requests_carry_no_rate_limit_headers(rates, api):
    rates()  # every rate off, as in the rest of the suite
    response = api.get("/api/v1/ratings/")
    assert response.status_code == 200
    assert "RateLimit" not in response
