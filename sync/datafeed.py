"""Every published fact-check as one schema.org DataFeed, streamed.

The shape Google's Fact Check Tools and DataCommons publish: a ``DataFeed`` whose
``dataFeedElement`` holds ``DataFeedItem``s, each with ``dateCreated``, ``dateModified`` and
the ``ClaimReview`` as ``item``. The claims are read in batches by id (keyset: no transaction
or cursor held open) and written out as they come, so memory does not grow with the number of
claims.

Two paths build the items, and a test holds them equal (tests/sync/test_datafeed_fast.py):

- ``feed_item``, the generic one: Django model instances through the ClaimReview renderer
  (claims/claimreview/render.py). It is the reference, and what a single ClaimReview uses.
- ``fast_feed_items``, the one the feed serves: each batch of FAST_BATCH_CLAIMS is five
  flat ``values_list`` queries (claims with their verdict, rating, speaker and author, the
  dates formatted by PostgreSQL; appearances; their sources and publishers; contributors;
  corrections), whatever the batch size, rendered by ``_fast_item``, a hand-written copy of
  ``claim_review`` with everything that is the same for every item (URL templates, the
  organisation, rating labels) worked out once. Figures in docs/performance.md. A change to
  the ClaimReview renderer must be made in both; the equality test fails until it is.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

import orjson
from django.contrib.postgres.fields import ArrayField
from django.db.models import BigIntegerField, BooleanField, CharField, Count, F, Func, Max, Q, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from claims.claimreview import render
from claims.claimreview.render import claim_review, organization_name
from claims.models import (
    Appearance,
    Claim,
    Correction,
    Rating,
    RatingLabel,
    Speaker,
    VerdictContributor,
)
from claims.selectors import claims_for_claimreview_only
from claimtracker.caching import public_generation
from claimtracker.people import name_from
from sources.models import Source

CHUNK_CLAIMS = 500
FAST_BATCH_CLAIMS = 2000
FLUSH_BYTES = 64 * 1024


def feed_validators() -> tuple[str, datetime | None]:
    """The feed's ETag and last public change, in one query.

    The ETag also changes with the public generation (claimtracker/caching.py), which every
    change the public can see replaces: an edited speaker or source changes ClaimReviews
    without a public change.
    """
    row = Claim.objects.filter(
        status__in=[Claim.Status.PUBLISHED, Claim.Status.RETRACTED]
    ).aggregate(
        modified=Max("modified_at"),
        published=Count("id", filter=Q(status=Claim.Status.PUBLISHED)),
    )
    try:
        generation = public_generation()
    except Exception:  # No cache: the ETag follows public changes only.
        generation = ""
    fingerprint = f"{row['modified']}|{row['published']}|{generation}"
    digest = hashlib.blake2b(fingerprint.encode(), digest_size=12).hexdigest()
    return f'"datafeed.{digest}"', row["modified"]


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment else None


def feed_item(claim: Claim, *, request) -> dict:
    """One DataFeedItem: the ClaimReview with its creation and modification dates."""
    review = claim_review(claim, request=request)
    review.pop("@context", None)  # The feed's context covers it.
    return {
        "@type": "DataFeedItem",
        "dateCreated": _iso(claim.published_at),
        "dateModified": _iso(claim.modified_at or claim.published_at),
        "item": review,
    }


def stream_feed(*, request, modified: datetime | None) -> Iterator[bytes]:
    """The DataFeed as JSON, in pieces of about FLUSH_BYTES."""
    head = {
        "@context": "https://schema.org",
        "@type": "DataFeed",
        "name": f"{organization_name()} fact-checks",
        "url": request.build_absolute_uri(),
        "dateModified": _iso(modified),
    }
    opening = orjson.dumps({key: value for key, value in head.items() if value is not None})
    buffer = bytearray(opening[:-1] + b',"dataFeedElement":[')
    separator = b""
    for item in fast_feed_items(request=request):
        buffer += separator + orjson.dumps(item)
        separator = b","
        if len(buffer) >= FLUSH_BYTES:
            yield bytes(buffer)
            buffer.clear()
    buffer += b"]}"
    yield bytes(buffer)


def generic_feed_items(*, request) -> Iterator[dict]:
    """Every published claim's DataFeedItem by the generic path, in id order (the reference
    the fast path is held to)."""
    for claim in _published_in_chunks():
        yield feed_item(claim, request=request)


def _published_in_chunks() -> Iterator[Claim]:
    last_id = 0
    while True:
        chunk = list(
            claims_for_claimreview_only().filter(id__gt=last_id).order_by("id")[:CHUNK_CLAIMS]
        )
        yield from chunk
        if len(chunk) < CHUNK_CLAIMS:
            return
        last_id = chunk[-1].pk


# --- The fast path ----------------------------------------------------------------------------


class _IsoSeconds(Func):
    """A timestamp as ``datetime.isoformat(timespec="seconds")`` writes an aware UTC one
    (``2026-11-30T09:12:03+00:00``, fractions cut), in SQL: no datetime object per value."""

    template = """to_char(%(expressions)s AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"+00:00"')"""
    output_field = CharField()


class _LocalDate(Func):
    """The date of a timestamp in the zone given, as ``timezone.localtime(moment).date()
    .isoformat()`` writes it, in SQL."""

    template = "to_char(%(expressions)s, 'YYYY-MM-DD')"
    output_field = CharField()

    def __init__(self, expression, zone: str) -> None:
        super().__init__(Func(Value(zone), expression, function="timezone"))


class _AnyOf(Func):
    """``value = ANY(array)``: one array parameter, however many ids (an index scan)."""

    template = "%(expressions)s)"
    arg_joiner = " = ANY("
    output_field = BooleanField()


class _IsoDate(Func):
    """A date as ``date.isoformat()`` writes it, in SQL."""

    template = "to_char(%(expressions)s, 'YYYY-MM-DD')"
    output_field = CharField()


def _claim_columns(zone: str) -> dict[str, Any]:
    """The columns of a batch's claims: their verdict, rating, speaker and author by join,
    and the dates already written as the ClaimReview writes them."""
    review_published = Coalesce("verdict__published_at", "published_at")
    return {
        "claim_id": F("id"),
        "claim_text": F("text"),
        "reviewed": F("claim_reviewed"),
        "stated": _IsoDate("stated_on"),
        "claim_language": F("language"),
        # DataFeedItem dateCreated and dateModified; ClaimReview datePublished, dateModified.
        "created": _IsoSeconds("published_at"),
        "item_modified": _IsoSeconds(Coalesce("modified_at", "published_at")),
        "review_published": _LocalDate(review_published, zone),
        "review_modified": _IsoSeconds(Coalesce("modified_at", review_published)),
        "verdict_id": F("verdict__id"),
        "summary": F("verdict__summary"),
        "rating": F("verdict__rating_id"),
        "author": F("verdict__author_id"),
        "author_first_name": F("verdict__author__first_name"),
        "author_last_name": F("verdict__author__last_name"),
        "author_username": F("verdict__author__username"),
        "speaker": F("speaker_id"),
        "speaker_name": F("speaker__name"),
        "speaker_kind": F("speaker__kind"),
        "speaker_role": F("speaker__role"),
        "speaker_same_as": F("speaker__same_as"),
    }


def fast_feed_items(*, request, batch: int = FAST_BATCH_CLAIMS) -> Iterator[dict]:
    """Every published, rated claim's DataFeedItem, in id order: what ``feed_item`` gives,
    from flat rows (five queries a batch) instead of model instances."""
    context = _FeedContext(request)
    columns = _claim_columns(context.timezone_name)
    last_id = 0
    while True:
        rows = list(
            Claim.objects.published()
            # The verdict's range too: the planner then reads both from last_id on, instead
            # of the verdicts from the start (a batch's cost would grow with its position).
            .filter(id__gt=last_id, verdict__claim_id__gt=last_id, verdict__rating__isnull=False)
            .order_by("id")
            .values_list(*columns.values())[:batch]
        )
        if not rows:
            return
        # The batch's claims are the published ones among ids (last_id, upto]: the related
        # rows are read by that range (an index range scan, no list of ids to send), and
        # those of unpublished claims in it are read and left.
        upto = rows[-1][0]
        appearances = _appearances_by_claim(last_id, upto)
        bylines = _contributors_by_verdict(last_id, upto)
        corrections = _corrections_by_claim(last_id, upto, context.timezone_name)
        for row in rows:
            yield _fast_item(row, context, appearances, bylines, corrections)
        if len(rows) < batch:
            return
        last_id = upto


class _FeedContext:
    """What is the same for every item of one response, worked out once."""

    def __init__(self, request) -> None:
        self.page_url = render.claim_page_url_template(request=request)
        # The API URL of a claim, reversed once with a marker id the pattern accepts.
        marker = 918273645
        sample = request.build_absolute_uri(reverse("claim-detail", kwargs={"pk": marker}))
        self.api_url_head, self.api_url_tail = sample.split(str(marker), 1)
        self.organization = render._organization(request)
        self.timezone_name = timezone.get_current_timezone_name()
        self.labels: dict[int, dict[str, str]] = defaultdict(dict)
        # In the order the generic path's prefetch reads them (the model's ordering): when two
        # labels share a language, the last one wins in both.
        for rating_id, language, label in RatingLabel.objects.filter(exported=True).values_list(
            "rating_id", "language", "label"
        ):
            self.labels[rating_id][language.lower()] = label
        self.ratings = {rating.pk: rating for rating in Rating.objects.only("id", "label", "value")}

    def rating(self, rating_id: int, language: str) -> dict[str, Any]:
        rating = self.ratings[rating_id]
        labels = self.labels.get(rating_id, {})
        tag = language.lower()
        result: dict[str, Any] = {
            "@type": "Rating",
            "alternateName": labels.get(tag) or labels.get(tag.split("-", 1)[0]) or rating.label,
        }
        if rating.value is not None:
            result["ratingValue"] = rating.value
            result["bestRating"] = Rating.BEST_VALUE
            result["worstRating"] = Rating.WORST_VALUE
        return result


def _grouped(rows: Iterable[tuple]) -> dict[int, list[tuple]]:
    groups: dict[int, list[tuple]] = defaultdict(list)
    for row in rows:
        groups[row[0]].append(row[1:])
    return groups


def _appearances_by_claim(after: int, upto: int) -> dict[int, list[tuple]]:
    """The appearances of claims (after, upto] with their sources and publishers, in the
    order the API lists them (APPEARANCE_ORDER: the first, then by the source's date, then
    by id; a source without a date last, as PostgreSQL sorts NULL).

    Two queries: joined in one, PostgreSQL hashes the whole sources table for every batch
    (seen at 100k claims: 120 ms a batch, growing with the archive); looked up by an array
    of ids, the sources come by their primary key.
    """
    appearances = list(
        Appearance.objects.filter(claim_id__gt=after, claim_id__lte=upto)
        .order_by()  # sorted below, once the sources' dates are known
        .values_list("claim_id", "id", "is_first", "source_id")
    )
    source_ids = list({row[3] for row in appearances})
    sources = {
        row[0]: row[1:]
        for row in Source.objects.filter(
            _AnyOf(F("id"), Value(source_ids, ArrayField(BigIntegerField())))
        )
        .order_by()
        .values_list(
            "id",
            "url",
            "title",
            _IsoDate("published_on"),
            "publisher_id",
            "publisher__name",
            "publisher__url",
        )
    }
    appearances.sort(
        key=lambda row: (
            row[0],
            not row[2],
            sources[row[3]][2] is None,
            sources[row[3]][2] or "",
            row[1],
        )
    )
    grouped: dict[int, list[tuple]] = defaultdict(list)
    for claim_id, _, is_first, source_id in appearances:
        grouped[claim_id].append((is_first, *sources[source_id]))
    return grouped


def _contributors_by_verdict(after: int, upto: int) -> dict[int, list[tuple]]:
    return _grouped(
        VerdictContributor.objects.filter(verdict__claim_id__gt=after, verdict__claim_id__lte=upto)
        .order_by("verdict_id", "first_contributed_at", "id")
        .values_list(
            "verdict_id", "user_id", "user__first_name", "user__last_name", "user__username"
        )
    )


def _corrections_by_claim(after: int, upto: int, zone: str) -> dict[int, list[tuple]]:
    return _grouped(
        Correction.objects.filter(claim_id__gt=after, claim_id__lte=upto)
        .order_by("claim_id", "created_at", "id")
        .values_list("claim_id", "kind", "note", _LocalDate("created_at", zone))
    )


def _fast_item(row, context, appearances, bylines, corrections) -> dict:
    (
        claim_id,
        text,
        claim_reviewed,
        stated_on,
        language,
        created,
        item_modified,
        review_published,
        review_modified,
        verdict_id,
        summary,
        rating_id,
        author_id,
        author_first,
        author_last,
        author_username,
        speaker_id,
        speaker_name,
        speaker_kind,
        speaker_role,
        speaker_same_as,
    ) = row  # in the order of _claim_columns
    people = bylines.get(verdict_id, [])
    byline = [
        {"@type": "Person", "name": name_from(person[3], person[1], person[2])} for person in people
    ]
    if author_id is not None and all(person[0] != author_id for person in people):
        byline.insert(
            0, {"@type": "Person", "name": name_from(author_username, author_first, author_last)}
        )

    works = []
    first = None
    for (
        is_first,
        url,
        title,
        source_published_on,
        publisher_id,
        publisher_name,
        publisher_url,
    ) in appearances.get(claim_id, ()):
        work = {"@type": "CreativeWork"}
        if url:
            work["url"] = url
        if title:
            work["headline"] = title
        if source_published_on:
            work["datePublished"] = source_published_on
        if publisher_id is not None:
            publisher = {"@type": "Organization"}
            if publisher_name:
                publisher["name"] = publisher_name
            if publisher_url:
                publisher["url"] = publisher_url
            work["publisher"] = publisher
        works.append(work)
        if is_first and first is None:
            first = work
    item_reviewed: dict[str, Any] = {"@type": "Claim"}
    if speaker_id is not None:
        organisation = speaker_kind == Speaker.Kind.ORGANISATION
        speaker = {"@type": "Organization" if organisation else "Person"}
        if speaker_name:
            speaker["name"] = speaker_name
        if not organisation and speaker_role:
            speaker["jobTitle"] = speaker_role
        if speaker_same_as:
            speaker["sameAs"] = list(speaker_same_as)
        item_reviewed["author"] = speaker
    if stated_on:
        item_reviewed["datePublished"] = stated_on
    if works:
        item_reviewed["appearance"] = works
    if first is not None:
        item_reviewed["firstAppearance"] = first

    review: dict[str, Any] = {
        "@type": "ClaimReview",
        "url": context.page_url.format(id=claim_id, slug=render.text_slug(claim_reviewed or text)),
    }
    if claim_reviewed or text:
        review["claimReviewed"] = claim_reviewed or text
    review["reviewRating"] = context.rating(rating_id, language)
    if summary:
        review["reviewBody"] = summary
    review["author"] = [context.organization, *byline]
    if review_published:
        review["datePublished"] = review_published
    if review_modified:
        review["dateModified"] = review_modified
    if language:
        review["inLanguage"] = language
    review["itemReviewed"] = item_reviewed
    records = corrections.get(claim_id)
    if records:
        review["correction"] = [
            {
                "@type": "CorrectionComment",
                "name": "Update" if kind == Correction.Kind.UPDATE else "Correction",
                "text": note,
                "datePublished": created_on,
            }
            for kind, note, created_on in records
        ]
    review["identifier"] = {
        "@type": "PropertyValue",
        "propertyID": "claimtracker-claim-id",
        "value": claim_id,
        "url": f"{context.api_url_head}{claim_id}{context.api_url_tail}",
    }
    return {
        "@type": "DataFeedItem",
        "dateCreated": created,
        "dateModified": item_modified,
        "item": review,
    }
