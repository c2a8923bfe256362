"""Fixtures of the desk tests: a newsroom (editors, fact-checkers) and claims they work on."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from claims.models import Claim
from claimtracker.writes import fixture_writes
from tests.factories import UserFactory, claim_in_status


def make_member(group: str, **kwargs):
    user = UserFactory(is_staff=True, **kwargs)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(db):
    return make_member("Editors", first_name="Edna", last_name="Editor")


@pytest.fixture
def second_editor(db):
    return make_member("Editors")


@pytest.fixture
def fact_checker(db):
    return make_member("Fact-checkers", first_name="Fay", last_name="Checker")


@pytest.fixture
def claim_of(db):
    """A claim ready to move, in ``status``, created by ``author`` (its verdict's author too)."""

    def make(status: str, author) -> Claim:
        claim = claim_in_status(status)
        with fixture_writes("claim_of"):
            Claim.objects.filter(pk=claim.pk).update(created_by=author)
            claim.verdict.__class__.objects.filter(claim=claim).update(author=author)
        return Claim.objects.get(pk=claim.pk)

    return make
