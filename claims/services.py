"""Every change to claims, verdicts, speakers and topics, in one place.

The admin, the API and management commands call these functions and nothing else. Each one
runs in a transaction, locks the claim row it changes, checks the actor's permission and the
business rules, bumps the claim's ``version`` (optimistic concurrency: callers pass the
version they read as ``expected_version``), records what happened, and returns the result.
The audit trail (django-pghistory) is attributed to the actor passed in.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from claims.models import (
    ALLOWED_TRANSITIONS,
    Appearance,
    Claim,
    ClaimAction,
    ClaimEvent,
    Correction,
    Evidence,
    Rating,
    Speaker,
    SpeakerAlias,
    Topic,
    Verdict,
    allowed_actions,
)
from claimtracker.audit import acting
from claimtracker.exceptions import Conflict, PreconditionFailed
from claimtracker.permissions import require
from sources.models import Source

# Which permission each workflow action needs.
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
# Statuses in which a claim and its verdict are still being worked on; after publication
# the verdict changes only through verdict_correct().
EDITABLE_STATUSES = {
    Claim.Status.DRAFT,
    Claim.Status.CHANGES_REQUESTED,
    Claim.Status.IN_REVIEW,
}
CORRECT_ACTION = "correct"


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


class StaleVersion(PreconditionFailed):
    """Someone changed the claim since the caller read it (412)."""

    def __init__(self, *, claim: Claim, expected: int) -> None:
        self.claim = claim
        self.current = claim.version
        super().__init__(
            f"The claim was changed since you read it: you had version {expected}, it is now "
            f"version {claim.version}. Reload it and apply your change again."
        )

    def payload(self) -> dict:
        return {"detail": str(self), "current_version": self.current}


@dataclass(frozen=True)
class EvidenceItem:
    """One piece of evidence for verdict_set()."""

    source: Source
    stance: str
    note: str = ""


def _words(action: str) -> str:
    return action.replace("_", " ")


@contextmanager
def _change(*, claim_id: int, actor, expected_version: int | None) -> Iterator[Claim]:
    """A transaction holding the claim's row lock, attributed to ``actor`` in the history."""
    with transaction.atomic(), acting(actor):
        locked = Claim.objects.select_for_update().get(pk=claim_id)
        if expected_version is not None and locked.version != expected_version:
            raise StaleVersion(claim=locked, expected=expected_version)
        yield locked


def _bump(claim: Claim, **fields) -> None:
    """Write ``fields`` and the next version in one UPDATE (one history event)."""
    Claim.objects.filter(pk=claim.pk).update(
        version=F("version") + 1, updated_at=timezone.now(), **fields
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
    verdict = Verdict.objects.filter(claim=claim).first()
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


# --- Workflow ---------------------------------------------------------------------------------


def _transition(
    *, claim: Claim, actor, action: str, note: str = "", expected_version: int | None = None
) -> Claim:
    """Lock, check and apply one workflow action; record it as a ClaimEvent."""
    with _change(claim_id=claim.pk, actor=actor, expected_version=expected_version) as locked:
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

        now = timezone.now()
        fields = {"status": target}
        if action == ClaimAction.PUBLISH:
            verdict = Verdict.objects.select_for_update().get(claim=locked)
            if actor is not None and verdict.author_id == actor.pk:
                raise PermissionDenied(
                    "Four eyes: the author of a verdict may not publish it; another editor must."
                )
            fields["published_at"] = now
            Verdict.objects.filter(pk=verdict.pk).update(
                reviewer=actor,
                published_at=verdict.published_at or now,
                version=F("version") + 1,
                updated_at=now,
            )
        _bump(locked, **fields)
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
    *, claim: Claim, actor, note: str = "", expected_version: int | None = None
) -> Claim:
    """Publish a reviewed claim; its verdict's author may not be the one who publishes."""
    return _transition(
        claim=claim,
        actor=actor,
        action=ClaimAction.PUBLISH,
        note=note,
        expected_version=expected_version,
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


# --- Claims and verdicts ----------------------------------------------------------------------

CLAIM_FIELDS = {"text", "claim_reviewed", "speaker", "stated_on", "context", "language"}
CLAIM_FIELDS_WITH_ASSIGNMENT = CLAIM_FIELDS | {"assigned_to"}


def _set_appearances(claim: Claim, appearances: Iterable[tuple[Source, bool]]) -> None:
    rows = [(source, bool(first)) for source, first in appearances]
    if sum(first for _, first in rows) > 1:
        raise ValidationError({"appearances": "Only one appearance can be the first."})
    if len({source.pk for source, _ in rows}) != len(rows):
        raise ValidationError({"appearances": "Each source can appear only once."})
    Appearance.objects.filter(claim=claim).delete()
    Appearance.objects.bulk_create(
        Appearance(claim=claim, source=source, is_first=first) for source, first in rows
    )


def _validated(claim: Claim, fields: dict) -> None:
    for name, value in fields.items():
        setattr(claim, name, value)
    claim.full_clean(exclude=["search_vector", "status", "version"], validate_unique=False)


def claim_create(
    *,
    actor,
    text: str,
    topics: Iterable[Topic] = (),
    appearances: Iterable[tuple[Source, bool]] = (),
    **fields,
) -> Claim:
    """Record a new claim as a draft, created by ``actor``."""
    require(actor, "claims.add_claim", "create claims")
    unknown = set(fields) - CLAIM_FIELDS_WITH_ASSIGNMENT
    if unknown:
        raise ValidationError({name: "This field cannot be set here." for name in unknown})
    with transaction.atomic(), acting(actor):
        claim = Claim(created_by=actor, status=Claim.Status.DRAFT)
        _validated(claim, {"text": text, **fields})
        claim.save()
        claim.topics.set(list(topics))
        _set_appearances(claim, appearances)
    return claim


def claim_update(
    *,
    claim: Claim,
    actor,
    expected_version: int | None,
    topics: Iterable[Topic] | None = None,
    appearances: Iterable[tuple[Source, bool]] | None = None,
    **fields,
) -> Claim:
    """Edit a claim that is still being worked on; published claims change by correction."""
    require(actor, "claims.change_claim", "edit claims")
    unknown = set(fields) - CLAIM_FIELDS_WITH_ASSIGNMENT
    if unknown:
        raise ValidationError({name: "This field cannot be changed here." for name in unknown})
    with _change(claim_id=claim.pk, actor=actor, expected_version=expected_version) as locked:
        if locked.status not in EDITABLE_STATUSES:
            raise Conflict(
                f"A {locked.get_status_display().lower()} claim cannot be edited; a published "
                "verdict changes only through a correction."
            )
        _validated(locked, fields)
        if topics is not None:
            locked.topics.set(list(topics))
        if appearances is not None:
            _set_appearances(locked, appearances)
        _bump(locked, **{name: getattr(locked, name) for name in fields})
    claim.refresh_from_db()
    return claim


def verdict_set(
    *,
    claim: Claim,
    actor,
    expected_version: int | None,
    rating: Rating | None,
    summary: str,
    analysis: str = "",
    evidence: Iterable[EvidenceItem] = (),
) -> Verdict:
    """Write the verdict of a claim still being worked on, replacing its evidence."""
    require(actor, "claims.change_verdict", "write verdicts")
    items = list(evidence)
    if len({item.source.pk for item in items}) != len(items):
        raise ValidationError({"evidence": "Each source can be cited only once."})
    with _change(claim_id=claim.pk, actor=actor, expected_version=expected_version) as locked:
        if locked.status not in EDITABLE_STATUSES:
            raise Conflict(
                f"The verdict of a {locked.get_status_display().lower()} claim cannot be "
                "rewritten; use a correction."
            )
        verdict = Verdict.objects.select_for_update().filter(claim=locked).first()
        if verdict is None:
            verdict = Verdict(claim=locked, author=actor)
        else:
            verdict.version += 1
        verdict.rating, verdict.summary, verdict.analysis = rating, summary, analysis
        verdict.full_clean(exclude=["claim"], validate_unique=False)
        verdict.save()
        Evidence.objects.filter(verdict=verdict).delete()
        Evidence.objects.bulk_create(
            Evidence(verdict=verdict, source=item.source, stance=item.stance, note=item.note)
            for item in items
        )
        _bump(locked)
    claim.refresh_from_db()
    return verdict


def verdict_correct(
    *,
    claim: Claim,
    actor,
    note: str,
    rating: Rating | None = None,
    summary: str | None = None,
    expected_version: int | None = None,
) -> Correction:
    """Change a published verdict's rating or summary, with a public correction note."""
    note = note.strip()
    if not note:
        raise ValidationError({"note": "A correction needs a public note."})
    with _change(claim_id=claim.pk, actor=actor, expected_version=expected_version) as locked:
        if locked.status != Claim.Status.PUBLISHED:
            raise Conflict(
                f"Only a published verdict can be corrected; this claim is "
                f"{locked.get_status_display().lower()} ({locked.status})."
            )
        require(actor, "claims.correct_verdict", "correct verdicts")
        verdict = Verdict.objects.select_for_update().get(claim=locked)
        new_rating = rating if rating is not None else verdict.rating
        new_summary = summary.strip() if summary is not None else verdict.summary
        if new_rating == verdict.rating and new_summary == verdict.summary:
            raise ValidationError({"detail": "A correction must change the rating or the summary."})
        if not new_summary:
            raise ValidationError({"summary": "A published verdict needs a summary."})
        correction = Correction.objects.create(
            claim=locked,
            note=note,
            old_rating=verdict.rating,
            new_rating=new_rating,
            corrected_by=actor,
        )
        Verdict.objects.filter(pk=verdict.pk).update(
            rating=new_rating,
            summary=new_summary,
            version=F("version") + 1,
            updated_at=timezone.now(),
        )
        _bump(locked)
        ClaimEvent.objects.create(
            claim=locked,
            action=CORRECT_ACTION,
            from_status=locked.status,
            to_status=locked.status,
            actor=actor,
            note=note,
        )
    claim.refresh_from_db()
    return correction


# --- Speakers and topics ----------------------------------------------------------------------

SPEAKER_FIELDS = {"name", "slug", "role", "affiliation", "country", "same_as"}


def _save_speaker(speaker: Speaker, fields: dict, aliases: Iterable[str] | None) -> Speaker:
    unknown = set(fields) - SPEAKER_FIELDS
    if unknown:
        raise ValidationError({name: "This field cannot be set here." for name in unknown})
    for name, value in fields.items():
        setattr(speaker, name, value)
    speaker.full_clean()
    speaker.save()
    if aliases is not None:
        names = {alias.strip().casefold(): alias.strip() for alias in aliases if alias.strip()}
        speaker.aliases.exclude(name__in=names.values()).delete()
        existing = {alias.name.casefold() for alias in speaker.aliases.all()}
        SpeakerAlias.objects.bulk_create(
            SpeakerAlias(speaker=speaker, name=name)
            for key, name in names.items()
            if key not in existing
        )
    return speaker


def speaker_create(*, actor, aliases: Iterable[str] = (), **fields) -> Speaker:
    """Record a new speaker."""
    require(actor, "claims.add_speaker", "create speakers")
    with transaction.atomic(), acting(actor):
        return _save_speaker(Speaker(), fields, aliases)


def speaker_update(
    *, speaker: Speaker, actor, aliases: Iterable[str] | None = None, **fields
) -> Speaker:
    """Edit a speaker; ``aliases``, when given, replaces the list."""
    require(actor, "claims.change_speaker", "edit speakers")
    with transaction.atomic(), acting(actor):
        locked = Speaker.objects.select_for_update().get(pk=speaker.pk)
        return _save_speaker(locked, fields, aliases)


def topic_create(*, actor, name: str, slug: str, description: str = "") -> Topic:
    """Add a topic."""
    require(actor, "claims.add_topic", "create topics")
    topic = Topic(name=name, slug=slug, description=description)
    topic.full_clean()
    with transaction.atomic():
        topic.save()
    return topic


def topic_update(*, topic: Topic, actor, **fields) -> Topic:
    """Rename or describe a topic."""
    require(actor, "claims.change_topic", "edit topics")
    with transaction.atomic():
        locked = Topic.objects.select_for_update().get(pk=topic.pk)
        for name in set(fields) - {"name", "slug", "description"}:
            raise ValidationError({name: "This field cannot be changed here."})
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.full_clean()
        locked.save()
    return locked
