"""The editorial workflow: who may take which action, and one service per transition."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.utils import timezone

from claims.models import (
    ALLOWED_TRANSITIONS,
    RECOMMENDED_CLAIM_REVIEWED_LENGTH,
    Claim,
    ClaimAction,
    Verdict,
    allowed_actions,
)
from claims.services.authorship import require_not_contributor
from claims.services.locking import (
    bump_claim_version,
    bump_verdict_version,
    locked_claim,
    record_claim_event,
)
from claims.services.notes import write_note
from claims.services.public import announce_public_change
from claims.signals import announce_desk_activity
from claimtracker.exceptions import Conflict
from claimtracker.permissions import require
from claimtracker.writes import service

# Which permission each workflow action needs.
ACTION_PERMISSIONS = {
    ClaimAction.SUBMIT: "claims.submit_claim",
    ClaimAction.RESUBMIT: "claims.submit_claim",
    ClaimAction.REQUEST_CHANGES: "claims.review_claim",
    ClaimAction.REJECT: "claims.review_claim",
    ClaimAction.PUBLISH: "claims.publish_claim",
    ClaimAction.RETRACT: "claims.publish_claim",
}
# Transitions the public sees, as the kind of claims.signals.public_change they send.
PUBLIC_KINDS = {ClaimAction.PUBLISH: "published", ClaimAction.RETRACT: "retracted"}
# Steps the newsroom is told about, as the kind of claims.signals.desk_activity they send.
DESK_KINDS = {
    ClaimAction.SUBMIT: "submitted",
    ClaimAction.RESUBMIT: "submitted",
    ClaimAction.REQUEST_CHANGES: "changes_requested",
    ClaimAction.PUBLISH: "published",
}
# Actions whose note is required (it tells the fact-checker, or the public, why).
NOTE_REQUIRED = {ClaimAction.REQUEST_CHANGES, ClaimAction.REJECT, ClaimAction.RETRACT}


class TransitionNotAllowed(Conflict):
    """The action cannot start from the claim's current status (409)."""

    def __init__(self, *, claim: Claim, action: str) -> None:
        self.status = claim.status
        self.action = action
        self.allowed = allowed_actions(claim.status)
        allowed = ", ".join(self.allowed) or "none"
        super().__init__(
            f"Cannot {_words(action)} a claim that is {claim.get_status_display().lower()} "
            f"({claim.status}); allowed actions: {allowed}."
        )

    def payload(self) -> dict:
        return {"detail": str(self), "status": self.status, "allowed_actions": self.allowed}


def _words(action: str) -> str:
    return action.replace("_", " ")


class Requirement(NamedTuple):
    """Something a claim lacks before review: the field to fix, and what to tell the user."""

    field: str
    message: str


class SubmissionFacts(NamedTuple):
    """What the submission requirements look at, however it was read: from the models
    (``submission_requirements``) or from one row (the detail's fast path)."""

    has_speaker: bool
    has_stated_on: bool
    claim_reviewed: str  # The short claim, or the text when it has none.
    has_short_claim: bool
    has_appearance: bool
    has_verdict: bool
    has_rating: bool
    summary: str
    has_evidence: bool


def requirements_from(facts: SubmissionFacts) -> list[Requirement]:
    """Everything a claim with these facts lacks before it can go to review, each with the
    field to fix (``speaker``, ``stated_on``, ``claim_reviewed``, ``appearances``,
    ``verdict``, ``rating``, ``summary``, ``evidence``); empty when it is ready."""
    missing = []
    if not facts.has_speaker:
        missing.append(Requirement("speaker", "The claim needs a speaker."))
    if not facts.has_stated_on:
        missing.append(
            Requirement("stated_on", "The claim needs the date it was stated (stated_on).")
        )
    # Exported as ClaimReview claimReviewed, which Google wants under 75 characters.
    reviewed = facts.claim_reviewed
    if len(reviewed) > RECOMMENDED_CLAIM_REVIEWED_LENGTH:
        missing.append(
            Requirement(
                "claim_reviewed",
                f"The claim reviewed (the short claim) must be at most "
                f"{RECOMMENDED_CLAIM_REVIEWED_LENGTH} characters for ClaimReview; "
                + (
                    f"it has {len(reviewed)}."
                    if facts.has_short_claim
                    else f"it is empty and the text has {len(reviewed)}."
                ),
            )
        )
    if not facts.has_appearance:
        missing.append(
            Requirement(
                "appearances",
                "The claim needs at least one appearance (a source where it was made).",
            )
        )
    if not facts.has_verdict:
        missing.append(Requirement("verdict", "The claim needs a verdict."))
    else:
        if not facts.has_rating:
            missing.append(Requirement("rating", "The verdict needs a rating."))
        if not facts.summary.strip():
            missing.append(Requirement("summary", "The verdict needs a summary."))
        if not facts.has_evidence:
            missing.append(
                Requirement("evidence", "The verdict needs at least one evidence source.")
            )
    return missing


def submission_requirements(claim: Claim) -> list[Requirement]:
    """Everything ``claim`` lacks before it can go to review (``requirements_from``), read
    from the database now."""
    verdict = Verdict.objects.filter(claim=claim).first()
    return requirements_from(
        SubmissionFacts(
            has_speaker=claim.speaker_id is not None,
            has_stated_on=claim.stated_on is not None,
            claim_reviewed=claim.claim_reviewed or claim.text,
            has_short_claim=bool(claim.claim_reviewed),
            has_appearance=claim.appearances.exists(),
            has_verdict=verdict is not None,
            has_rating=verdict is not None and verdict.rating_id is not None,
            summary=verdict.summary if verdict is not None else "",
            has_evidence=verdict is not None and verdict.evidence.exists(),
        )
    )


def submission_problems(claim: Claim) -> list[str]:
    """Everything a claim lacks before it can go to review; empty when it is ready."""
    return [requirement.message for requirement in submission_requirements(claim)]


@service
def _transition(
    *,
    claim: Claim,
    actor,
    action: str,
    note: str = "",
    expected_version: int | None = None,
    at: dt.datetime | None = None,
) -> Claim:
    """Lock, check and apply one workflow action; record it as a ClaimEvent."""
    if at is not None and actor is not None:
        raise ValidationError({"published_at": "Only a system job records a past publication."})
    with locked_claim(claim_id=claim.pk, actor=actor, expected_version=expected_version) as locked:
        sources, target = ALLOWED_TRANSITIONS[action]
        if locked.status not in sources:
            raise TransitionNotAllowed(claim=locked, action=action)
        require(actor, ACTION_PERMISSIONS[action], _words(action))
        note = note.strip()
        if action in NOTE_REQUIRED and not note:
            raise ValidationError({"note": f"A note is required to {_words(action)}."})
        # Publishing re-checks the requirements: the verdict may have changed in review.
        if action in (ClaimAction.SUBMIT, ClaimAction.RESUBMIT, ClaimAction.PUBLISH):
            problems = submission_problems(locked)
            if problems:
                raise ValidationError({"claim": problems})

        now = at or timezone.now()
        fields = {"status": target}
        if action == ClaimAction.PUBLISH:
            verdict = Verdict.objects.select_for_update().get(claim=locked)
            require_not_contributor(verdict=verdict, actor=actor, doing="publish")
            fields["published_at"] = now
            bump_verdict_version(verdict, reviewer=actor, published_at=verdict.published_at or now)
        bump_claim_version(locked, **fields)
        record_claim_event(claim=locked, action=action, to_status=target, actor=actor, note=note)
        if action in PUBLIC_KINDS:
            announce_public_change(
                claim=locked,
                kind=PUBLIC_KINDS[action],
                actor=actor,
                at=now,
                note=note if action == ClaimAction.RETRACT else "",
                old_rating=None,
                new_rating=None,
            )
        if action in DESK_KINDS:
            # A change request's note starts the claim's internal thread.
            thread_note = (
                write_note(claim=locked, author=actor, body=note)
                if action == ClaimAction.REQUEST_CHANGES
                else None
            )
            announce_desk_activity(locked, kind=DESK_KINDS[action], actor=actor, note=thread_note)
    claim.refresh_from_db()
    return claim


def claim_submit(
    *, claim: Claim, actor, note: str = "", expected_version: int | None = None
) -> Claim:
    """Send a draft to review; every missing requirement is listed at once."""
    return _transition(
        claim=claim,
        actor=actor,
        action=ClaimAction.SUBMIT,
        note=note,
        expected_version=expected_version,
    )


def claim_request_changes(
    *, claim: Claim, actor, note: str, expected_version: int | None = None
) -> Claim:
    """Send a claim in review back to its fact-checker, saying what to change."""
    return _transition(
        claim=claim,
        actor=actor,
        action=ClaimAction.REQUEST_CHANGES,
        note=note,
        expected_version=expected_version,
    )


def claim_resubmit(
    *, claim: Claim, actor, note: str = "", expected_version: int | None = None
) -> Claim:
    """Send a claim back to review after the requested changes."""
    return _transition(
        claim=claim,
        actor=actor,
        action=ClaimAction.RESUBMIT,
        note=note,
        expected_version=expected_version,
    )


def claim_publish(
    *,
    claim: Claim,
    actor,
    note: str = "",
    expected_version: int | None = None,
    published_at: dt.datetime | None = None,
) -> Claim:
    """Publish a reviewed claim; nobody who contributed to its verdict may publish it.

    ``published_at`` records when a system job (``actor=None``: the demo, an archive being
    loaded) published it; a person always publishes now.
    """
    return _transition(
        claim=claim,
        actor=actor,
        action=ClaimAction.PUBLISH,
        note=note,
        expected_version=expected_version,
        at=published_at,
    )


def claim_reject(*, claim: Claim, actor, note: str, expected_version: int | None = None) -> Claim:
    """Decline a claim in review, e.g. "opinion, not checkable"."""
    return _transition(
        claim=claim,
        actor=actor,
        action=ClaimAction.REJECT,
        note=note,
        expected_version=expected_version,
    )


def claim_retract(*, claim: Claim, actor, note: str, expected_version: int | None = None) -> Claim:
    """Withdraw a published fact-check, with a public note."""
    return _transition(
        claim=claim,
        actor=actor,
        action=ClaimAction.RETRACT,
        note=note,
        expected_version=expected_version,
    )


# Each action's service, for callers that pick the action at run time (admin, API, commands).
TRANSITION_SERVICES = {
    ClaimAction.SUBMIT: claim_submit,
    ClaimAction.REQUEST_CHANGES: claim_request_changes,
    ClaimAction.RESUBMIT: claim_resubmit,
    ClaimAction.PUBLISH: claim_publish,
    ClaimAction.REJECT: claim_reject,
    ClaimAction.RETRACT: claim_retract,
}
