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
from claims.services.claims import claim_import_create, claim_import_update, claim_language
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

    @property
    def unmapped_ratings(self) -> list[str]:
        """Ratings kept in the publisher's wording, for an editor to map to our scale."""
        labels = {
            item.review.rating.label
            for item in self.items
            if item.review and item.review.rating and item.review.rating.external
        }
        return sorted(labels, key=str.casefold)


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


def _claim_author(item_reviewed: dict) -> dict | None:
    author = next(
        (a for a in parse.objects(item_reviewed.get("author")) if isinstance(a, dict | str)), None
    )
    return {"name": author} if isinstance(author, str) else author


def _social_posts(item_reviewed: dict, *, base: str) -> list[str]:
    """Posts on social networks given as the claim author's sameAs: where it was said."""
    author = _claim_author(item_reviewed) or {}
    urls = (parse.http_url(url, base=base) for url in parse.objects(author.get("sameAs")))
    return [url for url in urls if url and parse.is_social_post(url)]


def _speaker_get_or_create(
    item_reviewed: dict, *, actor, base: str, warnings: list[str]
) -> tuple[Speaker | None, bool]:
    author = _claim_author(item_reviewed)
    if author is None:
        return None, False
    name = parse.text(author.get("name"))[:200]
    # A post on a social network says where the claim was made, never who the speaker is.
    same_as = [
        url
        for url in (parse.http_url(url, base=base) for url in parse.objects(author.get("sameAs")))
        if url and len(url) <= 500 and not parse.is_social_post(url)
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
    organisation = any(t.endswith("Organization") for t in parse.types_of(author))
    speaker = speaker_create(
        actor=actor,
        name=name,
        kind=Speaker.Kind.ORGANISATION if organisation else Speaker.Kind.PERSON,
        role="" if organisation else parse.text(author.get("jobTitle"))[:300],
        same_as=list(dict.fromkeys(same_as)),
        verified=False,
    )
    return speaker, True


def _source_get_or_create(work: Any, *, actor, url: str) -> tuple[Source, bool]:
    if isinstance(work, str):
        work = {"url": work}
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
    item_reviewed: dict, *, actor, base: str, warnings: list[str]
) -> tuple[list[tuple[Source, bool]], int]:
    """firstAppearance, then appearance, the claim's own url, and posts given as its author's
    sameAs; the first listed is marked as the first."""
    works = [*parse.objects(item_reviewed.get("firstAppearance"))[:1]]
    works += parse.objects(item_reviewed.get("appearance"))
    works += parse.objects(item_reviewed.get("url"))
    works += _social_posts(item_reviewed, base=base)
    rows: list[tuple[Source, bool]] = []
    seen, created = set(), 0
    for work in works:
        url = ""
        if isinstance(work, str):
            url = parse.http_url(work, base=base)
        elif isinstance(work, dict):
            url = parse.http_url(work.get("url"), base=base) or parse.http_url(
                work.get("@id"), base=base
            )
        if not url:
            warnings.append(f"Appearance without a valid http(s) URL ignored: {str(work)[:100]}")
            continue
        key = normalize_url(url)
        if key in seen:
            continue
        seen.add(key)
        source, new = _source_get_or_create(work, actor=actor, url=url)
        created += new
        rows.append((source, not rows))
    return rows, created


def _rating_get_or_create(
    value: Any, *, actor, source_name: str, language: str
) -> tuple[Rating | None, str, bool]:
    """Our rating for a reviewRating, its wording as published, and whether it is new."""
    match = rating_match(value, language=language)
    if match.rating is not None or not match.label:
        return match.rating, match.wording, False
    rating = rating_record_external(
        actor=actor,
        label=match.label,
        description=f"As worded by {source_name}." if source_name else "",
    )
    return rating, match.wording, True


# One item: checked, read, then created or updated.


def _checked_item(review: Any, *, base: str) -> tuple[str, str]:
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
    url = parse.address(review.get("url"), base=base)
    if not url:
        relative = parse.text(review.get("url")) and not parse.absolute(review.get("url"))
        raise ValidationError(
            {
                "url": "A relative address, and no page address to resolve it against."
                if relative
                else "Missing or not an http(s) address; it identifies the review on re-import."
            }
        )
    return claim_text, url


def _language(review: dict, *, claim_text: str, warnings: list[str]) -> str:
    """inLanguage when it is a language tag; else the claim's language, detected."""
    given = parse.text(review.get("inLanguage")).replace("_", "-") or parse.text(
        parse.first_object(review.get("inLanguage")).get("alternateName")
    )
    if given and len(given) <= 35 and _LANGUAGE.match(given.lower().split("-", 1)[0]):
        primary, _, rest = given.partition("-")
        language = f"{primary.lower()}-{rest}" if rest else primary.lower()
        if _LANGUAGE.match(language):
            return language
    if given:
        warnings.append(f"inLanguage {given[:40]!r} is not a language tag; detected instead.")
    return claim_language(text=claim_text, language=None)


def _organisation_and_fact_checker(review: dict) -> tuple[Any, str]:
    """Who published the review (whichever of author and publisher is an Organization), and
    the name of the person who wrote it when the author is a Person."""
    author, publisher = review.get("author"), review.get("publisher")

    def organisations(value: Any) -> list[Any]:
        return [
            item
            for item in parse.objects(value)
            if any(t.endswith("Organization") for t in parse.types_of(item))
        ]

    people = [item for item in parse.objects(author) if "Person" in parse.types_of(item)]
    fact_checker = parse.text(people[0].get("name")) if people else ""
    organisation = organisations(author) or organisations(publisher)
    if organisation:
        return organisation, fact_checker[:300]
    # Untyped: the author, unless it is only a person and a publisher is named.
    if people and len(people) == len(parse.objects(author)) and publisher:
        return publisher, fact_checker[:300]
    return author or publisher, fact_checker[:300]


@service
def claimreview_import_item(*, actor, review: Any, base_url: str = "") -> ImportedReview:
    """Import one ClaimReview: create its imported claim, or update the one from the same URL.

    ``base_url`` is the address of the page the review was found on: relative URLs are
    resolved against it. Raises ValidationError (or PermissionDenied) naming what is wrong;
    nothing is written then.
    """
    require(actor, "claims.add_claim", "import fact-checks")
    base = parse.address(base_url)
    claim_text, url = _checked_item(review, base=base)

    warnings: list[str] = []
    with transaction.atomic(), acting(actor):
        item_reviewed = review.get("itemReviewed")
        if item_reviewed is not None and not isinstance(item_reviewed, dict):
            warnings.append("itemReviewed is not an object; ignored.")
        item_reviewed = item_reviewed if isinstance(item_reviewed, dict) else {}
        organisation, fact_checker = _organisation_and_fact_checker(review)
        publisher = _publisher_get_or_create(organisation, actor=actor, organisations_first=True)
        speaker, speaker_created = _speaker_get_or_create(
            item_reviewed, actor=actor, base=base, warnings=warnings
        )
        appearances, sources_created = _appearances(
            item_reviewed, actor=actor, base=base, warnings=warnings
        )
        language = _language(review, claim_text=claim_text, warnings=warnings)
        rating, rating_text, rating_created = _rating_get_or_create(
            review.get("reviewRating"),
            actor=actor,
            source_name=publisher.name if publisher else "",
            language=language,
        )
        if rating is None:
            warnings.append("No rating could be read; the verdict is unrated.")
        fields = {
            "text": claim_text,
            "claim_reviewed": shorten(claim_text, CLAIM_REVIEWED_MAX_LENGTH),
            "speaker": speaker,
            "stated_on": parse.date(item_reviewed.get("datePublished")),
            "language": language,
            "context": f"Fact-checked by {publisher.name if publisher else 'another organisation'}"
            f": {url}",
        }
        verdict = {
            "rating": rating,
            "summary": shorten(
                parse.text(review.get("reviewBody"))
                or parse.text(review.get("description"))
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
        external.fact_checker = fact_checker
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
def claimreview_import(
    *, actor, reviews: Iterable[Any], dry_run: bool = False, base_url: str = ""
) -> ImportReport:
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
                result = claimreview_import_item(actor=actor, review=review, base_url=base_url)
            except (ValidationError, PermissionDenied, Conflict, DatabaseError) as error:
                outcomes.append(
                    ItemOutcome(number, url, "skipped", claim_reviewed, reason=describe(error))
                )
                continue
            action = "created" if result.created else "updated"
            # The address as resolved (scheme added, relative one made absolute).
            resolved = result.external_review.url
            outcomes.append(ItemOutcome(number, resolved, action, claim_reviewed, review=result))
        if dry_run:
            transaction.set_rollback(True)
    return ImportReport(items=outcomes, dry_run=dry_run)
