"""The internal thread of a claim: notes between its fact-checkers and editors."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from claims.models import NOTE_MAX_LENGTH, Claim, ClaimNote
from claims.signals import announce_desk_activity
from claimtracker.writes import service

# Editors read every claim's timeline; fact-checkers those of their own claims.
EVERY_TIMELINE_PERMISSION = "claims.review_claim"


def claim_people_ids(claim: Claim) -> set[int]:
    """Who works on a claim: its creator, its assignee, its verdict's author and contributors
    (one query)."""
    rows = Claim.objects.filter(pk=claim.pk).values_list(
        "created_by_id", "assigned_to_id", "verdict__author_id", "verdict__contributions__user_id"
    )
    people = {person for row in rows for person in row}
    people.discard(None)
    return people


def may_write_notes(user) -> bool:
    """Whether ``user`` takes part in claims' threads: the newsroom (staff who see claims)."""
    return user.is_active and user.is_staff and user.has_perm("claims.view_claim")


def may_read_timeline(user, claim: Claim) -> bool:
    """Editors read every claim's timeline; fact-checkers the timelines of their own claims."""
    if not may_write_notes(user):
        return False
    return user.has_perm(EVERY_TIMELINE_PERMISSION) or user.pk in claim_people_ids(claim)


def write_note(*, claim: Claim, author, body: str) -> ClaimNote:
    """Add a note and announce it (inside the caller's service and transaction)."""
    body = body.strip()
    if not body:
        raise ValidationError({"body": "A note cannot be empty."})
    if len(body) > NOTE_MAX_LENGTH:
        raise ValidationError({"body": f"A note has at most {NOTE_MAX_LENGTH} characters."})
    return ClaimNote.objects.create(claim=claim, author=author, body=body)


@service
def note_add(*, claim: Claim, actor, body: str) -> ClaimNote:
    """Add a note to a claim's internal thread; its other participants are notified."""
    if actor is not None and not may_write_notes(actor):
        raise PermissionDenied("You do not have permission to write notes on claims.")
    with transaction.atomic():
        note = write_note(claim=claim, author=actor, body=body)
        announce_desk_activity(claim, kind="note", actor=actor, note=note)
    return note
