"""Fixtures for the admin tests: staff in the editorial groups, and claims ready to move."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages

from tests.factories import UserFactory, claim_in_status


@pytest.fixture
def member(db):
    """Make a staff user in a group: member("Editors")."""

    def make(group: str, **kwargs):
        user = UserFactory(is_staff=True, **kwargs)
        user.groups.add(Group.objects.get(name=group))
        return user

    return make


@pytest.fixture
def editor(member):
    return member("Editors")


@pytest.fixture
def fact_checker(member):
    return member("Fact-checkers")


@pytest.fixture
def ready_claim(db):
    """Make a claim meeting every submission requirement, in a given status."""
    return claim_in_status


@pytest.fixture
def shown_messages():
    """The messages a response left for the user, as text."""

    def read(response) -> list[str]:
        return [str(message) for message in get_messages(response.wsgi_request)]

    return read
