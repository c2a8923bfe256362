"""Every published fact-check as one schema.org DataFeed, streamed.

The shape Google's Fact Check Tools and DataCommons publish: a ``DataFeed`` whose
``dataFeedElement`` holds ``DataFeedItem``s, each with ``dateCreated``, ``dateModified`` and
the ``ClaimReview`` as ``item``. The claims are read in chunks of CHUNK_CLAIMS by id (keyset:
each chunk one indexed query and one prefetch, no transaction held open) and written out as
they come, so memory does not grow with the number of claims.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import datetime

import orjson
from django.db.models import Count, Max, Q

from claims.claimreview.render import claim_review, organization_name
from claims.models import Claim
from claims.selectors import claims_for_claimreview_only
from claimtracker.caching import public_generation

CHUNK_CLAIMS = 500
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
    for claim in _published_in_chunks():
        buffer += separator + orjson.dumps(feed_item(claim, request=request))
        separator = b","
        if len(buffer) >= FLUSH_BYTES:
            yield bytes(buffer)
            buffer.clear()
    buffer += b"]}"
    yield bytes(buffer)


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
