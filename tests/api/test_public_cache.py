"""Public responses come from the shared cache until a write retires them."""

from __future__ import annotations

import io

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from claims import services
from claims.models import Claim
from claims.services import speaker_update
from claimtracker import caching
from claimtracker.writes import fixture_writes
from tests.factories import (
    RatingFactory,
    SpeakerFactory,
    UserFactory,
    claim_in_status,
    published_claim,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def cache_on(settings):
    settings.PUBLIC_CACHE_SECONDS = 300


def claim_queries(captured) -> list[str]:
    """The queries that read claims (not the cache table)."""
    return [query["sql"] for query in captured.captured_queries if "claims_claim" in query["sql"]]


def test_a_repeated_public_get_is_served_from_the_cache_without_reading_claims(api):
    published_claim(text="Five masts cause headaches")
    first = api.get("/api/v1/claims/")
    with CaptureQueriesContext(connection) as captured:
        second = api.get("/api/v1/claims/")
    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Type"] == "application/json"
    assert claim_queries(captured) == []


def test_publishing_a_claim_shows_it_at_once(api, django_capture_on_commit_callbacks):
    published_claim()
    api.get("/api/v1/claims/")
    reviewed = claim_in_status(Claim.Status.IN_REVIEW)
    editor = UserFactory(username="editor", is_superuser=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.claim_publish(claim=reviewed, actor=editor)
    listed = [claim["id"] for claim in api.get("/api/v1/claims/").json()["results"]]
    assert reviewed.pk in listed


def test_renaming_a_speaker_retires_the_cached_detail(api, django_capture_on_commit_callbacks):
    claim = published_claim(speaker=SpeakerFactory(name="Ren Zhengfei"))
    assert api.get(f"/api/v1/claims/{claim.pk}/").json()["speaker"]["name"] == "Ren Zhengfei"
    with django_capture_on_commit_callbacks(execute=True):
        speaker_update(speaker=claim.speaker, actor=None, name="Ren Z.")
    assert api.get(f"/api/v1/claims/{claim.pk}/").json()["speaker"]["name"] == "Ren Z."


def test_a_save_outside_the_services_retires_cached_responses_too(
    api, django_capture_on_commit_callbacks
):
    claim = published_claim()
    assert "A better title" not in api.get(f"/api/v1/claims/{claim.pk}/").content.decode()
    evidence = claim.verdict.evidence.get()
    with django_capture_on_commit_callbacks(execute=True), fixture_writes("a save by any path"):
        evidence.source.title = "A better title"
        evidence.source.save()
    assert "A better title" in api.get(f"/api/v1/claims/{claim.pk}/").content.decode()


def test_a_repeated_match_is_served_from_the_cache(api, django_capture_on_commit_callbacks):
    published_claim(text="No law in China requires companies to install backdoors")
    path = "/api/v1/claims/match/?text=no+law+requires+backdoors"
    first = api.get(path)
    assert len(first.json()["results"]) == 1
    with CaptureQueriesContext(connection) as captured:
        assert api.get(path).content == first.content
    assert claim_queries(captured) == []
    with django_capture_on_commit_callbacks(execute=True):
        published_claim(text="China's law requires backdoors, says a critic")
    assert len(api.get(path).json()["results"]) == 2


def test_staff_never_get_a_cached_response(api, staff_api):
    published_claim()
    draft = claim_in_status(Claim.Status.DRAFT)
    api.get("/api/v1/claims/")
    with CaptureQueriesContext(connection) as captured:
        response = staff_api.get("/api/v1/claims/")
    assert draft.pk in [claim["id"] for claim in response.json()["results"]]
    assert claim_queries(captured)


def test_a_cached_detail_still_answers_if_none_match_with_304(api):
    claim = published_claim()
    etag = api.get(f"/api/v1/claims/{claim.pk}/")["ETag"]
    assert api.get(f"/api/v1/claims/{claim.pk}/")["ETag"] == etag
    assert api.get(f"/api/v1/claims/{claim.pk}/", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_links_in_a_cached_page_keep_the_host_they_were_asked_with(api):
    published_claim()
    api.get("/api/v1/claims/", HTTP_HOST="localhost")
    url = api.get("/api/v1/claims/", HTTP_HOST="127.0.0.1").json()["results"][0]["url"]
    assert url.startswith("http://127.0.0.1/")


def test_a_failing_cache_is_skipped(api, monkeypatch):
    published_claim()

    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "get", broken)
    monkeypatch.setattr(cache, "set", broken)
    monkeypatch.setattr(cache, "add", broken)
    response = api.get("/api/v1/claims/")
    assert response.status_code == 200
    assert response.json()["count"] == 1


@pytest.fixture
def retirements(monkeypatch) -> list[dict]:
    """Each retirement of the public cache (new generations written) appends what it retired
    to this list."""
    calls: list[dict] = []
    original = caching.retire

    def counted(**kwargs) -> None:
        calls.append(kwargs)
        original(**kwargs)

    monkeypatch.setattr(caching, "retire", counted)
    return calls


def test_a_transaction_that_saves_many_objects_retires_the_cache_once(
    django_capture_on_commit_callbacks, retirements
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        for _ in range(3):
            RatingFactory()
    assert len(retirements) == 1


def test_a_rolled_back_savepoint_does_not_swallow_the_next_retirement(
    django_capture_on_commit_callbacks, retirements
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        try:
            with transaction.atomic():
                RatingFactory()
                raise RuntimeError("refused")
        except RuntimeError:
            pass
        RatingFactory()
    assert len(retirements) == 1


def test_a_transaction_rolled_back_whole_retires_nothing_and_the_next_one_retires(
    django_capture_on_commit_callbacks, retirements
):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                RatingFactory()
                raise RuntimeError("refused")
        except RuntimeError:
            pass
    assert retirements == []
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        RatingFactory()
    assert len(retirements) == 1


def test_each_committed_transaction_retires_the_cache(
    django_capture_on_commit_callbacks, retirements
):
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            RatingFactory()
    assert len(retirements) == 2


def test_invalidation_changes_the_generation():
    before = caching.public_generation()
    caching.invalidate_public_responses()
    assert caching.public_generation() != before


def test_a_page_count_is_reused_until_the_next_write(api, django_capture_on_commit_callbacks):
    for _ in range(3):
        published_claim()
    api.get("/api/v1/claims/", {"page_size": 1})
    with CaptureQueriesContext(connection) as captured:
        response = api.get("/api/v1/claims/", {"page_size": 1, "page": 2})
    assert response.json()["count"] == 3
    assert not [sql for sql in claim_queries(captured) if "COUNT(" in sql]
    with django_capture_on_commit_callbacks(execute=True):
        published_claim()
    assert api.get("/api/v1/claims/", {"page_size": 1, "page": 3}).json()["count"] == 4


def test_an_answer_read_before_the_replica_replayed_the_last_write_is_not_cached(api, monkeypatch):
    claim = published_claim()
    monkeypatch.setattr(caching, "replica_has_replayed", lambda alias, generation: False)
    api.get("/api/v1/claims/")
    api.get(f"/api/v1/claims/{claim.pk}/")
    with CaptureQueriesContext(connection) as captured:
        assert api.get("/api/v1/claims/").status_code == 200
        assert api.get(f"/api/v1/claims/{claim.pk}/").status_code == 200
    # Both read the claims again: nothing was stored.
    assert len([sql for sql in claim_queries(captured) if "COUNT(" not in sql]) >= 2


def test_a_cached_detail_answers_with_the_etag_it_was_read_with(api):
    claim = published_claim()
    first = api.get(f"/api/v1/claims/{claim.pk}/")
    with CaptureQueriesContext(connection) as captured:
        second = api.get(f"/api/v1/claims/{claim.pk}/")
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert claim_queries(captured) == []  # Neither the ETag nor the body was read again.


def test_a_revalidation_reads_the_etag_alone(api):
    claim = published_claim()
    etag = api.get(f"/api/v1/claims/{claim.pk}/")["ETag"]
    with CaptureQueriesContext(connection) as captured:
        revalidated = api.get(f"/api/v1/claims/{claim.pk}/", HTTP_IF_NONE_MATCH=etag)
    assert revalidated.status_code == 304
    assert revalidated["ETag"] == etag
    assert len(captured.captured_queries) == 1


def test_the_cache_keys_follow_the_database(api, monkeypatch):
    published_claim()
    first = caching.PublicScope.current()
    monkeypatch.setitem(caching._identities, "default", "another-cluster.1")
    other = caching.PublicScope.current()
    assert first.prefix != other.prefix
    assert caching.database_identity() == "another-cluster.1"


def test_retire_public_cache_retires_every_cached_response(api):
    from django.core.management import call_command

    published_claim()
    api.get("/api/v1/claims/")
    before = caching.public_generation()
    call_command("retire_public_cache", stdout=io.StringIO())
    assert caching.public_generation().token != before.token
    with CaptureQueriesContext(connection) as captured:
        api.get("/api/v1/claims/")
    assert claim_queries(captured)


def test_a_claims_generation_made_on_a_miss_takes_the_lists_position(monkeypatch):
    """Every public change of a claim moves the lists' generation to its position, so a claim
    whose generation the cache lost needs no later position than the lists': a replica that
    caught up with the lists stores its answers at once."""
    positions = iter(["0/10", "0/20", "0/30"])
    monkeypatch.setattr(caching, "_primary_position", lambda: next(positions))
    assert caching.public_generation().position == "0/10,0/10"  # everything and the lists
    assert caching.claim_generation(7).position == "0/10,0/10"  # everything and the claim
    caching.retire(claims=[8])
    assert caching.claim_generation(8).position == "0/10,0/20"
    assert caching.public_generation().position == "0/10,0/20"


def test_a_claims_generation_made_without_a_replica_takes_the_lists_position(monkeypatch):
    monkeypatch.setattr(caching, "_primary_position", lambda: None)
    assert caching.claim_generation(7).position is None  # no replica: unknown
    monkeypatch.setattr(caching, "_primary_position", lambda: "0/40")
    caching.invalidate_public_responses()  # retire_public_cache once a replica is configured
    assert caching.claim_generation(7).position == "0/40,0/40"
