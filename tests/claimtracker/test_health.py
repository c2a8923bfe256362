"""Health endpoints for load balancers: /healthz (the process) and /readyz (its dependencies)."""

from __future__ import annotations

import logging
from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper


def test_healthz_answers_without_touching_the_database(client):
    # No django_db mark: any query here would fail the test.
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"


def test_probes_by_address_over_http_get_no_redirect_and_no_host_error(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["claims.example.org"]

    response = client.get("/healthz", HTTP_HOST="10.1.2.3:8000")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_reports_the_database_and_the_cache(client):
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}


@pytest.mark.django_db
def test_readyz_is_a_503_json_when_the_database_is_unreachable(client, caplog):
    down = OperationalError("connection to server at 10.0.0.9 failed: Connection refused")
    with mock.patch.object(CursorWrapper, "execute", side_effect=down):
        response = client.get("/readyz")

    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response.json()["status"] == "unavailable"
    assert response.json()["checks"]["database"] == "unavailable"
    assert "database unreachable" in caplog.text


def test_health_endpoints_take_only_get_and_head(client):
    response = client.post("/healthz")

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert client.head("/healthz").status_code == 200


def test_probes_are_not_in_the_request_log(client, caplog):
    with caplog.at_level(logging.INFO, logger="claimtracker.requests"):
        client.get("/healthz")

    assert not [record for record in caplog.records if record.name == "claimtracker.requests"]
