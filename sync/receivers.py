"""The one hook into ``claims``: every public change becomes a change-feed event."""

from __future__ import annotations

from sync import services


def record_public_change(sender, *, claim, kind, actor, at, note, old_rating, new_rating, **_):
    """Receiver of ``claims.signals.public_change``, inside the change's own transaction."""
    services.change_record(
        claim=claim,
        kind=kind,
        at=at,
        note=note,
        old_rating=old_rating,
        new_rating=new_rating,
    )
