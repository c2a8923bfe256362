"""What every change the public can see does, whichever service makes it."""

from __future__ import annotations

from datetime import datetime

from claims.models import Claim, Rating
from claims.signals import public_change
from claimtracker.caching import retire_on_commit


def announce_public_change(
    *,
    claim: Claim,
    kind: str,
    actor,
    at: datetime,
    note: str = "",
    old_rating: Rating | None = None,
    new_rating: Rating | None = None,
) -> None:
    """Stamp the claim's ``modified_at``, send ``public_change``, in the caller's transaction,
    and retire the claim's cached public responses and the lists once it commits.

    Called by the services that publish, correct, publicly update or retract a claim, with
    the claim row already locked.
    """
    retire_on_commit(claims=[claim.pk])
    Claim.objects.filter(pk=claim.pk).update(modified_at=at)
    claim.modified_at = at
    public_change.send(
        sender=Claim,
        claim=claim,
        kind=kind,
        actor=actor,
        at=at,
        note=note,
        old_rating=old_rating,
        new_rating=new_rating,
    )
