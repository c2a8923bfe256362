"""Who may do what: the one check services make before a change."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied


def require(actor, permission: str, doing: str) -> None:
    """Refuse unless ``actor`` is active and holds ``permission``; None is a system job."""
    if actor is None:
        return
    if not (actor.is_active and actor.has_perm(permission)):
        raise PermissionDenied(f"You do not have permission to {doing}.")
