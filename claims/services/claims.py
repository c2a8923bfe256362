"""Writing claims and verdicts: create, edit, set the verdict, correct a published one."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from claims.models import (
    MAX_APPEARANCES,
    MAX_EVIDENCE,
    MAX_TOPICS,
    Appearance,
    Claim,
    Correction,
    Evidence,
    Rating,
    Topic,
    Verdict,
)
from claims.services.authorship import contributor_add, is_person, require_house_rating
from claims.services.limits import capped
from claims.services.locking import (
    bump_claim_version,
    bump_verdict_version,
    locked_claim,
    record_claim_event,
)
from claims.services.public import announce_public_change
from claims.signals import announce_desk_activity
from claimtracker.audit import acting
from claimtracker.exceptions import Conflict
from claimtracker.languages import detect_language
from claimtracker.permissions import require
from claimtracker.writes import only_fields, service
from sources.models import Source

CLAIM_FIELDS = {"text", "claim_reviewed", "speaker", "stated_on", "context", "language"}
CLAIM_FIELDS_WITH_ASSIGNMENT = CLAIM_FIELDS | {"assigned_to"}
# Statuses in which a claim and its verdict are still being worked on; after publication
# the verdict changes only through verdict_correct().
EDITABLE_STATUSES = {
    Claim.Status.DRAFT,
    Claim.Status.CHANGES_REQUESTED,
    Claim.Status.IN_REVIEW,
}
CORRECT_ACTION = "correct"
# Statuses of a claim the public has seen: it is retracted, never deleted.
NEVER_DELETED_STATUSES = {Claim.Status.PUBLISHED, Claim.Status.RETRACTED}

# The language of a claim whose text does not tell (too short): the model's default.
DEFAULT_LANGUAGE = "en"


def claim_language(*, text: str, language: str | None) -> str:
    """The language a new claim is stored in: the one given, else the text's, else English."""
    return language or detect_language(text) or DEFAULT_LANGUAGE


@dataclass(frozen=True)
class EvidenceItem:
    """One piece of evidence for verdict_set()."""

    source: Source
    stance: str
    note: str = ""


class AppearanceItem(NamedTuple):
    """One appearance for claim_create() and claim_update(); a (source, is_first) pair works."""

    source: Source
    is_first: bool = False
    note: str = ""


def set_appearances(claim: Claim, appearances: Iterable[tuple]) -> None:
    """Replace the claim's appearances (inside the caller's service and transaction)."""
    rows = [AppearanceItem(*row) for row in appearances]
    if sum(bool(row.is_first) for row in rows) > 1:
        raise ValidationError({"appearances": "Only one appearance can be the first."})
    if len({row.source.pk for row in rows}) != len(rows):
        raise ValidationError({"appearances": "Each source can appear only once."})
    Appearance.objects.filter(claim=claim).delete()
    Appearance.objects.bulk_create(
        Appearance(claim=claim, source=row.source, is_first=bool(row.is_first), note=row.note)
        for row in rows
    )


def _appearance_rows(appearances: Iterable[tuple]) -> list[AppearanceItem]:
    rows = capped("appearances", appearances, MAX_APPEARANCES)
    return [AppearanceItem(*row) for row in rows]


def _evidence_items(evidence: Iterable[EvidenceItem]) -> list[EvidenceItem]:
    items = capped("evidence", evidence, MAX_EVIDENCE)
    if len({item.source.pk for item in items}) != len(items):
        raise ValidationError({"evidence": "Each source can be cited only once."})
    return items


def _evidence_rows(verdict: Verdict) -> set[tuple[int, str, str]]:
    return set(verdict.evidence.values_list("source_id", "stance", "note"))


def _replace_evidence(verdict: Verdict, items: list[EvidenceItem]) -> None:
    Evidence.objects.filter(verdict=verdict).delete()
    Evidence.objects.bulk_create(
        Evidence(verdict=verdict, source=item.source, stance=item.stance, note=item.note)
        for item in items
    )


# Set by the services themselves (status, version) or by the database (search_vector).
NOT_VALIDATED = frozenset({"search_vector", "status", "version"})


def _validated(claim: Claim, fields: dict) -> None:
    for name, value in fields.items():
        setattr(claim, name, value)
    exclude = set(NOT_VALIDATED)
    if claim.pk is not None:
        exclude |= _untouched(set(fields))
    claim.full_clean(exclude=sorted(exclude), validate_unique=False)


def _untouched(given: set[str]) -> set[str]:
    """The fields of a saved claim that neither ``given`` nor a constraint over one of them
    involves. They met every check when the claim was written (the database enforces the
    constraints), so only the fields being changed are checked again: Django checks each
    constraint with a query in a savepoint, three statements, a dozen for every edit."""
    involved = set(given)
    for constraint in Claim._meta.constraints:
        # A check's condition, or a unique constraint's fields and condition.
        referenced = Q(getattr(constraint, "condition", None)).referenced_base_fields
        referenced |= set(getattr(constraint, "fields", ()))
        if referenced & given:
            involved |= referenced
    return {field.name for field in Claim._meta.fields} - involved


@service
def claim_create(
    *,
    actor,
    text: str,
    topics: Iterable[Topic] = (),
    appearances: Iterable[tuple] = (),
    **fields,
) -> Claim:
    """Record a new claim as a draft, created by ``actor``.

    Without a ``language`` (or with an empty one), the text's language is detected.
    """
    require(actor, "claims.add_claim", "create claims")
    only_fields(fields, CLAIM_FIELDS_WITH_ASSIGNMENT)
    topics = capped("topics", topics, MAX_TOPICS)
    appearances = _appearance_rows(appearances)
    fields["language"] = claim_language(text=text, language=fields.get("language"))
    with transaction.atomic(), acting(actor):
        claim = Claim(created_by=actor, status=Claim.Status.DRAFT)
        _validated(claim, {"text": text, **fields})
        claim.save()
        claim.topics.set(list(topics))
        set_appearances(claim, appearances)
        if claim.assigned_to_id is not None:
            announce_desk_activity(claim, kind="assigned", actor=actor, assignee=claim.assigned_to)
    return claim


@service
def claim_delete(*, claim: Claim, actor) -> None:
    """Delete a claim the public has never seen (a duplicate draft, a mistaken import)."""
    require(actor, "claims.delete_claim", "delete claims")
    with locked_claim(claim_id=claim.pk, actor=actor, expected_version=None) as locked:
        if locked.status in NEVER_DELETED_STATUSES:
            raise Conflict(
                f"A {locked.get_status_display().lower()} claim is never deleted; retract it "
                "with a public note instead."
            )
        locked.delete()


def _imported_verdict(claim: Claim, *, rating: Rating | None, summary: str) -> None:
    verdict = Verdict.objects.filter(claim=claim).first()
    if verdict is None:
        Verdict.objects.create(claim=claim, rating=rating, summary=summary)
    else:
        bump_verdict_version(verdict, rating=rating, summary=summary)


@service
def claim_import_create(
    *,
    actor,
    appearances: Iterable[tuple],
    rating: Rating | None,
    summary: str,
    **fields,
) -> Claim:
    """Record another organisation's fact-check as an ``imported`` claim with its verdict."""
    require(actor, "claims.add_claim", "import fact-checks")
    only_fields(fields, CLAIM_FIELDS)
    with transaction.atomic(), acting(actor):
        claim = Claim(created_by=actor, status=Claim.Status.IMPORTED)
        _validated(claim, fields)
        claim.save()
        set_appearances(claim, appearances)
        _imported_verdict(claim, rating=rating, summary=summary)
    return claim


@service
def claim_import_update(
    *,
    claim: Claim,
    actor,
    appearances: Iterable[tuple],
    rating: Rating | None,
    summary: str,
    **fields,
) -> Claim:
    """Rewrite an imported claim and its verdict from the review as it is now."""
    require(actor, "claims.add_claim", "import fact-checks")
    only_fields(fields, CLAIM_FIELDS)
    with locked_claim(claim_id=claim.pk, actor=actor, expected_version=None) as locked:
        if locked.status != Claim.Status.IMPORTED:
            raise Conflict(
                f"Claim #{locked.pk} from this review is {locked.status}, not imported; "
                "it is left alone."
            )
        _validated(locked, fields)
        set_appearances(locked, appearances)
        _imported_verdict(locked, rating=rating, summary=summary)
        bump_claim_version(locked, **fields)
    claim.refresh_from_db()
    return claim


def require_claim_editable(claim: Claim) -> None:
    """A claim is edited only while it is worked on; published claims change by correction."""
    if claim.status not in EDITABLE_STATUSES:
        raise Conflict(
            f"A {claim.get_status_display().lower()} claim cannot be edited; a published "
            "verdict changes only through a correction."
        )


@service
def claim_update(
    *,
    claim: Claim,
    actor,
    expected_version: int | None,
    topics: Iterable[Topic] | None = None,
    appearances: Iterable[tuple] | None = None,
    **fields,
) -> Claim:
    """Edit a claim that is still being worked on; published claims change by correction."""
    require(actor, "claims.change_claim", "edit claims")
    only_fields(fields, CLAIM_FIELDS_WITH_ASSIGNMENT)
    if topics is not None:
        topics = capped("topics", topics, MAX_TOPICS)
    if appearances is not None:
        appearances = _appearance_rows(appearances)
    with locked_claim(claim_id=claim.pk, actor=actor, expected_version=expected_version) as locked:
        require_claim_editable(locked)
        assigned_before = locked.assigned_to_id
        _validated(locked, fields)
        if topics is not None:
            locked.topics.set(topics)
        if appearances is not None:
            set_appearances(locked, appearances)
        bump_claim_version(locked, **{name: getattr(locked, name) for name in fields})
        if locked.assigned_to_id not in (None, assigned_before):
            announce_desk_activity(
                locked, kind="assigned", actor=actor, assignee=locked.assigned_to
            )
    claim.refresh_from_db()
    return claim


def _require_verdict_editable(claim: Claim) -> None:
    """A verdict is rewritten only while its claim is being worked on."""
    if claim.status not in EDITABLE_STATUSES:
        raise Conflict(
            f"The verdict of a {claim.get_status_display().lower()} claim cannot be "
            "rewritten; use a correction."
        )


@service
def verdict_set(
    *,
    claim: Claim,
    actor,
    expected_version: int | None,
    rating: Rating | None,
    summary: str,
    analysis: str = "",
    evidence: Iterable[EvidenceItem] | None = (),
) -> Verdict:
    """Write the verdict of a claim still being worked on, replacing its evidence
    (``evidence=None`` keeps the evidence it has).

    Whoever changes anything in it becomes one of its contributors, who may not publish it.
    """
    require(actor, "claims.change_verdict", "write verdicts")
    require_house_rating(rating)
    items = None if evidence is None else _evidence_items(evidence)
    with locked_claim(claim_id=claim.pk, actor=actor, expected_version=expected_version) as locked:
        _require_verdict_editable(locked)
        verdict = Verdict.objects.select_for_update().filter(claim=locked).first()
        if verdict is None:
            verdict = Verdict(claim=locked, author=actor if is_person(actor) else None)
            changed = True
        else:
            verdict.version += 1
            changed = (verdict.rating_id, verdict.summary, verdict.analysis) != (
                rating.pk if rating else None,
                summary,
                analysis,
            ) or (
                items is not None
                and _evidence_rows(verdict)
                != {(item.source.pk, item.stance, item.note) for item in items}
            )
        verdict.rating, verdict.summary, verdict.analysis = rating, summary, analysis
        verdict.full_clean(exclude=["claim"], validate_unique=False)
        verdict.save()
        if items is not None:
            _replace_evidence(verdict, items)
        if changed:
            contributor_add(verdict=verdict, actor=actor)
        bump_claim_version(locked)
    claim.refresh_from_db()
    return verdict


@service
def verdict_edited(
    *, claim: Claim, actor, expected_version: int | None = None, changed: bool = True
) -> Claim:
    """Record that a claim's verdict or evidence was saved outside ``verdict_set``.

    The admin saves the verdict and its evidence in forms, as Django does; this then checks,
    in the same transaction, that the claim may still be edited, that it is still at the
    version the editor saw (``expected_version``) and that the rating is on our scale; records
    the editor as a contributor (and as the author of a new verdict) when ``changed``; and
    bumps the claim's version, so that a client holding the previous ETag is refused (412)
    instead of overwriting the change.
    """
    require(actor, "claims.change_verdict", "write verdicts")
    with locked_claim(claim_id=claim.pk, actor=actor, expected_version=expected_version) as locked:
        _require_verdict_editable(locked)
        verdict = Verdict.objects.select_for_update().get(claim=locked)
        require_house_rating(verdict.rating)
        if changed:
            if verdict.author_id is None and is_person(actor):
                Verdict.objects.filter(pk=verdict.pk).update(author=actor)
            contributor_add(verdict=verdict, actor=actor)
        bump_claim_version(locked)
    claim.refresh_from_db()
    return claim


@service
def verdict_correct(
    *,
    claim: Claim,
    actor,
    note: str,
    rating: Rating | None = None,
    summary: str | None = None,
    expected_version: int | None = None,
) -> Correction:
    """Change a published verdict's rating or summary, with a public correction note."""
    note = note.strip()
    if not note:
        raise ValidationError({"note": "A correction needs a public note."})
    require_house_rating(rating)
    with locked_claim(claim_id=claim.pk, actor=actor, expected_version=expected_version) as locked:
        if locked.status != Claim.Status.PUBLISHED:
            raise Conflict(
                f"Only a published verdict can be corrected; this claim is "
                f"{locked.get_status_display().lower()} ({locked.status})."
            )
        require(actor, "claims.correct_verdict", "correct verdicts")
        verdict = Verdict.objects.select_for_update().get(claim=locked)
        new_rating = rating if rating is not None else verdict.rating
        new_summary = summary.strip() if summary is not None else verdict.summary
        if new_rating == verdict.rating and new_summary == verdict.summary:
            raise ValidationError({"detail": "A correction must change the rating or the summary."})
        if not new_summary:
            raise ValidationError({"summary": "A published verdict needs a summary."})
        correction = Correction.objects.create(
            claim=locked,
            kind=Correction.Kind.CORRECTION,
            note=note,
            old_rating=verdict.rating,
            new_rating=new_rating,
            corrected_by=actor,
        )
        bump_verdict_version(verdict, rating=new_rating, summary=new_summary)
        contributor_add(verdict=verdict, actor=actor)
        bump_claim_version(locked)
        record_claim_event(
            claim=locked, action=CORRECT_ACTION, to_status=locked.status, actor=actor, note=note
        )
        announce_public_change(
            claim=locked,
            kind="corrected",
            actor=actor,
            at=correction.created_at,
            note=note,
            old_rating=verdict.rating,
            new_rating=new_rating,
        )
    claim.refresh_from_db()
    return correction
