"""The one hook into ``claims``: each step the newsroom is told about becomes notifications."""

from __future__ import annotations

from notifications import services


def notify_desk_activity(sender, *, claim, kind, actor, note, assignee, **_):
    """Receiver of ``claims.signals.desk_activity``, inside the step's own transaction."""
    services.notifications_create(claim=claim, kind=kind, actor=actor, note=note, assignee=assignee)
