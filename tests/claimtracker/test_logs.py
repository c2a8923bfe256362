"""One log line per request: method, path, status, duration and user, and never a secret."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from claimtracker.logs import JsonFormatter
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def request_log(caplog):
    """The lines claimtracker.requests wrote so far, as production writes them (JSON)."""
    caplog.set_level(logging.INFO, logger="claimtracker.requests")

    def lines() -> list[str]:
        return [
            JsonFormatter().format(record)
            for record in caplog.records
            if record.name == "claimtracker.requests"
        ]

    return lines


def test_each_request_is_one_json_line_with_method_path_status_duration_and_user(request_log):
    user = UserFactory(username="logger")
    token = Token.objects.create(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    response = client.get("/api/v1/claims/", {"q": "vaccines", "page_size": 5})

    lines = request_log()
    assert len(lines) == 1
    entry = json.loads(lines[0])
    assert entry["logger"] == "claimtracker.requests"
    assert entry["level"] == "INFO"
    assert entry["method"] == "GET"
    assert entry["path"] == "/api/v1/claims/"
    assert entry["status"] == 200
    assert isinstance(entry["duration_ms"], float) and entry["duration_ms"] >= 0
    assert entry["user_id"] == user.pk
    assert entry["request_id"] == response["X-Request-ID"]
    assert token.key not in lines[0]
    assert "vaccines" not in lines[0], "the query string is not logged"


def test_a_password_sent_for_a_token_never_reaches_the_log(request_log, client):
    UserFactory(username="writer", password=PASSWORD)

    response = client.post(
        "/api/v1/auth/token/",
        {"username": "writer", "password": PASSWORD},
        content_type="application/json",
        HTTP_COOKIE="sessionid=not-a-real-session",
    )

    assert response.status_code == 200
    lines = request_log()
    assert [json.loads(line)["status"] for line in lines] == [200]
    assert PASSWORD not in lines[0]
    assert response.json()["token"] not in lines[0]
    assert "not-a-real-session" not in lines[0]


def test_anonymous_requests_and_errors_are_logged_with_no_user(request_log, client):
    client.get("/api/v1/claims/999999/")

    lines = request_log()
    entry = json.loads(lines[0])
    assert (entry["status"], entry["user_id"]) == (404, None)


def test_the_proxys_request_id_is_kept_and_a_forged_one_replaced(request_log, client):
    kept = client.get("/api/v1/ratings/", HTTP_X_REQUEST_ID="abc-123")
    replaced = client.get("/api/v1/ratings/", HTTP_X_REQUEST_ID='x" injected \n line')

    assert kept["X-Request-ID"] == "abc-123"
    assert replaced["X-Request-ID"] != 'x" injected \n line'
    lines = request_log()
    assert [json.loads(line)["request_id"] for line in lines] == [
        "abc-123",
        replaced["X-Request-ID"],
    ]
    assert all("\n" not in line for line in lines)


@pytest.mark.slow  # a subprocess; `make test-fast` leaves it out
def test_runserver_does_not_log_each_request_a_second_time():
    """Under `make run`, runserver's django.server line would repeat claimtracker.requests'."""
    script = (
        "import django, logging; django.setup(); "
        "logging.getLogger('django.server').warning('\"GET /nothing/ HTTP/1.1\" 404 179'); "
        "logging.getLogger('claimtracker.requests').info('GET /nothing/ 404 1.0ms')"
    )
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "claimtracker.settings.local"}
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert "GET /nothing/ 404 1.0ms" in result.stderr  # the project's line, once
    assert "HTTP/1.1" not in result.stderr
