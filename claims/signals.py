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


def connect() -> None:
    """Connect the public cache's receivers (claims/retirement.py)."""
    from claims import retirement

    retirement.connect()
