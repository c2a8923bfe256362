"""Reads for the public site that the API has no use for: the public log of corrections and
retractions, the scorecard's scale, and the choices the filters offer.

Published claims only, whoever asks: the public site never shows work in progress.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import CharField, F, QuerySet, Value

from claims.models import Claim, ClaimAction, ClaimEvent, Correction, Rating, Speaker, Topic
from claims.selectors import speakers_with_counts, topics_with_counts

# The statuses whose corrections and retractions are public: a claim retracted after a
# correction keeps that correction in the log.
PUBLIC_STATUSES = (Claim.Status.PUBLISHED, Claim.Status.RETRACTED)

# The columns every kind of entry in the public log projects onto, in this order (a UNION
# matches columns by position).
LOG_COLUMNS = (
    "entry_kind",
    "at",
    "note",
    "claim_id",
    "claim_text",
    "claim_reviewed",
    "claim_status",
)


def _log_part(queryset: QuerySet, *, kind, at: str) -> QuerySet:
    """One kind of public log entry, projected onto LOG_COLUMNS; ``kind`` is the entry's
    kind, or an expression giving it per row."""
    return (
        queryset.filter(claim__status__in=PUBLIC_STATUSES)
        .annotate(
            entry_kind=Value(kind, output_field=CharField()) if isinstance(kind, str) else kind,
            at=F(at),
            claim_text=F("claim__text"),
            claim_reviewed=F("claim__claim_reviewed"),
            claim_status=F("claim__status"),
        )
        .order_by()
        .values_list(*LOG_COLUMNS)
    )


def public_log_parts() -> list[QuerySet]:
    """The kinds of entry in the public log of changes: corrections and public updates (one
    table, told apart by ``Correction.kind``) and retractions."""
    return [
        _log_part(Correction.objects.all(), kind=F("kind"), at="created_at"),
        _log_part(
            ClaimEvent.objects.filter(action=ClaimAction.RETRACT),
            kind="retraction",
            at="created_at",
        ),
    ]


@dataclass(frozen=True)
class LogEntry:
    """One public change to a fact-check: a correction, a public update or a retraction."""

    kind: str
    at: dt.datetime
    note: str
    claim_id: int
    claim_text: str
    claim_reviewed: str
    claim_status: str

    @property
    def title(self) -> str:
        return self.claim_reviewed or self.claim_text


def public_log() -> QuerySet:
    """Every public change to a fact-check, newest first, in one query (rows of LOG_COLUMNS;
    ``LogEntry(*row)`` reads one)."""
    first, *others = public_log_parts()
    return first.union(*others, all=True).order_by("-at", "-claim_id")


def scale_with_counts(counts: dict[str, int]) -> list[tuple[Rating, int]]:
    """Our rating scale in display order, each with its count from ``counts`` (slug: count),
    followed by any other rating that has a count."""
    ratings = list(Rating.objects.filter(external=False).order_by("order", "slug"))
    shown = {rating.slug for rating in ratings}
    missing = [slug for slug in counts if slug not in shown]
    if missing:
        ratings += list(Rating.objects.filter(slug__in=missing).order_by("order", "slug"))
    return [(rating, counts.get(rating.slug, 0)) for rating in ratings]


def public_speakers() -> QuerySet[Speaker]:
    """Speakers with at least one published fact-check, by name, with their counts."""
    return speakers_with_counts().filter(claim_count__gt=0).order_by("name", "id")


def public_topics() -> QuerySet[Topic]:
    """Topics with at least one published fact-check, by name, with their counts."""
    return topics_with_counts().filter(claim_count__gt=0).order_by("name", "id")


# The front page's topic, speaker and language filters offer what the newest fact-checks use:
# a bounded read (off the publication-order index) whatever the archive's size, and a short
# page. The speaker and topic indexes reach every other one, and any slug works in the URL.
CHOICES_WINDOW = 60


def filter_choices(selected: dict[str, str] | None = None) -> dict[str, list[tuple[str, str]]]:
    """What the front page's filters offer, as (value, label): our rating scale, and the
    topics, speakers and languages of the newest CHOICES_WINDOW fact-checks, plus whatever
    ``selected`` names (parameter: slug) outside them."""
    recent = (
        Claim.objects.published()
        .order_by(F("published_at").desc(nulls_last=True), "-id")
        .values("pk")[:CHOICES_WINDOW]
    )
    choices = {
        "rating": list(
            Rating.objects.filter(external=False)
            .order_by("order", "slug")
            .values_list("slug", "label")
        ),
        "topic": list(
            Topic.objects.filter(claims__in=recent)
            .distinct()
            .order_by("name", "slug")
            .values_list("slug", "name")
        ),
        "speaker": list(
            Speaker.objects.filter(claims__in=recent)
            .distinct()
            .order_by("name", "slug")
            .values_list("slug", "name")
        ),
        "language": [
            (code, code)
            for code in Claim.objects.filter(pk__in=recent)
            .order_by("language")
            .values_list("language", flat=True)
            .distinct()
        ],
    }
    # A speaker or topic named in the URL is offered if a fact-check shows it: one that only
    # unpublished claims use stays unnamed, as everywhere on the site (and its edits need not
    # retire cached pages, claims/retirement.py).
    shown = {
        "topic": Topic.objects.filter(claims__status=Claim.Status.PUBLISHED),
        "speaker": Speaker.objects.filter(claims__status=Claim.Status.PUBLISHED),
        "rating": Rating.objects.all(),
    }
    for name, rows in shown.items():
        value = (selected or {}).get(name)
        if value and value not in {slug for slug, _ in choices[name]}:
            label = "label" if name == "rating" else "name"
            choices[name] += list(rows.filter(slug=value).values_list("slug", label).distinct()[:1])
    language = (selected or {}).get("language")
    if language and language not in {code for code, _ in choices["language"]}:
        choices["language"].append((language, language))
    return choices
