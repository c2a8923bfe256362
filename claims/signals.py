"""The signals the claims app sends, and the receivers that retire cached public responses.

What a write retires is decided in claims/retirement.py: only what the public can see.
"""

from __future__ import annotations

from django.dispatch import Signal

# Sent by the services *inside* the transaction of every change the public can see on a
# published claim, so that a receiver writing a row (the change feed, a queued webhook job)
# commits or rolls back with the change itself. Keyword arguments:
#   claim: the Claim (as locked by the service), kind: one of PUBLIC_CHANGE_KINDS,
#   actor: the user or None, at: the time of the change, note: the public note ("" if none),
#   old_rating / new_rating: Rating or None (set for a correction that changes the rating).
PUBLIC_CHANGE_KINDS = ("published", "corrected", "updated", "retracted")
public_change = Signal()

# Sent by the services *inside* the transaction of each step the newsroom is told about, so
# that a receiver's rows (notifications, a queued e-mail job) commit or roll back with it.
# Keyword arguments: claim (the locked Claim), kind: one of DESK_ACTIVITY_KINDS, actor: the
# user or None, note: the ClaimNote written by the step or None, assignee: the user a claim
# was assigned to (kind "assigned") or None.
DESK_ACTIVITY_KINDS = ("submitted", "changes_requested", "published", "assigned", "note")
desk_activity = Signal()


def announce_desk_activity(claim, *, kind: str, actor, note=None, assignee=None) -> None:
    """Send ``desk_activity`` for one step (call it inside the step's transaction)."""
    desk_activity.send(
        sender=type(claim), claim=claim, kind=kind, actor=actor, note=note, assignee=assignee
    )


def connect() -> None:
    """Connect the public cache's receivers (claims/retirement.py)."""
    from claims import retirement

    retirement.connect()
