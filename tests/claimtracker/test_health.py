"""Health endpoints for load balancers: /healthz (the process) and /readyz (its dependencies)."""

from __future__ import annotations

import logging
import socket
from unittest import mock

import pytest
from django.db import DEFAULT_DB_ALIAS, OperationalError, connections
from django.db.backends.utils import CursorWrapper
from django.db.utils import load_backend

from claimtracker.routers import REPLICA


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


@pytest.fixture
def replica_at(settings):
    """A configured replica (DATABASE_REPLICA_URL): at a port of 127.0.0.1, or (None) the
    test database itself."""

    def configure(port: int | None):
        primary = connections[DEFAULT_DB_ALIAS].settings_dict
        replica_settings = {
            **primary,
            **({"HOST": "127.0.0.1", "PORT": port} if port else {}),
            "OPTIONS": {**primary["OPTIONS"], "connect_timeout": 2},
        }
        connections[REPLICA] = load_backend(primary["ENGINE"]).DatabaseWrapper(
            replica_settings, REPLICA
        )
        settings.DATABASE_ROUTERS = ["claimtracker.routers.ReplicaRouter"]
        return connections[REPLICA]

    yield configure
    connections[REPLICA].close()
    del connections[REPLICA]


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # Nothing listens once the socket is closed.


@pytest.mark.django_db
def test_readyz_is_a_503_when_the_configured_replica_is_unreachable(client, replica_at, caplog):
    replica_at(_closed_port())

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "ok", "replica": "unavailable", "cache": "ok"},
    }
    assert "replica database unreachable" in caplog.text


@pytest.mark.django_db
def test_readyz_reports_a_reachable_replica(client, replica_at):
    replica_at(None)

    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "replica": "ok", "cache": "ok"}
