"""Retire cached public responses when anything they show is saved or deleted.

Claim writes go through claims/services/, which retire them on commit themselves (some write
with UPDATE, which sends no signal). These receivers cover everything else a public response
shows and may be saved elsewhere: speakers, topics, ratings, sources and publishers edited in
the admin, evidence saved by the verdict's admin page, imports.
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import Signal

from claimtracker.caching import invalidate_on_commit

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


def _retire(sender, **kwargs) -> None:
    if kwargs.get("raw"):  # loaddata
        return
    invalidate_on_commit()


def connect() -> None:
    from claims.models import (
        Appearance,
        Claim,
        Correction,
        Evidence,
        Rating,
        Speaker,
        SpeakerAlias,
        Topic,
        Verdict,
    )
    from sources.models import Publisher, Source

    for model in (
        Claim,
        Appearance,
        Verdict,
        Evidence,
        Correction,
        Speaker,
        SpeakerAlias,
        Topic,
        Rating,
        Source,
        Publisher,
    ):
        post_save.connect(_retire, sender=model, dispatch_uid=f"public-cache-{model.__name__}")
        post_delete.connect(
            _retire, sender=model, dispatch_uid=f"public-cache-del-{model.__name__}"
        )
    m2m_changed.connect(_retire, sender=Claim.topics.through, dispatch_uid="public-cache-topics")
