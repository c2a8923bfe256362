"""Fixtures for the public site's tests."""

from __future__ import annotations

import pytest

from claims import services
from tests.factories import UserFactory


@pytest.fixture
def editor(db):
    """An editor who may retract claims."""
    return UserFactory(username="site-editor", is_staff=True, is_superuser=True)


@pytest.fixture
def retract(editor):
    """Retract a published claim through the service, with a public note."""

    def retract_claim(claim, note: str = "The quotation was misattributed."):
        return services.claim_retract(claim=claim, actor=editor, note=note)

    return retract_claim
