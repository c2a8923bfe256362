"""ClaimReview import: other organisations' published fact-checks become internal records.

Accepts what fact-checkers publish as schema.org ClaimReview (a single object, a list, a
JSON-LD ``@graph``, or pages of our own ``/api/v1/claimreview/`` feed). Each review becomes a
claim in the ``imported`` status (no workflow action starts from it, the public never sees
it), with its speaker, appearances, a verdict on our scale where the rating maps onto it, and
an ``ExternalReview`` recording where it came from. The review's URL is its identity:
importing the same review again updates it. Every item is imported on its own, all or
nothing; a bad item is reported and skipped. See docs/claimreview-import.md.

Reading the JSON is ``parse.py``'s job and mapping ratings ``ratings.py``'s; the rows this
module creates are made by the same services the admin and the API use (speakers, sources,
publishers, ratings, claims), called from the ``_*_get_or_create`` helpers below.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction

from claims.claimreview import parse
from claims.claimreview.ratings import rating_match
from claims.models import (
    CLAIM_REVIEWED_MAX_LENGTH,
    CLAIM_TEXT_MAX_LENGTH,
    LANGUAGE_TAG_REGEX,
    Claim,
    ExternalReview,
    Rating,
    Speaker,
    Verdict,
)
from claims.services.claims import claim_import_create, claim_import_update
from claims.services.ratings import rating_record_external
from claims.services.speakers import speaker_create
from claimtracker.audit import acting
from claimtracker.exceptions import Conflict, describe
from claimtracker.fields import shorten
from claimtracker.permissions import require
from claimtracker.writes import service
from sources import services as source_services
from sources.models import Publisher, Source
from sources.normalization import normalize_url

DEFAULT_LANGUAGE = "en"
_LANGUAGE = re.compile(LANGUAGE_TAG_REGEX)


@dataclass
class ImportedReview:
    """What importing one ClaimReview did."""

    claim: Claim
    created: bool
    external_review: ExternalReview
    speaker: Speaker | None = None
    rating: Rating | None = None
    speaker_created: bool = False
    sources_created: int = 0
    rating_created: bool = False
    warnings: list[str] = field(default_factory=list)


@dataclass
class ItemOutcome:
    """One item of a batch: created, updated or skipped (with the reason)."""

    number: int
    url: str
    action: str
    claim_reviewed: str = ""
    reason: str = ""
    review: ImportedReview | None = None


@dataclass
class ImportReport:
    """The outcome of every item of a batch, in input order (numbered from 1)."""

    items: list[ItemOutcome]
    dry_run: bool = False

    def _with(self, action: str) -> list[ItemOutcome]:
        return [item for item in self.items if item.action == action]

    @property
    def created(self) -> list[ItemOutcome]:
        return self._with("created")

    @property
    def updated(self) -> list[ItemOutcome]:
        return self._with("updated")

    @property
    def skipped(self) -> list[ItemOutcome]:
        return self._with("skipped")


# Finding or creating what a review refers to: each row this import creates is made here.


def _publisher_get_or_create(
    value: Any, *, actor, organisations_first: bool = False
) -> Publisher | None:
    name, organisation = parse.named(value, organisations_first=organisations_first)
    name = name[:200]
    if not name:
        return None
    url = parse.http_url(organisation.get("url"))
    publisher, _ = source_services.publisher_get_or_create(
        actor=actor, name=name, url=url if len(url) <= 500 else ""
    )
    return publisher


def _speaker_get_or_create(
    item_reviewed: dict, *, actor, warnings: list[str]
) -> tuple[Speaker | None, bool]:
    author = next(
        (a for a in parse.objects(item_reviewed.get("author")) if isinstance(a, dict | str)), None
    )
    if author is None:
        return None, False
    if isinstance(author, str):
        author = {"name": author}
    name = parse.text(author.get("name"))[:200]
    same_as = [
        url
        for url in map(parse.http_url, parse.objects(author.get("sameAs")))
        if url and len(url) <= 500
    ]
    speaker = None
    if same_as:
        speaker = Speaker.objects.filter(same_as__overlap=same_as).order_by("pk").first()
    if speaker is None and name:
        speaker = (
            Speaker.objects.filter(name__iexact=name).order_by("pk").first()
            or Speaker.objects.filter(aliases__name__iexact=name).order_by("pk").first()
        )
    if speaker is not None:
        return speaker, False
    if not name:
        warnings.append("The claim's author has no name; the claim is recorded without speaker.")
        return None, False
    speaker = speaker_create(
        actor=actor,
        name=name,
        role=parse.text(author.get("jobTitle"))[:300],
        same_as=list(dict.fromkeys(same_as)),
        verified=False,
    )
    return speaker, True


def _source_get_or_create(work: Any, *, actor) -> tuple[Source, bool]:
    if isinstance(work, str):
        work = {"url": work}
    url = parse.http_url(work.get("url")) or parse.http_url(work.get("@id"))
    source = Source.objects.for_url(url).first()
    if source is not None:
        return source, False
    source = source_services.source_create(
        actor=actor,
        url=url,
        title=(parse.text(work.get("headline")) or parse.text(work.get("name")) or url)[:500],
        publisher=_publisher_get_or_create(work.get("publisher"), actor=actor),
        author=parse.named(work.get("author"))[0][:300],
        published_on=parse.date(work.get("datePublished")),
        kind=Source.Kind.OTHER,
    )
    return source, True


def _appearances(
    item_reviewed: dict, *, actor, warnings: list[str]
) -> tuple[list[tuple[Source, bool]], int]:
    """firstAppearance, then appearance; the first listed is marked as the first."""
    works = [*parse.objects(item_reviewed.get("firstAppearance"))[:1]]
    works += parse.objects(item_reviewed.get("appearance"))
    rows: list[tuple[Source, bool]] = []
    seen, created = set(), 0
    for work in works:
        url = ""
        if isinstance(work, str):
            url = parse.http_url(work)
        elif isinstance(work, dict):
            url = parse.http_url(work.get("url")) or parse.http_url(work.get("@id"))
        if not url:
            warnings.append(f"Appearance without a valid http(s) URL ignored: {str(work)[:100]}")
            continue
        key = normalize_url(url)
        if key in seen:
            continue
        seen.add(key)
        source, new = _source_get_or_create(work, actor=actor)
        created += new
        rows.append((source, not rows))
    return rows, created


def _rating_get_or_create(
    value: Any, *, actor, source_name: str
) -> tuple[Rating | None, str, bool]:
    """Our rating for a reviewRating, its wording as published, and whether it is new."""
    match = rating_match(value)
    if match.rating is not None or not match.label:
        return match.rating, match.wording, False
    rating = rating_record_external(
        actor=actor,
        label=match.label,
        description=f"As worded by {source_name}." if source_name else "",
    )
    return rating, match.wording, True


# One item: checked, read, then created or updated.


def _checked_item(review: Any) -> tuple[str, str]:
    """The claim text and the review URL of an item, or ValidationError naming what is wrong."""
    if not isinstance(review, dict):
        raise ValidationError(f"Not a JSON object but a {type(review).__name__}.")
    if "@type" in review and not parse.is_claimreview(review):
        raise ValidationError(f"Not a ClaimReview (@type {parse.text(review.get('@type'))!r}).")
    claim_text = parse.text(review.get("claimReviewed"))
    if not claim_text:
        raise ValidationError({"claimReviewed": "Missing: a review needs the claim it reviews."})
    if len(claim_text) > CLAIM_TEXT_MAX_LENGTH:
        # The claim as said is kept whole or not at all: cutting it would misquote.
        raise ValidationError(
            {
                "claimReviewed": f"Too long: {len(claim_text):,} characters, at most "
                f"{CLAIM_TEXT_MAX_LENGTH:,}."
            }
        )
    url = parse.address(review.get("url"))
    if not url:
        raise ValidationError(
            {"url": "Missing or not an http(s) address; it identifies the review on re-import."}
        )
    return claim_text, url


def _language(review: dict, *, warnings: list[str]) -> str:
    language = parse.text(review.get("inLanguage")) or DEFAULT_LANGUAGE
    if len(language) > 35 or not _LANGUAGE.match(language):
        warnings.append(f"inLanguage {language[:40]!r} is not a language tag; using 'en'.")
        return DEFAULT_LANGUAGE
    return language


@service
def claimreview_import_item(*, actor, review: Any) -> ImportedReview:
    """Import one ClaimReview: create its imported claim, or update the one from the same URL.

    Raises ValidationError (or PermissionDenied) naming what is wrong; nothing is written then.
    """
    require(actor, "claims.add_claim", "import fact-checks")
    claim_text, url = _checked_item(review)

    warnings: list[str] = []
    with transaction.atomic(), acting(actor):
        item_reviewed = review.get("itemReviewed")
        if item_reviewed is not None and not isinstance(item_reviewed, dict):
            warnings.append("itemReviewed is not an object; ignored.")
        item_reviewed = item_reviewed if isinstance(item_reviewed, dict) else {}
        publisher = _publisher_get_or_create(
            review.get("author"), actor=actor, organisations_first=True
        )
        speaker, speaker_created = _speaker_get_or_create(
            item_reviewed, actor=actor, warnings=warnings
        )
        appearances, sources_created = _appearances(item_reviewed, actor=actor, warnings=warnings)
        rating, rating_text, rating_created = _rating_get_or_create(
            review.get("reviewRating"),
            actor=actor,
            source_name=publisher.name if publisher else "",
        )
        if rating is None:
            warnings.append("No rating could be read; the verdict is unrated.")
        fields = {
            "text": claim_text,
            "claim_reviewed": shorten(claim_text, CLAIM_REVIEWED_MAX_LENGTH),
            "speaker": speaker,
            "stated_on": parse.date(item_reviewed.get("datePublished")),
            "language": _language(review, warnings=warnings),
            "context": f"Fact-checked by {publisher.name if publisher else 'another organisation'}"
            f": {url}",
        }
        verdict = {
            "rating": rating,
            "summary": shorten(
                parse.text(review.get("description"))
                or parse.text(review.get("name"))
                or parse.text(review.get("headline"))
                or rating_text,
                Verdict._meta.get_field("summary").max_length,
            ),
        }

        existing = (
            ExternalReview.objects.select_for_update()
            .filter(normalized_url=normalize_url(url))
            .first()
        )
        if existing is None:
            claim = claim_import_create(actor=actor, appearances=appearances, **verdict, **fields)
            external = ExternalReview(claim=claim)
        else:
            claim = claim_import_update(
                claim=existing.claim, actor=actor, appearances=appearances, **verdict, **fields
            )
            external = existing
        external.url = url
        external.publisher = publisher
        external.date_published = parse.date(review.get("datePublished"))
        external.rating_text = rating_text
        external.data = parse.storable(review)
        external.save()
    return ImportedReview(
        claim=claim,
        created=existing is None,
        external_review=external,
        speaker=speaker,
        rating=rating,
        speaker_created=speaker_created,
        sources_created=sources_created,
        rating_created=rating_created,
        warnings=warnings,
    )


@service
def claimreview_import(*, actor, reviews: Iterable[Any], dry_run: bool = False) -> ImportReport:
    """Import ClaimReview items one by one; a bad item is skipped and reported with its reason.

    With ``dry_run`` the whole batch runs and is rolled back, so the report says exactly what
    an import would do (later items see what earlier ones would create).
    """
    require(actor, "claims.add_claim", "import fact-checks")
    outcomes: list[ItemOutcome] = []
    with transaction.atomic() if dry_run else nullcontext():
        for number, review in enumerate(reviews, start=1):
            url = parse.text(review.get("url")) if isinstance(review, dict) else ""
            claim_reviewed = (
                parse.text(review.get("claimReviewed")) if isinstance(review, dict) else ""
            )
            try:
                result = claimreview_import_item(actor=actor, review=review)
            except (ValidationError, PermissionDenied, Conflict, DatabaseError) as error:
                outcomes.append(
                    ItemOutcome(number, url, "skipped", claim_reviewed, reason=describe(error))
                )
                continue
            action = "created" if result.created else "updated"
            outcomes.append(ItemOutcome(number, url, action, claim_reviewed, review=result))
        if dry_run:
            transaction.set_rollback(True)
    return ImportReport(items=outcomes, dry_run=dry_run)
