"""The claim row lock, the version helpers and the workflow record every claim write uses."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from claims.models import PUBLIC_STATUSES, Claim, ClaimEvent, Verdict
from claimtracker.audit import acting
from claimtracker.caching import retire_on_commit
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
def locked_claim(*, claim_id: int, actor, expected_version: int | None) -> Iterator[Claim]:
    """A transaction holding the claim's row lock, attributed to ``actor`` in the history.

    With ``expected_version``, a claim changed since the caller read it raises StaleVersion.
    A write to a claim the public can see retires its cached public responses (and the lists)
    once committed; a draft's or a claim's in review retires nothing (publishing retires
    through ``announce_public_change``).
    """
    with transaction.atomic(), acting(actor):
        locked = Claim.objects.select_for_update().get(pk=claim_id)
        if expected_version is not None and locked.version != expected_version:
            raise StaleVersion(claim=locked, expected=expected_version)
        yield locked
        if locked.status in PUBLIC_STATUSES:
            retire_on_commit(claims=[locked.pk])


def bump_claim_version(claim: Claim, **fields) -> None:
    """Write ``fields`` and the claim's next version in one UPDATE (one history event)."""
    Claim.objects.filter(pk=claim.pk).update(
        version=F("version") + 1, updated_at=timezone.now(), **fields
    )


def bump_verdict_version(verdict: Verdict, **fields) -> None:
    """Write ``fields`` and the verdict's next version in one UPDATE (one history event)."""
    Verdict.objects.filter(pk=verdict.pk).update(
        version=F("version") + 1, updated_at=timezone.now(), **fields
    )


def record_claim_event(
    *, claim: Claim, action: str, to_status: str, actor, note: str = ""
) -> ClaimEvent:
    """Add a step to the claim's workflow history (``claim`` still holds its old status)."""
    return ClaimEvent.objects.create(
        claim=claim,
        action=action,
        from_status=claim.status,
        to_status=to_status,
        actor=actor,
        note=note,
    )
