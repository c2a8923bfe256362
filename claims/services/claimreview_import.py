"""ClaimReview import: other organisations' published fact-checks become internal records.

Accepts what fact-checkers publish as schema.org ClaimReview (a single object, a list, a
JSON-LD ``@graph``, or pages of our own ``/api/v1/claimreview/`` feed). Each review becomes a
claim in the ``imported`` status (no workflow action starts from it, the public never sees
it), with its speaker, appearances, a verdict on our scale where the rating maps onto it, and
an ``ExternalReview`` recording where it came from. The review's URL is its identity:
importing the same review again updates it. Every item is imported on its own, all or
nothing; a bad item is reported and skipped. See docs/claimreview-import.md.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import DatabaseError, models, transaction
from django.utils import timezone
from django.utils.text import slugify

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
from claims.services.claims import set_appearances
from claims.services.locking import bump_claim_version, locked_claim
from claimtracker.audit import acting
from claimtracker.exceptions import Conflict
from claimtracker.fields import shorten
from claimtracker.permissions import require
from claimtracker.slugs import unique_slug
from claimtracker.writes import service
from sources.models import Publisher, Source
from sources.normalization import normalize_url

# Textual ratings other fact-checkers use, and the step of our scale each one means. Keys are
# compared case-insensitively, with hyphens and underscores read as spaces. Labels and slugs
# of our own scale ("Mostly false", "half-true") match without being listed here.
RATING_SYNONYMS = {
    "pants on fire": "false",
    "fake": "false",
    "incorrect": "false",
    "mostly incorrect": "mostly-false",
    "mixture": "half-true",
    "mixed": "half-true",
    "partly true": "half-true",
    "partly false": "half-true",
    "half truth": "half-true",
    "mostly correct": "mostly-true",
    "correct": "true",
    "accurate": "true",
    "missing context": "misleading",
    "out of context": "misleading",
    "unproven": "unverifiable",
    "unverified": "unverifiable",
    "unsupported": "unverifiable",
}
# Ratings kept in another organisation's wording sort after our scale.
EXTERNAL_RATING_ORDER = 1000
DEFAULT_LANGUAGE = "en"
_URL = URLValidator(schemes=["http", "https"])
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


@dataclass
class ClaimReviewDocument:
    """The ClaimReview items found in one JSON document, and the feed's next page if any."""

    items: list[Any]
    next_url: str = ""
    ignored_nodes: int = 0


# Reading JSON-LD defensively: any value may be missing, a string, an object or a list.


def _types(node: Any) -> list[str]:
    if not isinstance(node, dict):
        return []
    types = node.get("@type")
    values = types if isinstance(types, list) else [types]
    # "ClaimReview", "schema:ClaimReview" and "https://schema.org/ClaimReview" are one type.
    return [re.split(r"[/:#]", value)[-1] for value in values if isinstance(value, str)]


def _is_claimreview(node: Any) -> bool:
    return "ClaimReview" in _types(node)


def _text(value: Any) -> str:
    if isinstance(value, dict) and "@value" in value:
        value = value["@value"]
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def _objects(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _url(value: Any) -> str:
    url = value.strip() if isinstance(value, str) else ""
    if not url or len(url) > 2000:
        return ""
    try:
        _URL(url)
    except ValidationError:
        return ""
    return _address(url)


def _address(value: Any) -> str:
    """A review's URL: any absolute http(s) address (an intranet host has no dot; that's fine)."""
    url = value.strip() if isinstance(value, str) else ""
    if len(url) > 2000 or any(char.isspace() for char in url):
        return ""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises ValueError for a port out of range)
    except ValueError:
        return ""
    return url if parts.scheme in ("http", "https") and parts.hostname else ""


def _date(value: Any) -> dt.date | None:
    text = _text(value)
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = float(value)
    else:
        try:
            number = float(_text(value))
        except ValueError:
            return None
    return number if math.isfinite(number) else None


def _first_object(value: Any) -> dict:
    return next((item for item in _objects(value) if isinstance(item, dict)), {})


def _resolve(value: Any, nodes: dict[str, dict], depth: int = 0) -> Any:
    """Replace {"@id": ...} references by the graph's node with that id (bounded depth)."""
    if depth > 5:
        return value
    if isinstance(value, list):
        return [_resolve(item, nodes, depth + 1) for item in value]
    if isinstance(value, dict):
        reference = value.get("@id")
        if set(value) == {"@id"} and isinstance(reference, str) and reference in nodes:
            value = nodes[reference]
        return {key: _resolve(item, nodes, depth + 1) for key, item in value.items()}
    return value


def _storable(value: Any, depth: int = 0) -> Any:
    """``value`` as PostgreSQL's JSON accepts it: NaN and infinities (which Python's json
    reads) become null; anything not JSON becomes its text."""
    if depth > 50:
        return None
    if isinstance(value, dict):
        return {str(key): _storable(item, depth + 1) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_storable(item, depth + 1) for item in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def claimreview_items(document: Any) -> ClaimReviewDocument:
    """The ClaimReview items of a JSON document: one object, a list, an ``@graph`` or a page
    of our feed ({"next", "previous", "results"}). Raises ValidationError for anything else."""
    if isinstance(document, list):
        return ClaimReviewDocument(items=document)
    if not isinstance(document, dict):
        raise ValidationError(
            "Expected a ClaimReview object, a list of them, a JSON-LD @graph or a feed page; "
            f"got a JSON {type(document).__name__}."
        )
    if isinstance(document.get("results"), list):
        next_url = document.get("next")
        return ClaimReviewDocument(
            items=document["results"], next_url=next_url if isinstance(next_url, str) else ""
        )
    if isinstance(document.get("@graph"), list):
        graph = document["@graph"]
        nodes = {
            node["@id"]: node
            for node in graph
            if isinstance(node, dict) and isinstance(node.get("@id"), str)
        }
        reviews = [_resolve(node, nodes) for node in graph if _is_claimreview(node)]
        return ClaimReviewDocument(items=reviews, ignored_nodes=len(graph) - len(reviews))
    return ClaimReviewDocument(items=[document])


# Finding or creating what a review refers to.


def _named(value: Any, *, organisations_first: bool = False) -> tuple[str, dict]:
    """The first named author or publisher in ``value`` (an object, a list or a string)."""
    candidates = [item for item in _objects(value) if isinstance(item, dict | str)]
    if organisations_first:
        # A review's author may list people and organisations; the publisher is the latter.
        candidates.sort(key=lambda item: not any(t.endswith("Organization") for t in _types(item)))
    for item in candidates:
        if isinstance(item, str) and _text(item) and not _url(item):
            return _text(item), {}
        if isinstance(item, dict) and _text(item.get("name")):
            return _text(item.get("name")), item
    return "", {}


def _publisher(value: Any, *, organisations_first: bool = False) -> Publisher | None:
    name, organisation = _named(value, organisations_first=organisations_first)
    name = name[:200]
    if not name:
        return None
    publisher = Publisher.objects.filter(name__iexact=name).first()
    if publisher is None:
        url = _url(organisation.get("url"))
        publisher = Publisher(
            name=name,
            slug=unique_slug(Publisher, name, fallback="publisher"),
            url=url if len(url) <= 500 else "",
        )
        publisher.full_clean()
        publisher.save()
    return publisher


def _speaker(item_reviewed: dict, *, actor, warnings: list[str]) -> tuple[Speaker | None, bool]:
    author = next(
        (a for a in _objects(item_reviewed.get("author")) if isinstance(a, dict | str)), None
    )
    if author is None:
        return None, False
    if isinstance(author, str):
        author = {"name": author}
    name = _text(author.get("name"))[:200]
    same_as = [url for url in map(_url, _objects(author.get("sameAs"))) if url and len(url) <= 500]
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
    require(actor, "claims.add_speaker", "create speakers")
    speaker = Speaker(
        name=name,
        slug=unique_slug(Speaker, name, fallback="speaker"),
        role=_text(author.get("jobTitle"))[:300],
        same_as=list(dict.fromkeys(same_as)),
        verified=False,
    )
    speaker.full_clean()
    speaker.save()
    return speaker, True


def _source(work: Any, *, actor) -> tuple[Source, bool]:
    if isinstance(work, str):
        work = {"url": work}
    url = _url(work.get("url")) or _url(work.get("@id"))
    source = Source.objects.for_url(url).first()
    if source is not None:
        return source, False
    require(actor, "sources.add_source", "record sources")
    source = Source(
        url=url,
        title=(_text(work.get("headline")) or _text(work.get("name")) or url)[:500],
        publisher=_publisher(work.get("publisher")),
        author=_named(work.get("author"))[0][:300],
        published_on=_date(work.get("datePublished")),
        kind=Source.Kind.OTHER,
    )
    source.full_clean(exclude=["normalized_url"])
    source.save()
    return source, True


def _appearances(
    item_reviewed: dict, *, actor, warnings: list[str]
) -> tuple[list[tuple[Source, bool]], int]:
    """firstAppearance, then appearance; the first listed is marked as the first."""
    works = [*_objects(item_reviewed.get("firstAppearance"))[:1]]
    works += _objects(item_reviewed.get("appearance"))
    rows: list[tuple[Source, bool]] = []
    seen, created = set(), 0
    for work in works:
        url = ""
        if isinstance(work, str):
            url = _url(work)
        elif isinstance(work, dict):
            url = _url(work.get("url")) or _url(work.get("@id"))
        if not url:
            warnings.append(f"Appearance without a valid http(s) URL ignored: {str(work)[:100]}")
            continue
        key = normalize_url(url)
        if key in seen:
            continue
        seen.add(key)
        source, new = _source(work, actor=actor)
        created += new
        rows.append((source, not rows))
    return rows, created


def _rating_key(label: str) -> str:
    return " ".join(re.sub(r"[-_]", " ", label).casefold().split())


def _scale_value(review_rating: dict) -> int | None:
    value = _number(review_rating.get("ratingValue"))
    best = _number(review_rating.get("bestRating"))
    worst = _number(review_rating.get("worstRating"))
    if value is None or best is None or worst is None or best == worst:
        return None
    share = min(1.0, max(0.0, (value - worst) / (best - worst)))
    span = Rating.BEST_VALUE - Rating.WORST_VALUE
    return Rating.WORST_VALUE + math.floor(share * span + 0.5)


def _rating(value: Any, *, source_name: str) -> tuple[Rating | None, str, bool]:
    """Our rating for a reviewRating, its wording as published, and whether it is new."""
    review_rating = _first_object(value) or ({"alternateName": value} if _text(value) else {})
    label = _text(review_rating.get("alternateName")) or _text(review_rating.get("name"))
    scale_value = _scale_value(review_rating)
    wording = label
    if not wording and scale_value is not None:
        wording = (
            f"{_text(review_rating.get('ratingValue'))} (from "
            f"{_text(review_rating.get('worstRating'))} to "
            f"{_text(review_rating.get('bestRating'))})"
        )
    ours = Rating.objects.filter(external=False)
    if scale_value is not None:
        rating = ours.filter(value=scale_value).order_by("order", "slug").first()
        if rating is not None:
            return rating, wording[:300], False
    if not label:
        return None, wording[:300], False
    label = label[:100]
    slug = slugify(label)[:50]
    synonym = RATING_SYNONYMS.get(_rating_key(label), "")
    for candidates in (ours, Rating.objects.filter(external=True)):
        rating = (
            candidates.filter(models.Q(label__iexact=label) | models.Q(slug=slug)).first()
            or candidates.filter(slug=synonym).first()
        )
        if rating is not None:
            return rating, wording[:300], False
    rating = Rating(
        slug=unique_slug(Rating, label, fallback="rating"),
        label=label,
        value=None,
        order=EXTERNAL_RATING_ORDER,
        external=True,
        description=f"As worded by {source_name}." if source_name else "",
    )
    rating.full_clean()
    rating.save()
    return rating, wording[:300], True


@service
def claimreview_import_item(*, actor, review: Any) -> ImportedReview:
    """Import one ClaimReview: create its imported claim, or update the one from the same URL.

    Raises ValidationError (or PermissionDenied) naming what is wrong; nothing is written then.
    """
    require(actor, "claims.add_claim", "import fact-checks")
    if not isinstance(review, dict):
        raise ValidationError(f"Not a JSON object but a {type(review).__name__}.")
    if "@type" in review and not _is_claimreview(review):
        raise ValidationError(f"Not a ClaimReview (@type {_text(review.get('@type'))!r}).")
    claim_text = _text(review.get("claimReviewed"))
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
    url = _address(review.get("url"))
    if not url:
        raise ValidationError(
            {"url": "Missing or not an http(s) address; it identifies the review on re-import."}
        )

    warnings: list[str] = []
    with transaction.atomic(), acting(actor):
        item_reviewed = review.get("itemReviewed")
        if item_reviewed is not None and not isinstance(item_reviewed, dict):
            warnings.append("itemReviewed is not an object; ignored.")
        item_reviewed = item_reviewed if isinstance(item_reviewed, dict) else {}
        publisher = _publisher(review.get("author"), organisations_first=True)
        speaker, speaker_created = _speaker(item_reviewed, actor=actor, warnings=warnings)
        appearances, sources_created = _appearances(item_reviewed, actor=actor, warnings=warnings)
        rating, rating_text, rating_created = _rating(
            review.get("reviewRating"), source_name=publisher.name if publisher else ""
        )
        if rating is None:
            warnings.append("No rating could be read; the verdict is unrated.")
        language = _text(review.get("inLanguage")) or DEFAULT_LANGUAGE
        if len(language) > 35 or not _LANGUAGE.match(language):
            warnings.append(f"inLanguage {language[:40]!r} is not a language tag; using 'en'.")
            language = DEFAULT_LANGUAGE
        fields = {
            "text": claim_text,
            "claim_reviewed": shorten(claim_text, CLAIM_REVIEWED_MAX_LENGTH),
            "speaker": speaker,
            "stated_on": _date(item_reviewed.get("datePublished")),
            "language": language,
            "context": f"Fact-checked by {publisher.name if publisher else 'another organisation'}"
            f": {url}",
        }
        summary = shorten(
            _text(review.get("description"))
            or _text(review.get("name"))
            or _text(review.get("headline"))
            or rating_text,
            Verdict._meta.get_field("summary").max_length,
        )

        existing = (
            ExternalReview.objects.select_for_update()
            .filter(normalized_url=normalize_url(url))
            .first()
        )
        if existing is None:
            claim = Claim(status=Claim.Status.IMPORTED, created_by=actor, **fields)
            claim.full_clean(exclude=["search_vector", "version"], validate_unique=False)
            claim.save()
            set_appearances(claim, appearances)
            Verdict.objects.create(claim=claim, rating=rating, summary=summary)
            external = ExternalReview(claim=claim)
        else:
            with locked_claim(
                claim_id=existing.claim_id, actor=actor, expected_version=None
            ) as claim:
                if claim.status != Claim.Status.IMPORTED:
                    raise Conflict(
                        f"Claim #{claim.pk} from this review is {claim.status}, not imported; "
                        "it is left alone."
                    )
                for name, value in fields.items():
                    setattr(claim, name, value)
                claim.full_clean(exclude=["search_vector", "version"], validate_unique=False)
                set_appearances(claim, appearances)
                changed = Verdict.objects.filter(claim=claim).update(
                    rating=rating,
                    summary=summary,
                    version=models.F("version") + 1,
                    updated_at=timezone.now(),
                )
                if not changed:
                    Verdict.objects.create(claim=claim, rating=rating, summary=summary)
                bump_claim_version(claim, **fields)
            claim.refresh_from_db()
            external = existing
        external.url = url
        external.publisher = publisher
        external.date_published = _date(review.get("datePublished"))
        external.rating_text = rating_text
        external.data = _storable(review)
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


def _reason(error: Exception) -> str:
    if isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            return "; ".join(
                f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
            )
        return " ".join(error.messages)
    if isinstance(error, DatabaseError):
        return f"Refused by the database: {str(error).splitlines()[0] if str(error) else error!r}"
    return str(error)


def claimreview_import(*, actor, reviews: Iterable[Any], dry_run: bool = False) -> ImportReport:
    """Import ClaimReview items one by one; a bad item is skipped and reported with its reason.

    With ``dry_run`` the whole batch runs and is rolled back, so the report says exactly what
    an import would do (later items see what earlier ones would create).
    """
    require(actor, "claims.add_claim", "import fact-checks")
    outcomes: list[ItemOutcome] = []
    with transaction.atomic() if dry_run else nullcontext():
        for number, review in enumerate(reviews, start=1):
            url = _text(review.get("url")) if isinstance(review, dict) else ""
            claim_reviewed = _text(review.get("claimReviewed")) if isinstance(review, dict) else ""
            try:
                result = claimreview_import_item(actor=actor, review=review)
            except (ValidationError, PermissionDenied, Conflict, DatabaseError) as error:
                outcomes.append(
                    ItemOutcome(number, url, "skipped", claim_reviewed, reason=_reason(error))
                )
                continue
            action = "created" if result.created else "updated"
            outcomes.append(ItemOutcome(number, url, action, claim_reviewed, review=result))
        if dry_run:
            transaction.set_rollback(True)
    return ImportReport(items=outcomes, dry_run=dry_run)
