"""The claim row lock and version check that every claim write goes through."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from claims.models import Claim
from claimtracker.audit import acting
from claimtracker.caching import invalidate_on_commit
from claimtracker.exceptions import PreconditionFailed


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


@contextmanager
def _change(*, claim_id: int, actor, expected_version: int | None) -> Iterator[Claim]:
    """A transaction holding the claim's row lock, attributed to ``actor`` in the history."""
    with transaction.atomic(), acting(actor):
        locked = Claim.objects.select_for_update().get(pk=claim_id)
        if expected_version is not None and locked.version != expected_version:
            raise StaleVersion(claim=locked, expected=expected_version)
        yield locked
        invalidate_on_commit()


def _bump(claim: Claim, **fields) -> None:
    """Write ``fields`` and the next version in one UPDATE (one history event)."""
    Claim.objects.filter(pk=claim.pk).update(
        version=F("version") + 1, updated_at=timezone.now(), **fields
    )
