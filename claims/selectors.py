"""Reads: the querysets behind the API, the public pages and the admin.

Each list queryset fetches everything its serializer touches in a fixed number of queries,
whatever the page size: foreign keys by join; many-valued relations either aggregated into
JSON by the same query (the claim list, the hottest path: no second query, no model
instances for topics and appearances) or by one prefetch each.
"""

from __future__ import annotations

import hashlib

from django.contrib.auth.models import AnonymousUser
from django.contrib.postgres.aggregates import JSONBAgg
from django.db.models import Count, F, Max, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import JSONObject

from claims.models import Appearance, Claim, Correction, Evidence, RatingLabel, Speaker, Topic


def user_sees_unpublished(user) -> bool:
    """Staff and the newsroom's roles see claims in every state; others see published ones."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.is_staff or user.has_perm("claims.view_claim")


def claims_visible_to(user: AnonymousUser | None) -> QuerySet[Claim]:
    """The claims ``user`` may read."""
    claims = Claim.objects.all()
    return claims if user_sees_unpublished(user) else claims.published()


# How a claim's appearances are listed everywhere: the first one, then by date.
APPEARANCE_ORDER = ("-is_first", "source__published_on", "id")


def _appearances() -> Prefetch:
    return Prefetch(
        "appearances",
        queryset=Appearance.objects.select_related("source__publisher").order_by(*APPEARANCE_ORDER),
    )


def _json_list(queryset: QuerySet, **fields) -> Subquery:
    """One JSON array of ``fields`` per claim, in ``queryset``'s order (NULL when empty)."""
    ordering = queryset.query.order_by
    return Subquery(
        queryset.filter(claim=OuterRef("pk"))
        .order_by()
        .values("claim")
        .annotate(items=JSONBAgg(JSONObject(**fields), order_by=ordering))
        .values("items")
    )


# The columns a list item shows (ClaimListSerializer); the rest of each row stays behind.
LIST_COLUMNS = (
    "text",
    "claim_reviewed",
    "speaker__slug",
    "speaker__name",
    "stated_on",
    "context",
    "language",
    "status",
    "published_at",
    "verdict__summary",
    "verdict__rating__slug",
    "verdict__rating__label",
    "verdict__rating__value",
)


def claims_for_list(user) -> QuerySet[Claim]:
    """Claims with what a list item shows, in one query: the list item's columns only.

    Speaker and rating come by join; topics and appearances as JSON arrays
    (``topic_refs``, ``appearance_refs``) in the order the API lists them.
    """
    return _claims_with_refs(user).only(*LIST_COLUMNS)


def _claims_with_refs(user) -> QuerySet[Claim]:
    return (
        claims_visible_to(user)
        # The search vector (about 1 kB a claim) is for filtering only; never fetch it.
        .defer("search_vector")
        .select_related("speaker", "verdict__rating")
        .annotate(
            topic_refs=_json_list(
                Claim.topics.through.objects.order_by("topic__name"),
                slug=F("topic__slug"),
                name=F("topic__name"),
            ),
            appearance_refs=_json_list(
                Appearance.objects.order_by(*APPEARANCE_ORDER),
                url=F("source__url"),
                title=F("source__title"),
                publisher=F("source__publisher__name"),
                published_on=F("source__published_on"),
                first=F("is_first"),
            ),
        )
    )


def claims_for_detail(user) -> QuerySet[Claim]:
    """Claims with everything the API's detail shows: a list item, the verdict's evidence and
    author, and the corrections."""
    return (
        _claims_with_refs(user)
        .select_related("verdict__author")
        .prefetch_related(
            Prefetch(
                "verdict__evidence",
                queryset=Evidence.objects.select_related("source__publisher").order_by("id"),
            ),
            Prefetch(
                "corrections",
                queryset=Correction.objects.select_related("old_rating", "new_rating").order_by(
                    "created_at", "id"
                ),
            ),
        )
    )


def claims_for_claimreview(user) -> QuerySet[Claim]:
    """Claims with everything their ClaimReview and public page show: the detail, and the
    appearances as model instances."""
    return claims_for_detail(user).prefetch_related(
        _appearances(),
        # Our rating labels in each language: the ClaimReview alternateName.
        Prefetch(
            "verdict__rating__labels",
            queryset=RatingLabel.objects.filter(exported=True),
            to_attr="exported_labels",
        ),
    )


def speakers_with_counts() -> QuerySet[Speaker]:
    """Speakers with the number of their published claims and their aliases."""
    return Speaker.objects.annotate(
        claim_count=Count("claims", filter=Q(claims__status=Claim.Status.PUBLISHED))
    ).prefetch_related("aliases")


def speaker_rating_counts(speaker: Speaker) -> dict[str, int]:
    """The speaker's scorecard: published verdicts per rating slug, in scale order."""
    rows = (
        Claim.objects.published()
        .filter(speaker=speaker, verdict__rating__isnull=False)
        .values("verdict__rating__slug", "verdict__rating__order")
        .annotate(count=Count("id"))
        .order_by("verdict__rating__order")
    )
    return {row["verdict__rating__slug"]: row["count"] for row in rows}


def topics_with_counts() -> QuerySet[Topic]:
    """Topics with the number of their published claims."""
    return Topic.objects.annotate(
        claim_count=Count("claims", filter=Q(claims__status=Claim.Status.PUBLISHED))
    )


# Bump when a representation changes shape, so clients holding an old ETag refetch.
REPRESENTATION_VERSION = "2"


def claim_etag(*, claim_id: int, user, representation: str) -> str | None:
    """A validator for one representation of a claim, in one query; None if not visible.

    It changes whenever the claim, its verdict (saving evidence in the admin saves the verdict),
    its speaker or its corrections change, and differs between representations ("json",
    "claimreview", "page") of the same claim. It has the form ``"v<version>.<digest>"``: every
    write through claims/services/ bumps the version, which If-Match checks.
    """
    row = (
        claims_visible_to(user)
        .filter(pk=claim_id)
        .annotate(last_correction=Max("corrections__id"))
        .values_list(
            "version",
            "updated_at",
            "status",
            "verdict__version",
            "verdict__updated_at",
            "speaker__updated_at",
            "last_correction",
        )
        .first()
    )
    if row is None:
        return None
    fingerprint = "|".join([REPRESENTATION_VERSION, representation, *map(str, row)])
    digest = hashlib.blake2b(fingerprint.encode(), digest_size=12).hexdigest()
    # The claim's version leads, so a client's If-Match names the version it edited.
    return f'"v{row[0]}.{digest}"'
