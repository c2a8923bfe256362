"""Fixtures for API tests."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from claims.models import Rating
from tests import snapshots
from tests.factories import SpeakerAliasFactory, TopicFactory, UserFactory, published_claim


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


@snapshots.fixture
def many_claims(db):
    """120 published claims by one speaker, each with two topics, for pages of 1 to 100
    (built once per process, copied in after: tests/snapshots.py)."""
    snapshots.built_once("120 claims", _many_claims)


def _many_claims():
    topics = [TopicFactory(slug="5g"), TopicFactory(slug="cyber")]
    speaker = SpeakerAliasFactory(speaker__slug="ren").speaker
    rating = Rating.objects.get(slug="false")
    for number in range(120):
        published_claim(
            speaker=speaker,
            rating=rating,
            language="en",
            text=f"Claim {number} about the law",
            topics=topics,
        )


def ids(response) -> list[int]:
    return [item["id"] for item in response.json()["results"]]
