"""The rows of the bulk export: every published claim, flat, in id order, read in chunks."""

from __future__ import annotations

from collections.abc import Iterator

from django.contrib.postgres.aggregates import StringAgg
from django.db.models import F, OuterRef, Subquery

from claims.models import Appearance, Claim
from claims.selectors import APPEARANCE_ORDER

# The columns of the export, in order: CSV's header row and each JSON line's keys.
COLUMNS = (
    "id",
    "url",
    "review_url",
    "text",
    "claim_reviewed",
    "speaker_slug",
    "speaker_name",
    "stated_on",
    "language",
    "topic_slugs",
    "rating_slug",
    "rating_label",
    "rating_value",
    "summary",
    "published_at",
    "modified_at",
    "first_appearance_url",
)
# Topic slugs in one CSV cell.
TOPIC_SEPARATOR = ";"
# Rows fetched from the server-side cursor at a time: memory stays flat however many claims.
CHUNK_SIZE = 2000


def export_rows() -> Iterator[dict]:
    """Each published claim as a flat dict (database values; ``url`` and ``review_url`` are
    added by the view, which knows the host)."""
    topics = (
        Claim.topics.through.objects.filter(claim=OuterRef("pk"))
        .order_by()
        .values("claim")
        .annotate(slugs=StringAgg("topic__slug", TOPIC_SEPARATOR, order_by="topic__slug"))
        .values("slugs")
    )
    # The same order as the API lists appearances: the first appearance, then by date.
    first_appearance = Appearance.objects.filter(claim=OuterRef("pk")).order_by(*APPEARANCE_ORDER)
    return (
        Claim.objects.published()
        .order_by("id")
        .values(
            "id",
            "text",
            "claim_reviewed",
            "stated_on",
            "language",
            "published_at",
            "modified_at",
            speaker_slug=F("speaker__slug"),
            speaker_name=F("speaker__name"),
            rating_slug=F("verdict__rating__slug"),
            rating_label=F("verdict__rating__label"),
            rating_value=F("verdict__rating__value"),
            summary=F("verdict__summary"),
            topic_slugs=Subquery(topics),
            first_appearance_url=Subquery(first_appearance.values("source__url")[:1]),
        )
        .iterator(chunk_size=CHUNK_SIZE)
    )
