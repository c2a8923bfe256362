"""The workflow buttons and the correction form on a claim's page call the services."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from claims.models import ALLOWED_TRANSITIONS, Claim, ClaimAction, ClaimEvent, Correction, Verdict
from claimtracker.writes import fixture_writes
from tests.factories import ClaimFactory, RatingFactory

pytestmark = pytest.mark.django_db

START = {action: sorted(sources)[0] for action, (sources, _) in ALLOWED_TRANSITIONS.items()}


def change_url(claim: Claim) -> str:
    return reverse("admin:claims_claim_change", args=[claim.pk])


def press(client, claim: Claim, action: str, *, note: str = "", version: int | None = None):
    return client.post(
        reverse("admin:claims_claim_transition", args=[claim.pk, action]),
        {"workflow-note": note, "workflow-expected_version": version or claim.version},
    )


def buttons(client, claim: Claim) -> list[str]:
    workflow = client.get(change_url(claim)).context["workflow"]
    return [action["label"] for action in workflow["actions"]]


# What the user reads once each button has done its work.
DONE = {
    "submit": "Submitted for review",
    "resubmit": "Resubmitted for review",
    "request_changes": "Sent back to the fact-checker with your note",
    "publish": "Published",
    "reject": "Rejected with your note",
    "retract": "Retracted; your note is public",
}


@pytest.mark.parametrize("action", list(ALLOWED_TRANSITIONS))
def test_each_button_calls_its_service(action, client, editor, ready_claim, shown_messages):
    claim = ready_claim(START[action])
    client.force_login(editor)
    assert ClaimAction(action).label in buttons(client, claim)

    response = press(client, claim, action, note="Checked twice.")

    assert response.status_code == 302
    assert response.url == change_url(claim)
    claim.refresh_from_db()
    assert claim.status == ALLOWED_TRANSITIONS[action][1]
    event = ClaimEvent.objects.get(claim=claim)
    assert (event.action, event.actor) == (action, editor)
    [message] = shown_messages(response)
    assert message.startswith(f"{DONE[action]}: “{claim}”.")
    # No action codes or status names: plain words.
    assert action not in message and "is now" not in message
    # The audit trail names who pressed the button.
    assert claim.history.last().pgh_context.metadata["user"] == editor.pk


def test_the_page_shows_one_button_per_allowed_action_and_the_versioned_form(
    client, editor, ready_claim
):
    claim = ready_claim("in_review")
    client.force_login(editor)
    response = client.get(change_url(claim))
    assert [a["label"] for a in response.context["workflow"]["actions"]] == [
        "Request changes",
        "Publish",
        "Reject",
    ]
    page = response.content.decode()
    assert reverse("admin:claims_claim_transition", args=[claim.pk, "publish"]) in page
    assert 'name="workflow-expected_version" value="1"' in page
    assert 'name="workflow-note"' in page


def test_fact_checker_sees_only_their_buttons(client, fact_checker, ready_claim):
    client.force_login(fact_checker)
    assert buttons(client, ready_claim("draft")) == ["Submit for review"]
    assert buttons(client, ready_claim("in_review")) == []


def test_fact_checker_who_posts_publish_anyway_is_refused(
    client, fact_checker, ready_claim, shown_messages
):
    claim = ready_claim("in_review")
    client.force_login(fact_checker)
    response = press(client, claim, ClaimAction.PUBLISH)
    assert response.status_code == 302
    assert shown_messages(response) == [
        f"“{claim}” was not published: You do not have permission to publish."
    ]
    claim.refresh_from_db()
    assert claim.status == "in_review"


def test_four_eyes_refusal_is_a_message_and_the_claim_stays_in_review(
    client, editor, ready_claim, shown_messages
):
    claim = ready_claim("in_review")
    with fixture_writes("the editor wrote the verdict"):
        Verdict.objects.filter(claim=claim).update(author=editor)
    client.force_login(editor)
    response = press(client, claim, ClaimAction.PUBLISH)
    assert response.status_code == 302
    [message] = shown_messages(response)
    assert "Four eyes" in message
    claim.refresh_from_db()
    assert claim.status == "in_review"


def test_submit_lists_every_missing_requirement(client, editor, shown_messages):
    claim = ClaimFactory(speaker=None, stated_on=None)
    client.force_login(editor)
    [message] = shown_messages(press(client, claim, ClaimAction.SUBMIT))
    assert message.startswith(f"“{claim}” was not submitted for review: it still needs")
    # Each missing requirement links to its field on the claim's page.
    for missing, anchor in [
        ("a speaker.", "#id_speaker"),
        ("(stated_on).", "#id_stated_on"),
        ("at least one appearance", "#appearances-group"),
        ("a verdict.", "#verdict-group"),
    ]:
        assert re.search(rf'<a href="{anchor}">[^<]*{re.escape(missing)}[^<]*</a>', message)
    claim.refresh_from_db()
    assert claim.status == "draft"


def test_a_note_is_required_to_reject(client, editor, ready_claim, shown_messages):
    claim = ready_claim("in_review")
    client.force_login(editor)
    [message] = shown_messages(press(client, claim, ClaimAction.REJECT, note="  "))
    assert "A note is required to reject." in message
    claim.refresh_from_db()
    assert claim.status == "in_review"


def test_a_button_on_a_page_left_open_is_refused_as_stale(
    client, editor, ready_claim, shown_messages
):
    claim = ready_claim("in_review")
    with fixture_writes("someone changed the claim"):
        Claim.objects.filter(pk=claim.pk).update(version=2)
    client.force_login(editor)
    [message] = shown_messages(press(client, claim, ClaimAction.PUBLISH, version=1))
    assert "you had version 1, it is now version 2" in message
    claim.refresh_from_db()
    assert claim.status == "in_review"


def test_an_action_the_status_does_not_allow_is_refused(
    client, editor, ready_claim, shown_messages
):
    claim = ready_claim("draft")
    client.force_login(editor)
    [message] = shown_messages(press(client, claim, ClaimAction.PUBLISH))
    assert "Cannot publish a claim that is draft" in message


def test_unknown_actions_missing_claims_and_gets_are_not_errors(client, editor, ready_claim):
    claim = ready_claim("in_review")
    client.force_login(editor)
    assert press(client, claim, "approve").status_code == 404
    url = reverse("admin:claims_claim_transition", args=[claim.pk + 1000, "publish"])
    assert client.post(url, {"workflow-expected_version": 1}).status_code == 404
    url = reverse("admin:claims_claim_transition", args=[claim.pk, "publish"])
    assert client.get(url).status_code == 405
    assert client.post(url, {}).status_code == 302  # an incomplete form is a message


def test_correction_form_writes_a_correction(client, editor, ready_claim, shown_messages):
    claim = ready_claim("published")
    new_rating = RatingFactory()
    client.force_login(editor)
    page = client.get(change_url(claim))
    assert page.context["workflow"]["correction_form"] is not None

    response = client.post(
        reverse("admin:claims_claim_correct_verdict", args=[claim.pk]),
        {
            "correction-rating": new_rating.pk,
            "correction-summary": "A better summary.",
            "correction-note": "We misread the statute.",
            "correction-expected_version": claim.version,
        },
    )

    assert response.status_code == 302
    assert shown_messages(response)[0].startswith("Corrected: the verdict on")
    correction = Correction.objects.get(claim=claim)
    assert (correction.new_rating, correction.corrected_by) == (new_rating, editor)
    assert correction.note == "We misread the statute."
    verdict = Verdict.objects.get(claim=claim)
    assert (verdict.rating, verdict.summary) == (new_rating, "A better summary.")
    assert claim.history.last().pgh_context.metadata["user"] == editor.pk


def test_correction_that_changes_nothing_is_a_message(client, editor, ready_claim, shown_messages):
    claim = ready_claim("published")
    client.force_login(editor)
    response = client.post(
        reverse("admin:claims_claim_correct_verdict", args=[claim.pk]),
        {"correction-note": "Nothing really.", "correction-expected_version": claim.version},
    )
    [message] = shown_messages(response)
    assert "must change the rating or the summary" in message
    assert not Correction.objects.exists()


def test_correction_without_a_note_is_a_message(client, editor, ready_claim, shown_messages):
    claim = ready_claim("published")
    client.force_login(editor)
    response = client.post(
        reverse("admin:claims_claim_correct_verdict", args=[claim.pk]),
        {"correction-summary": "Changed.", "correction-expected_version": claim.version},
    )
    assert response.status_code == 302
    [message] = shown_messages(response)
    assert message.endswith("Public note: This field is required.")
    assert not Correction.objects.exists()


def test_fact_checker_gets_no_correction_form_and_is_refused(
    client, fact_checker, ready_claim, shown_messages
):
    claim = ready_claim("published")
    client.force_login(fact_checker)
    assert client.get(change_url(claim)).context["workflow"]["correction_form"] is None
    response = client.post(
        reverse("admin:claims_claim_correct_verdict", args=[claim.pk]),
        {
            "correction-summary": "Changed.",
            "correction-note": "Because.",
            "correction-expected_version": claim.version,
        },
    )
    [message] = shown_messages(response)
    assert "You do not have permission to correct verdicts." in message
    assert not Correction.objects.exists()
