"""Bulk workflow actions on the claim list, the review queue, and the list filters."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import timezone

from claims import services
from claims.models import Claim, ClaimEvent
from claimtracker.writes import fixture_writes
from tests.factories import ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db

CLAIMS = reverse("admin:claims_claim_changelist")
QUEUE = reverse("admin:claims_claiminreview_changelist")


def run_action(client, url: str, action: str, claims: list[Claim]):
    """Post a bulk action as the list does: each selected row with the version it showed."""
    return client.post(
        url,
        {
            "action": action,
            ACTION_CHECKBOX_NAME: [claim.pk for claim in claims],
            **{f"seen_version_{claim.pk}": claim.version for claim in claims},
        },
    )


def test_bulk_publish_reports_each_claim(client, editor, ready_claim, shown_messages):
    in_review, draft = ready_claim("in_review"), ready_claim("draft")
    client.force_login(editor)

    response = run_action(client, CLAIMS, "publish_selected", [in_review, draft])

    assert response.status_code == 302
    in_review.refresh_from_db()
    draft.refresh_from_db()
    assert (in_review.status, draft.status) == ("published", "draft")
    assert ClaimEvent.objects.get(claim=in_review).actor == editor
    shown = shown_messages(response)
    assert f"“{draft}” was not published: Cannot publish a claim that is draft" in shown[0]
    assert shown[1] == f"Published: 1 claim, “{in_review}”."


def test_bulk_submit_lists_what_each_claim_lacks(client, editor, ready_claim, shown_messages):
    ready, bare = ready_claim("draft"), ClaimFactory(speaker=None)
    client.force_login(editor)
    shown = shown_messages(run_action(client, CLAIMS, "submit_selected", [ready, bare]))
    assert "The claim needs a speaker." in shown[0]
    assert "The claim needs a verdict." in shown[0]
    assert shown[1].startswith("Submitted for review: 1 claim, ")


def test_fact_checkers_are_offered_only_their_bulk_actions(client, fact_checker, ready_claim):
    ready_claim("in_review")
    client.force_login(fact_checker)
    choices = dict(client.get(CLAIMS).context["action_form"].fields["action"].choices)
    assert "submit_selected" in choices
    assert "resubmit_selected" in choices
    assert "publish_selected" not in choices


def test_fact_checker_posting_bulk_publish_changes_nothing(client, fact_checker, ready_claim):
    claim = ready_claim("in_review")
    client.force_login(fact_checker)
    run_action(client, CLAIMS, "publish_selected", [claim])
    claim.refresh_from_db()
    assert claim.status == "in_review"


def submitted(claim: Claim, actor, days_ago: int) -> Claim:
    with fixture_writes("a submission some days ago"):
        event = ClaimEvent.objects.create(
            claim=claim, action="submit", from_status="draft", to_status="in_review", actor=actor
        )
        at = timezone.now() - dt.timedelta(days=days_ago)
        ClaimEvent.objects.filter(pk=event.pk).update(created_at=at)
    return claim


def test_review_queue_lists_claims_in_review_longest_waiting_first(client, fact_checker):
    submitter = UserFactory(username="sam")
    recent = submitted(ClaimFactory(status="in_review"), submitter, days_ago=1)
    oldest = submitted(ClaimFactory(status="in_review"), submitter, days_ago=5)
    middle = submitted(ClaimFactory(status="in_review"), submitter, days_ago=3)
    ClaimFactory(status="draft")
    ClaimFactory(status="changes_requested")
    client.force_login(fact_checker)

    response = client.get(QUEUE)

    assert response.status_code == 200
    listed = list(response.context["cl"].result_list)
    assert [claim.pk for claim in listed] == [oldest.pk, middle.pk, recent.pk]
    assert listed[0].submitted_by == "sam"
    page = response.content.decode()
    assert reverse("admin:claims_claim_change", args=[oldest.pk]) in page


def test_review_queue_counts_from_the_latest_submission(client, editor, ready_claim):
    # Sent back and resubmitted today: it waits from today, behind one submitted yesterday.
    resubmitted = submitted(ClaimFactory(status="in_review"), editor, days_ago=10)
    submitted(resubmitted, editor, days_ago=0)
    yesterday = submitted(ClaimFactory(status="in_review"), editor, days_ago=1)
    client.force_login(editor)
    listed = list(client.get(QUEUE).context["cl"].result_list)
    assert [claim.pk for claim in listed] == [yesterday.pk, resubmitted.pk]


def test_review_queue_publishes_in_bulk(client, editor, ready_claim):
    claim = ready_claim("in_review")
    client.force_login(editor)
    run_action(client, QUEUE, "publish_selected", [claim])
    claim.refresh_from_db()
    assert claim.status == "published"


def test_review_queue_is_read_only(client, editor):
    claim = ClaimFactory(status="in_review")
    client.force_login(editor)
    assert client.get(reverse("admin:claims_claiminreview_add")).status_code == 403
    url = reverse("admin:claims_claiminreview_change", args=[claim.pk])
    assert client.post(url, {"text": "Edited."}).status_code == 403


def test_claim_list_filters_by_assignee(client, editor):
    mine = ClaimFactory(assigned_to=editor)
    ClaimFactory()
    client.force_login(editor)
    response = client.get(CLAIMS, {"assigned_to__id__exact": editor.pk})
    assert [claim.pk for claim in response.context["cl"].result_list] == [mine.pk]


def test_the_queue_of_a_claim_moved_by_a_service_uses_its_event(client, editor, ready_claim):
    claim = ready_claim("draft")
    services.claim_submit(claim=claim, actor=editor)
    client.force_login(editor)
    [listed] = client.get(QUEUE).context["cl"].result_list
    assert listed.submitted_by == editor.username
    assert listed.submitted_at == ClaimEvent.objects.get(claim=claim).created_at
