"""Every change of a claim's workflow state, in one place.

The admin, the API and management commands call these functions and nothing else to move a
claim. Each one locks the claim row, checks the transition against ``ALLOWED_TRANSITIONS``,
the actor's permission and the business rules, then writes the new status and a
``ClaimEvent`` in the same transaction.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from claims.models import ALLOWED_TRANSITIONS, Claim, ClaimAction, ClaimEvent, allowed_actions

# Which permission each action needs.
ACTION_PERMISSIONS = {
    ClaimAction.SUBMIT: "claims.submit_claim",
    ClaimAction.RESUBMIT: "claims.submit_claim",
    ClaimAction.REQUEST_CHANGES: "claims.review_claim",
    ClaimAction.REJECT: "claims.review_claim",
    ClaimAction.PUBLISH: "claims.publish_claim",
    ClaimAction.RETRACT: "claims.publish_claim",
}
# Actions whose note is required (it tells the fact-checker, or the public, why).
NOTE_REQUIRED = {ClaimAction.REQUEST_CHANGES, ClaimAction.REJECT, ClaimAction.RETRACT}


class TransitionNotAllowed(Exception):
    """The action cannot start from the claim's current status."""

    def __init__(self, *, claim: Claim, action: str) -> None:
        self.status = claim.status
        self.action = action
        self.allowed = allowed_actions(claim.status)
        allowed = ", ".join(self.allowed) or "none"
        super().__init__(
            f"Cannot {action.replace('_', ' ')} a claim that is {claim.get_status_display()} "
            f"({claim.status}); allowed actions: {allowed}."
        )


def submission_problems(claim: Claim) -> list[str]:
    """Everything a claim lacks before it can go to review; empty when it is ready."""
    problems = []
    if claim.speaker_id is None:
        problems.append("The claim needs a speaker.")
    if claim.stated_on is None:
        problems.append("The claim needs the date it was stated (stated_on).")
    if not claim.appearances.exists():
        problems.append("The claim needs at least one appearance (a source where it was made).")
    verdict = claim.verdict if hasattr(claim, "verdict") else None
    if verdict is None:
        problems.append("The claim needs a verdict.")
    else:
        if verdict.rating_id is None:
            problems.append("The verdict needs a rating.")
        if not verdict.summary.strip():
            problems.append("The verdict needs a summary.")
        if not verdict.evidence.exists():
            problems.append("The verdict needs at least one evidence source.")
    return problems


def _transition(*, claim: Claim, actor, action: str, note: str = "") -> Claim:
    """Lock, check and apply one workflow action; record it as a ClaimEvent."""
    with transaction.atomic():
        locked = Claim.objects.select_for_update().get(pk=claim.pk)
        sources, target = ALLOWED_TRANSITIONS[action]
        if locked.status not in sources:
            raise TransitionNotAllowed(claim=locked, action=action)
        permission = ACTION_PERMISSIONS[action]
        if actor is not None and not (actor.is_active and actor.has_perm(permission)):
            raise PermissionDenied(f"You do not have permission to {action.replace('_', ' ')}.")
        note = note.strip()
        if action in NOTE_REQUIRED and not note:
            raise ValidationError({"note": f"A note is required to {action.replace('_', ' ')}."})
        # Publishing re-checks the requirements: the verdict may have changed in review.
        if action in (ClaimAction.SUBMIT, ClaimAction.RESUBMIT, ClaimAction.PUBLISH):
            problems = submission_problems(locked)
            if problems:
                raise ValidationError({"claim": problems})

        now = timezone.now()
        update = {"status": target, "version": F("version") + 1, "updated_at": now}
        if action == ClaimAction.PUBLISH:
            verdict = locked.verdict
            if actor is not None and verdict.author_id == actor.pk:
                raise PermissionDenied(
                    "Four eyes: the author of a verdict may not publish it; another editor must."
                )
            update["published_at"] = now
            type(verdict).objects.filter(pk=verdict.pk).update(
                reviewer=actor,
                published_at=verdict.published_at or now,
                version=F("version") + 1,
                updated_at=now,
            )
        Claim.objects.filter(pk=locked.pk).update(**update)
        ClaimEvent.objects.create(
            claim=locked,
            action=action,
            from_status=locked.status,
            to_status=target,
            actor=actor,
            note=note,
        )
    claim.refresh_from_db()
    return claim


def claim_submit(*, claim: Claim, actor) -> Claim:
    """Send a draft to review; every missing requirement is listed at once."""
    return _transition(claim=claim, actor=actor, action=ClaimAction.SUBMIT)


def claim_request_changes(*, claim: Claim, actor, note: str) -> Claim:
    """Send a claim in review back to its fact-checker, saying what to change."""
    return _transition(claim=claim, actor=actor, action=ClaimAction.REQUEST_CHANGES, note=note)


def claim_resubmit(*, claim: Claim, actor, note: str = "") -> Claim:
    """Send a claim back to review after the requested changes."""
    return _transition(claim=claim, actor=actor, action=ClaimAction.RESUBMIT, note=note)


def claim_publish(*, claim: Claim, actor, note: str = "") -> Claim:
    """Publish a reviewed claim; its verdict's author may not be the one who publishes."""
    return _transition(claim=claim, actor=actor, action=ClaimAction.PUBLISH, note=note)


def claim_reject(*, claim: Claim, actor, note: str) -> Claim:
    """Decline a claim in review, e.g. "opinion, not checkable"."""
    return _transition(claim=claim, actor=actor, action=ClaimAction.REJECT, note=note)


def claim_retract(*, claim: Claim, actor, note: str) -> Claim:
    """Withdraw a published fact-check, with a public note."""
    return _transition(claim=claim, actor=actor, action=ClaimAction.RETRACT, note=note)
