"""The database itself refuses invalid states, whatever path the write takes."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from claims.models import Appearance, Claim, Evidence, Rating, Verdict
from claimtracker.writes import fixture_writes
from tests.factories import (
    AppearanceFactory,
    ClaimFactory,
    EvidenceFactory,
    SourceFactory,
    SpeakerAliasFactory,
    SpeakerFactory,
    TopicFactory,
    VerdictFactory,
    published_claim,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def direct_writes():
    """These tests write past the services on purpose: the database itself must refuse."""
    with fixture_writes("the database's own checks"):
        yield


def refused(callable_, *args, **kwargs) -> str:
    """Run a write that must fail in the database; return the constraint's error text."""
    with pytest.raises(IntegrityError) as excinfo, transaction.atomic():
        callable_(*args, **kwargs)
    return str(excinfo.value)


def raw_sql(sql: str, params: list) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_unknown_status_is_refused_from_the_orm_and_from_raw_sql():
    claim = ClaimFactory()
    assert "claim_status_valid" in refused(
        Claim.objects.filter(pk=claim.pk).update, status="approved"
    )
    assert "claim_status_valid" in refused(
        raw_sql, "UPDATE claims_claim SET status = 'approved' WHERE id = %s", [claim.pk]
    )
    claim.refresh_from_db()
    assert claim.status == Claim.Status.DRAFT


@pytest.mark.parametrize("status", [Claim.Status.PUBLISHED, Claim.Status.RETRACTED])
def test_published_or_retracted_claim_needs_published_at(status):
    claim = VerdictFactory().claim
    assert "claim_published_has_published_at" in refused(
        Claim.objects.filter(pk=claim.pk).update, status=status
    )
    Claim.objects.filter(pk=claim.pk).update(status=status, published_at=timezone.now())
    claim.refresh_from_db()
    assert claim.status == status


def check_deferred_constraints() -> None:
    """Run the deferred guards now, as COMMIT would."""
    raw_sql("SET CONSTRAINTS ALL IMMEDIATE", [])


def test_published_claim_needs_a_rated_verdict_even_from_raw_sql():
    claim = ClaimFactory()
    message = refused(
        lambda: (
            raw_sql(
                "UPDATE claims_claim SET status = 'published', published_at = now() WHERE id = %s",
                [claim.pk],
            ),
            check_deferred_constraints(),
        )
    )
    assert "claim_published_has_rated_verdict" in message or "without a rated verdict" in message


def test_verdict_of_a_published_claim_cannot_lose_its_rating_or_be_deleted():
    claim = published_claim()
    assert "without a rated verdict" in refused(
        lambda: (
            Verdict.objects.filter(claim=claim).update(rating=None),
            check_deferred_constraints(),
        )
    )
    assert "without a rated verdict" in refused(
        lambda: (Verdict.objects.filter(claim=claim).delete(), check_deferred_constraints())
    )


def test_claim_and_verdict_may_be_written_in_either_order_within_a_transaction():
    with transaction.atomic():
        claim = ClaimFactory(status=Claim.Status.PUBLISHED)
        VerdictFactory(claim=claim)
        check_deferred_constraints()
    assert Claim.objects.published().filter(pk=claim.pk).exists()


def test_a_claim_has_at_most_one_verdict():
    verdict = VerdictFactory()
    message = refused(Verdict.objects.create, claim=verdict.claim, summary="A second opinion")
    assert "claim_id" in message
    assert Verdict.objects.filter(claim=verdict.claim).count() == 1


def test_evidence_stance_must_be_known():
    evidence = EvidenceFactory()
    assert "evidence_stance_valid" in refused(
        Evidence.objects.filter(pk=evidence.pk).update, stance="agrees"
    )


def test_evidence_cites_a_source_once_per_verdict():
    evidence = EvidenceFactory()
    assert "evidence_unique_source" in refused(
        Evidence.objects.create,
        verdict=evidence.verdict,
        source=evidence.source,
        stance=Evidence.Stance.CONTEXT,
    )


def test_only_one_first_appearance_per_claim():
    first = AppearanceFactory(is_first=True)
    AppearanceFactory(claim=first.claim, is_first=False)
    assert "appearance_one_first_per_claim" in refused(
        Appearance.objects.create, claim=first.claim, source=SourceFactory(), is_first=True
    )


def test_a_source_appears_once_per_claim():
    appearance = AppearanceFactory()
    assert "appearance_unique_source" in refused(
        Appearance.objects.create, claim=appearance.claim, source=appearance.source
    )


@pytest.mark.parametrize(
    ("factory", "field"),
    [(SpeakerFactory, "slug"), (TopicFactory, "slug"), (TopicFactory, "name")],
)
def test_slugs_and_names_are_unique(factory, field):
    existing = factory()
    message = refused(factory, **{field: getattr(existing, field)})
    assert "duplicate key" in message


def test_speaker_alias_is_unique_per_speaker_ignoring_case():
    alias = SpeakerAliasFactory(name="Mr Ren")
    assert "speakeralias_unique_per_speaker" in refused(
        SpeakerAliasFactory, speaker=alias.speaker, name="MR REN"
    )
    # Another speaker may share the alias: two people can both be "Mr Lee".
    SpeakerAliasFactory(name="Mr Ren")


@pytest.mark.parametrize("value", [0, 6])
def test_rating_value_stays_on_the_one_to_five_scale(value):
    assert "rating_value_in_scale" in refused(
        Rating.objects.create, slug="odd", label="Odd", value=value
    )


@pytest.mark.parametrize("language", ["", "English", "en_GB", "e"])
def test_language_must_be_a_bcp47_tag(language):
    assert "claim_language_bcp47" in refused(ClaimFactory, language=language)


@pytest.mark.parametrize("language", ["en", "pt-BR", "zh-Hant-TW"])
def test_valid_language_tags_are_accepted(language):
    assert ClaimFactory(language=language).language == language


def test_claim_text_may_not_be_blank():
    assert "claim_text_not_blank" in refused(ClaimFactory, text="   ")


def test_speaker_country_is_an_iso_code():
    assert "speaker_country_iso_code" in refused(SpeakerFactory, country="cn")


def test_version_cannot_drop_below_one():
    claim = ClaimFactory()
    assert "claim_version_positive" in refused(Claim.objects.filter(pk=claim.pk).update, version=0)


def test_search_vector_is_computed_by_the_database_with_english_stemming():
    claim = ClaimFactory(text="No law in China requires any company to install backdoors")
    ClaimFactory(text="Unemployment fell last year")
    matches = Claim.objects.filter(search_vector="requiring backdoor")
    assert list(matches) == [claim]
