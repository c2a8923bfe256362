"""Fixtures shared by the whole suite."""

from __future__ import annotations

import pytest

from claims.demo import load_demo
from tests.factories import UserFactory


@pytest.fixture
def superuser(db):
    """A superuser, for the admin."""
    return UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client(client, superuser):
    """A test client signed in as a superuser."""
    client.force_login(superuser)
    return client


@pytest.fixture
def demo(db):
    """The demo data from the BBC article."""
    load_demo()
