"""Public updates: changing a published fact-check other than its rating or summary.

Once a claim is published, what the public sees changes only through ``verdict_correct``
(rating, summary) or ``claim_public_update`` (anything else: the claim's text, speaker,
topics and appearances, the verdict's analysis and evidence), each with a public note and a
record the page, the API and the ClaimReview list. An edit of a source that a published
fact-check shows is a public update of every such claim (``cited_source_changing``).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db.models import Q

from claims.models import (
    MAX_TOPICS,
    Claim,
    Correction,
    Topic,
    Verdict,
)
from claims.services.authorship import contributor_add
from claims.services.claims import (
    CLAIM_FIELDS,
    EvidenceItem,
    _appearance_rows,
    _evidence_items,
    _evidence_rows,
    _replace_evidence,
    _validated,
    set_appearances,
)
from claims.services.limits import capped
from claims.services.locking import (
    bump_claim_version,
    bump_verdict_version,
    locked_claim,
    record_claim_event,
)
from claims.services.public import announce_public_change
from claims.services.workflow import submission_problems
from claimtracker.exceptions import Conflict
from claimtracker.permissions import require
from claimtracker.writes import service
from sources.models import Source
from sources.services import SOURCE_FIELDS

UPDATE_ACTION = "update"
# Who may publicly update a published fact-check: the editors, who may correct it.
PUBLIC_UPDATE_PERMISSION = "claims.correct_verdict"
# A source's fields that published pages show: all it has but the internal ones.
PUBLIC_SOURCE_FIELDS = SOURCE_FIELDS - {"accessed_at", "notes"}


def _require_published(claim: Claim) -> None:
    if claim.status != Claim.Status.PUBLISHED:
        raise Conflict(
            f"Only a published fact-check is updated publicly; this claim is "
            f"{claim.get_status_display().lower()} ({claim.status}): edit it directly."
        )


def _public_note(note: str) -> str:
    note = note.strip()
    if not note:
        raise ValidationError({"note": "A public update needs a public note saying what changed."})
    return note


def _record_update(*, claim: Claim, actor, note: str) -> Correction:
    """The record, the workflow event, the new version and the public_change signal."""
    update = Correction.objects.create(
        claim=claim, kind=Correction.Kind.UPDATE, note=note, corrected_by=actor
    )
    record_claim_event(
        claim=claim, action=UPDATE_ACTION, to_status=claim.status, actor=actor, note=note
    )
    announce_public_change(
        claim=claim, kind="updated", actor=actor, at=update.created_at, note=note
    )
    return update


@service
def claim_public_update(
    *,
    claim: Claim,
    actor,
    note: str,
    expected_version: int | None = None,
    topics: Iterable[Topic] | None = None,
    appearances: Iterable[tuple[Source, bool]] | None = None,
    analysis: str | None = None,
    evidence: Iterable[EvidenceItem] | None = None,
    **fields,
) -> Correction:
    """Change a published fact-check (not its rating or summary), with a public note.

    For example, replace a dead link among the evidence. Editors only; the change must change
    something. Whoever changes the analysis or the evidence joins the verdict's contributors.
    """
    note = _public_note(note)
    unknown = set(fields) - CLAIM_FIELDS
    if unknown:
        raise ValidationError(
            {name: "This field cannot be changed by a public update." for name in unknown}
        )
    if topics is not None:
        topics = capped("topics", topics, MAX_TOPICS)
    if appearances is not None:
        appearances = _appearance_rows(appearances)
    if evidence is not None:
        evidence = _evidence_items(evidence)
    with locked_claim(claim_id=claim.pk, actor=actor, expected_version=expected_version) as locked:
        _require_published(locked)
        require(actor, PUBLIC_UPDATE_PERMISSION, "update published fact-checks")
        verdict = Verdict.objects.select_for_update().get(claim=locked)
        before = {name: getattr(locked, name) for name in fields}
        _validated(locked, fields)
        changed = [name for name in fields if getattr(locked, name) != before[name]]
        if topics is not None and {t.pk for t in topics} != set(
            locked.topics.values_list("pk", flat=True)
        ):
            locked.topics.set(topics)
            changed.append("topics")
        if appearances is not None and {
            (row.source.pk, bool(row.is_first)) for row in appearances
        } != set(locked.appearances.values_list("source_id", "is_first")):
            set_appearances(locked, appearances)
            changed.append("appearances")
        verdict_changed = []
        if analysis is not None and analysis != verdict.analysis:
            verdict.analysis = analysis
            verdict.full_clean(exclude=["claim"], validate_unique=False)
            verdict_changed.append("analysis")
        if evidence is not None and _evidence_rows(verdict) != {
            (item.source.pk, item.stance, item.note) for item in evidence
        }:
            if not evidence:
                raise ValidationError({"evidence": "A published verdict needs its evidence."})
            _replace_evidence(verdict, evidence)
            verdict_changed.append("evidence")
        if not changed and not verdict_changed:
            raise ValidationError({"detail": "A public update must change something."})
        problems = submission_problems(locked)
        if problems:
            # What publishing required still holds after the update (e.g. a speaker).
            raise ValidationError({"claim": problems})
        if verdict_changed:
            bump_verdict_version(verdict, analysis=verdict.analysis)
            contributor_add(verdict=verdict, actor=actor)
        bump_claim_version(locked, **{name: getattr(locked, name) for name in fields})
        update = _record_update(claim=locked, actor=actor, note=note)
    claim.refresh_from_db()
    return update


def claims_showing(source: Source):
    """The published claims whose page shows ``source`` (as an appearance or as evidence)."""
    return (
        Claim.objects.published()
        .filter(Q(appearances__source=source) | Q(verdict__evidence__source=source))
        .distinct()
        .order_by("pk")
    )


def cited_source_changing(sender, *, source: Source, changes: dict, actor, note: str, **kwargs):
    """Receiver of ``sources.signals.source_changing``, inside the source's update.

    A source that a published fact-check shows keeps its URL (readers must follow the link
    that was reviewed; record the new address as a new source and swap it in with a public
    update). Any other change to what pages show is a public update of each such claim, which
    needs an editor and a public note.
    """
    public = sorted(set(changes) & PUBLIC_SOURCE_FIELDS)
    if not public:
        return
    claim_ids = list(claims_showing(source).values_list("pk", flat=True))
    if not claim_ids:
        return
    numbers = ", ".join(f"#{pk}" for pk in claim_ids)
    if "url" in public:
        raise Conflict(
            f"This source is cited by published fact-checks ({numbers}), so its URL cannot "
            "change: their readers would follow a link nobody reviewed. Record the new address "
            "as a new source and replace this one with a public update of each claim."
        )
    require(actor, PUBLIC_UPDATE_PERMISSION, "change a source that published fact-checks cite")
    note = note.strip()
    if not note:
        raise ValidationError(
            {
                "note": f"This source is cited by published fact-checks ({numbers}); changing "
                f"its {', '.join(public)} is a public update of each, which needs a public note."
            }
        )
    for claim_id in claim_ids:
        with locked_claim(claim_id=claim_id, actor=actor, expected_version=None) as locked:
            if locked.status != Claim.Status.PUBLISHED:
                continue  # retracted meanwhile
            bump_claim_version(locked)
            _record_update(claim=locked, actor=actor, note=note)
