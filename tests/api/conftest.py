"""Fixtures for API tests."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests.factories import UserFactory


@pytest.fixture
def api():
    """An anonymous API client."""
    return APIClient()


@pytest.fixture
def staff_api(db):
    """An API client signed in as staff (session), who sees every status."""
    client = APIClient()
    client.force_login(UserFactory(username="staffer", is_staff=True))
    return client


def ids(response) -> list[int]:
    return [item["id"] for item in response.json()["results"]]
