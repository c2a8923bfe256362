"""The internal thread of a claim: who writes in it, and that the public never sees it."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from rest_framework.test import APIClient

from claims import services
from claims.models import ClaimNote
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SECRET = "internal-only-marker-7f3a"


def test_a_change_request_note_starts_the_thread(claim_of, fact_checker, editor):
    claim = claim_of("in_review", fact_checker)
    services.claim_request_changes(claim=claim, actor=editor, note="Cite the 2023 report.")
    note = ClaimNote.objects.get(claim=claim)
    assert (note.author, note.body) == (editor, "Cite the 2023 report.")


def test_a_refused_change_request_writes_no_note(claim_of, fact_checker):
    claim = claim_of("in_review", fact_checker)
    with pytest.raises(PermissionDenied):
        services.claim_request_changes(claim=claim, actor=fact_checker, note="Fix it.")
    assert not ClaimNote.objects.exists()


def test_fact_checkers_and_editors_exchange_notes(claim_of, fact_checker, editor):
    claim = claim_of("changes_requested", fact_checker)
    services.note_add(claim=claim, actor=fact_checker, body="Which report?")
    services.note_add(claim=claim, actor=editor, body="The statistics office's.")
    assert list(ClaimNote.objects.filter(claim=claim).values_list("author", "body")) == [
        (fact_checker.pk, "Which report?"),
        (editor.pk, "The statistics office's."),
    ]


def test_people_outside_the_newsroom_cannot_write_notes(claim_of, fact_checker):
    claim = claim_of("draft", fact_checker)
    outsider = UserFactory(is_staff=True)
    with pytest.raises(PermissionDenied):
        services.note_add(claim=claim, actor=outsider, body="Hello")
    assert not ClaimNote.objects.exists()


def test_an_empty_note_is_refused(claim_of, fact_checker):
    claim = claim_of("draft", fact_checker)
    with pytest.raises(ValidationError):
        services.note_add(claim=claim, actor=fact_checker, body="   ")


def test_notes_are_never_shown_to_the_public(claim_of, fact_checker, editor, client):
    claim = claim_of("published", fact_checker)
    services.note_add(claim=claim, actor=editor, body=f"Do not publish: {SECRET}")
    api = APIClient()
    staff_api = APIClient()
    staff_api.force_authenticate(editor)
    urls = [
        f"/api/v1/claims/{claim.pk}/",
        "/api/v1/claims/",
        f"/api/v1/claims/{claim.pk}/claimreview/",
        "/api/v1/claimreview/",
        "/api/v1/claimreview/datafeed/",
        "/api/v1/changes/",
        "/api/v1/exports/claims.csv",
        "/api/v1/exports/claims.jsonl",
    ]
    checked = 0
    for reader in (api, staff_api):
        for url in urls:
            response = reader.get(url)
            if response.status_code == 200:
                body = (
                    b"".join(response.streaming_content) if response.streaming else response.content
                )
                assert SECRET.encode() not in body, url
                checked += 1
    for url in [f"/claims/{claim.pk}/", "/", "/feed.rss", "/feed.atom", "/corrections/"]:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert SECRET.encode() not in response.content, url
        checked += 1
    assert checked >= 12
