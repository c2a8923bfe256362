"""A claim's ETag changes whenever anything its representations show changes (issue 13).

Each change is made the way it can happen: through a service where there is one, or as a
plain save of a related row (the admin page of a speaker, a publisher, a topic), which bumps
no claim version. Either way a client revalidating with the old ETag must get the new copy.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.utils import timezone

from claims import services
from claims.models import Claim, Evidence, Rating, VerdictContributor
from claimtracker.writes import fixture_writes
from sources import services as source_services
from tests.factories import (
    AppearanceFactory,
    SourceFactory,
    TopicFactory,
    UserFactory,
    published_claim,
)

pytestmark = pytest.mark.django_db


def _editor():
    return UserFactory(username="etag-editor", is_superuser=True, is_staff=True)


def correct_the_verdict(claim: Claim) -> None:
    services.verdict_correct(
        claim=claim,
        actor=_editor(),
        note="Re-rated.",
        rating=Rating.objects.get(slug="mostly-false"),
    )


def publicly_update(claim: Claim) -> None:
    services.claim_public_update(claim=claim, actor=_editor(), note="Context.", context="New.")


def edit_the_evidence_note(claim: Claim) -> None:
    Evidence.objects.filter(verdict__claim=claim).update(note="A different reading.")


def add_evidence(claim: Claim) -> None:
    Evidence.objects.create(verdict=claim.verdict, source=SourceFactory(), stance="context")


def edit_the_evidence_source(claim: Claim) -> None:
    source = claim.verdict.evidence.get().source
    source_services.source_update(
        source=source, actor=_editor(), note="Title fixed.", title="Another title"
    )


def edit_the_evidence_publisher(claim: Claim) -> None:
    publisher = claim.verdict.evidence.get().source.publisher
    publisher.name = "Renamed publisher"
    publisher.save()


def add_an_appearance(claim: Claim) -> None:
    AppearanceFactory(claim=claim)


def repoint_an_appearance(claim: Claim) -> None:
    claim.appearances.update(source=SourceFactory())


def edit_the_appearance_source(claim: Claim) -> None:
    source = claim.appearances.get().source
    source.published_on = timezone.now().date()
    source.save()


def edit_the_appearance_publisher(claim: Claim) -> None:
    publisher = claim.appearances.get().source.publisher
    publisher.url = "https://renamed.example.org"
    publisher.save()


def edit_the_speaker(claim: Claim) -> None:
    services.speaker_update(speaker=claim.speaker, actor=_editor(), role="Former minister")


def add_a_topic(claim: Claim) -> None:
    claim.topics.add(TopicFactory())


def rename_a_topic(claim: Claim) -> None:
    topic = TopicFactory()
    claim.topics.add(topic)
    before = claim_etag_now(claim)
    services.topic_update(topic=topic, actor=_editor(), name="Renamed topic")
    assert claim_etag_now(claim) != before


def add_a_contributor(claim: Claim) -> None:
    VerdictContributor.objects.create(verdict=claim.verdict, user=UserFactory())


def reword_the_rating(claim: Claim) -> None:
    Rating.objects.filter(pk=claim.verdict.rating_id).update(label="Not true")


def claim_etag_now(claim: Claim) -> str:
    from claims.selectors import claim_etag

    return claim_etag(claim_id=claim.pk, user=None, representation="json")


CHANGES: list[Callable[[Claim], None]] = [
    correct_the_verdict,
    publicly_update,
    edit_the_evidence_note,
    add_evidence,
    edit_the_evidence_source,
    edit_the_evidence_publisher,
    add_an_appearance,
    repoint_an_appearance,
    edit_the_appearance_source,
    edit_the_appearance_publisher,
    edit_the_speaker,
    add_a_topic,
    rename_a_topic,
    add_a_contributor,
    reword_the_rating,
]


@pytest.mark.parametrize("change", CHANGES, ids=[change.__name__ for change in CHANGES])
@pytest.mark.parametrize("path", ["/api/v1/claims/{pk}/", "/api/v1/claims/{pk}/claimreview/"])
def test_the_etag_changes_with_everything_the_public_sees(api, change, path):
    claim = published_claim()
    url = path.format(pk=claim.pk)
    old = api.get(url)
    assert old.status_code == 200
    assert api.get(url, HTTP_IF_NONE_MATCH=old["ETag"]).status_code == 304

    with fixture_writes("test data written by hand"):
        change(claim)

    fresh = api.get(url, HTTP_IF_NONE_MATCH=old["ETag"])
    assert fresh.status_code == 200
    assert fresh["ETag"] != old["ETag"]


def test_the_public_page_revalidates_after_a_source_changes(client):
    claim = published_claim()
    first = client.get(f"/claims/{claim.pk}/", follow=True)
    etag = first["ETag"]
    with fixture_writes("test data written by hand"):
        edit_the_appearance_source(claim)
    again = client.get(first.redirect_chain[-1][0], HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200


@pytest.mark.parametrize("sees_unpublished", [False, True])
def test_the_compiled_etag_statement_is_the_orm_query(sees_unpublished):
    """The ETag runs SQL compiled once from the ORM query; for any id they are the same."""
    from claims.selectors import _etag_rows, _etag_statement

    sql, params, index = _etag_statement(sees_unpublished)
    arguments = [*params]
    arguments[index] = 42
    expected_sql, expected_params = _etag_rows(
        claim_id=42, sees_unpublished=sees_unpublished
    ).query.sql_with_params()
    assert (sql, arguments) == (expected_sql, list(expected_params))


def test_a_revalidation_is_one_query(api, django_assert_num_queries):
    claim = published_claim()
    etag = api.get(f"/api/v1/claims/{claim.pk}/")["ETag"]
    with django_assert_num_queries(1):
        assert api.get(f"/api/v1/claims/{claim.pk}/", HTTP_IF_NONE_MATCH=etag).status_code == 304
