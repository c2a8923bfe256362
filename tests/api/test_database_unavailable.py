"""A database that cannot be reached is a 503 with Retry-After (JSON under /api/), never a 500.

Every query fails here as it does while PostgreSQL restarts; tests/faults/ restarts a real one.
"""

from __future__ import annotations

from contextlib import contextmanager
from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError
from django.db.backends.utils import CursorWrapper
from django.test import RequestFactory

from claimtracker.exceptions import server_error
from tests.factories import published_claim

pytestmark = pytest.mark.django_db


@contextmanager
def database_down(error: Exception):
    """Every query fails with ``error`` inside the block."""
    with mock.patch.object(CursorWrapper, "execute", side_effect=error):
        yield


@pytest.mark.parametrize(
    "error",
    [
        OperationalError("server closed the connection unexpectedly"),
        InterfaceError("connection already closed"),
    ],
)
@pytest.mark.parametrize("path", ["/api/v1/claims/", "/api/v1/claims/1/", "/api/v1/speakers/"])
def test_api_read_while_the_database_is_down_is_a_503_json(api, path, error):
    with database_down(error):
        response = api.get(path)

    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response["Retry-After"] == "5"
    assert "database" in response.json()["detail"]


def test_api_write_while_the_database_is_down_is_a_503_json(api):
    claim = published_claim()
    with database_down(OperationalError("the database system is shutting down")):
        response = api.patch(
            f"/api/v1/claims/{claim.pk}/",
            {"context": "x"},
            format="json",
            HTTP_AUTHORIZATION="Token 0123456789abcdef",
            HTTP_IF_MATCH='"v1.00"',
        )

    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response["Retry-After"] == "5"


def test_public_page_while_the_database_is_down_is_a_503_not_a_500(client):
    claim = published_claim()
    client.raise_request_exception = False
    with database_down(OperationalError("connection refused")):
        response = client.get(f"/claims/{claim.pk}/")

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert b"<html" not in response.content.lower()


def test_errors_outside_drf_under_api_are_503_json():
    request = RequestFactory().get("/api/v1/claims/")
    try:
        raise OperationalError("terminating connection due to administrator command")
    except OperationalError:
        response = server_error(request)

    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response["Retry-After"] == "5"


def test_other_errors_stay_a_500():
    request = RequestFactory().get("/api/v1/claims/")
    try:
        raise RuntimeError("a bug")
    except RuntimeError:
        response = server_error(request)

    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
