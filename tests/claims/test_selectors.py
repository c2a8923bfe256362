"""Reads in claims/selectors.py that decide what a reader may see."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser, Permission

from claims.models import Claim
from claims.selectors import sources_visible_to
from tests.factories import (
    AppearanceFactory,
    ClaimFactory,
    EvidenceFactory,
    SourceFactory,
    UserFactory,
    VerdictFactory,
    published_claim,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def sources():
    """A source shown by a published claim, one cited by its verdict, and two the public must
    not see: one a claim in review appears in, one a draft's verdict cites."""
    claim = published_claim()
    research = SourceFactory(title="Still being checked")
    AppearanceFactory(claim=ClaimFactory(status=Claim.Status.IN_REVIEW), source=research)
    cited_in_draft = EvidenceFactory(verdict=VerdictFactory(claim=ClaimFactory(status="draft")))
    return {
        "appearance": claim.appearances.get().source.pk,
        "evidence": claim.verdict.evidence.get().source.pk,
        "research": research.pk,
        "draft evidence": cited_in_draft.source.pk,
    }


def visible(user) -> set[int]:
    return set(sources_visible_to(user).values_list("pk", flat=True))


def test_the_public_sees_only_sources_behind_published_fact_checks(sources):
    public = {sources["appearance"], sources["evidence"]}
    assert visible(AnonymousUser()) == public
    assert visible(None) == public
    assert visible(UserFactory(username="reader")) == public


def test_a_source_shown_by_several_published_claims_is_listed_once(sources):
    shown = Claim.objects.get(status=Claim.Status.PUBLISHED).appearances.get().source
    AppearanceFactory(claim=published_claim(), source=shown)
    pks = list(sources_visible_to(None).values_list("pk", flat=True))
    assert len(pks) == len(set(pks))
    assert pks.count(shown.pk) == 1


def test_staff_and_readers_of_sources_see_every_source(sources):
    everything = set(sources.values())
    assert visible(UserFactory(username="staffer", is_staff=True)) == everything
    newsroom = UserFactory(username="newsroom")
    newsroom.user_permissions.add(Permission.objects.get(codename="view_source"))
    assert visible(newsroom) == everything


def test_an_inactive_staff_account_sees_what_the_public_sees(sources):
    former = UserFactory(username="former", is_staff=True, is_active=False)
    assert visible(former) == {sources["appearance"], sources["evidence"]}
