"""Every free-text column has a length limit, and the database itself enforces it."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import TextField

from claims import services
from claims.models import CLAIM_TEXT_MAX_LENGTH, Claim, ClaimEvent
from claimtracker.writes import fixture_writes
from sources.models import ReportedSpeech
from tests.claims.claimreview.test_importer import review
from tests.factories import (
    ClaimFactory,
    CorrectionFactory,
    EvidenceFactory,
    RatingFactory,
    SourceFactory,
    TopicFactory,
    UserFactory,
    VerdictFactory,
    published_claim,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def direct_writes():
    """These tests write past the services on purpose: the database itself must refuse."""
    with fixture_writes("the database's own checks"):
        yield


def claim_event():
    return ClaimEvent.objects.create(
        claim=ClaimFactory(), action="submit", from_status="draft", to_status="in_review"
    )


def correction():
    return CorrectionFactory(claim=published_claim())


def reported_speech():
    return ReportedSpeech.objects.create(source=SourceFactory(), text="a quote", start=0, end=7)


LIMITED = [
    (ClaimFactory, "text", 10_000, "claim_text_max_length"),
    (ClaimFactory, "context", 10_000, "claim_context_max_length"),
    (VerdictFactory, "analysis", 100_000, "verdict_analysis_max_length"),
    (EvidenceFactory, "note", 5_000, "evidence_note_max_length"),
    (correction, "note", 5_000, "correction_note_max_length"),
    (claim_event, "note", 5_000, "claimevent_note_max_length"),
    (TopicFactory, "description", 5_000, "topic_description_max_length"),
    (RatingFactory, "description", 5_000, "rating_description_max_length"),
    (SourceFactory, "notes", 10_000, "source_notes_max_length"),
    (reported_speech, "context", 10_000, "reportedspeech_context_max_length"),
]


@pytest.mark.parametrize(("make", "field", "limit", "constraint"), LIMITED)
def test_the_database_refuses_text_over_its_limit(make, field, limit, constraint):
    row = make()
    model = type(row)
    model.objects.filter(pk=row.pk).update(**{field: "é" * limit})  # characters, not bytes
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        model.objects.filter(pk=row.pk).update(**{field: "x" * (limit + 1)})
    row.refresh_from_db()
    assert len(getattr(row, field)) == limit


@pytest.mark.parametrize(("make", "field", "limit", "constraint"), LIMITED)
def test_model_validation_names_the_over_long_field(make, field, limit, constraint):
    row = make()
    setattr(row, field, "x" * (limit + 1))
    with pytest.raises(ValidationError) as refused:
        row.full_clean(exclude=["search_vector", "version"], validate_unique=False)
    assert field in refused.value.message_dict


def test_every_text_column_has_a_limit():
    unbounded = [
        f"{model.__name__}.{field.name}"
        for app in ("claims", "sources")
        for model in apps.get_app_config(app).get_models()
        for field in model._meta.concrete_fields
        # pgh_* columns are django-pghistory's own bookkeeping (labels it writes itself).
        if isinstance(field, TextField)
        and not field.max_length
        and not field.name.startswith("pgh_")
    ]
    assert unbounded == []


def test_a_long_claim_is_still_searchable():
    claim = ClaimFactory(text="backdoors " * 999)
    assert Claim.objects.filter(pk=claim.pk, search_vector="backdoor").exists()


# Importers cut what they write themselves and refuse or skip what someone said.

FILLER = " ".join(["and"] * 4000)  # 15,999 characters without a sentence break


def fact_checker():
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Fact-checkers"))
    return user


def test_article_import_skips_an_endless_quotation_and_shortens_a_long_context():
    article = (
        "Ren denies spying claims\n\n"
        f"Ren Zhengfei said: \u201cNo law requires any company to install backdoors\u201d {FILLER}."
        f"\n\nMeng Wanzhou said: \u201c{FILLER}.\u201d\n"
    )
    plan = services.article_import(actor=fact_checker(), text=article, url="https://e.org/a")

    (claim,) = plan.claims
    assert claim.text == "No law requires any company to install backdoors"
    assert len(claim.context) <= CLAIM_TEXT_MAX_LENGTH
    assert claim.context.startswith("Ren Zhengfei said:")
    assert claim.context.endswith("\u2026")


def test_claimreview_import_refuses_an_over_long_claim_naming_claimreviewed():
    report = services.claimreview_import(
        actor=fact_checker(),
        reviews=[review(claimReviewed="x" * (CLAIM_TEXT_MAX_LENGTH + 1)), review()],
    )
    skipped, created = report.items
    assert skipped.action == "skipped"
    assert skipped.reason == "claimReviewed: Too long: 10,001 characters, at most 10,000."
    assert created.action == "created"
    assert Claim.objects.count() == 1


def test_the_admin_form_shows_the_limits(admin_client):
    page = admin_client.get("/admin/claims/claim/add/").content.decode()
    assert 'name="text"' in page
    assert 'maxlength="10000"' in page
