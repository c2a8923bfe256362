"""Reads: the querysets behind the API, the public pages and the admin.

Each list queryset fetches everything its serializer touches in a fixed number of queries,
whatever the page size: foreign keys by join; many-valued relations either aggregated into
JSON by the same query (the claim list, the hottest path: no second query, no model
instances for topics and appearances) or by one prefetch each.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.contrib.postgres.aggregates import JSONBAgg
from django.db import connections, router
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import JSONObject
from django.utils import timezone

from claims.models import (
    Appearance,
    Claim,
    ClaimAction,
    ClaimEvent,
    Correction,
    Evidence,
    RatingLabel,
    Speaker,
    Topic,
    VerdictContributor,
)
from sources.models import Source


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
    "modified_at",
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


def _contributions() -> Prefetch:
    """The verdict's contributors in the order they first contributed (``Verdict.byline``)."""
    return Prefetch(
        "verdict__contributions",
        queryset=VerdictContributor.objects.select_related("user").order_by(
            "first_contributed_at", "id"
        ),
    )


def _corrections() -> Prefetch:
    """The claim's corrections and public updates, oldest first."""
    return Prefetch(
        "corrections",
        queryset=Correction.objects.select_related("old_rating", "new_rating").order_by(
            "created_at", "id"
        ),
    )


def _exported_labels() -> Prefetch:
    """Our rating labels in each language: the ClaimReview alternateName."""
    return Prefetch(
        "verdict__rating__labels",
        queryset=RatingLabel.objects.filter(exported=True),
        to_attr="exported_labels",
    )


def claims_for_detail(user) -> QuerySet[Claim]:
    """Claims with everything the API's detail shows: a list item, the verdict's evidence,
    author and contributors (``Verdict.byline``), and the corrections and public updates."""
    return (
        _claims_with_refs(user)
        .select_related("verdict__author")
        .prefetch_related(
            Prefetch(
                "verdict__evidence",
                queryset=Evidence.objects.select_related("source__publisher").order_by("id"),
            ),
            _contributions(),
            _corrections(),
        )
    )


def claims_for_claimreview(user) -> QuerySet[Claim]:
    """Claims with everything their ClaimReview and public page show: the detail, and the
    appearances as model instances."""
    return claims_for_detail(user).prefetch_related(_appearances(), _exported_labels())


def claims_for_claimreview_only() -> QuerySet[Claim]:
    """Published claims with exactly what their ClaimReview shows, and nothing more: speaker,
    verdict, its author and rating by join; appearances, contributors, corrections and the
    rating's labels in one prefetch each (the schema.org DataFeed)."""
    return (
        Claim.objects.published()
        .defer("search_vector")
        .select_related("speaker", "verdict__rating", "verdict__author")
        .prefetch_related(_appearances(), _contributions(), _corrections(), _exported_labels())
    )


def speakers_with_counts() -> QuerySet[Speaker]:
    """Speakers with the number of their published claims and their aliases."""
    return Speaker.objects.annotate(
        claim_count=Count("claims", filter=Q(claims__status=Claim.Status.PUBLISHED))
    ).prefetch_related("aliases")


def speakers_visible_to(user: AnonymousUser | None) -> QuerySet[Speaker]:
    """The speakers ``user`` may read, with their counts: staff and the newsroom see every
    speaker; others only those with a published claim (a speaker with drafts only, such as
    one an article import created, would show what the newsroom is researching)."""
    speakers = speakers_with_counts()
    if user_sees_unpublished(user):
        return speakers
    published = Claim.objects.published().filter(speaker=OuterRef("pk"))
    return speakers.filter(Exists(published))


def sources_visible_to(user: AnonymousUser | None) -> QuerySet[Source]:
    """Staff and the newsroom see every source; the public, those behind a published fact-check.

    A source only cited by a claim still in research is not public: it would show what the
    newsroom is checking before the check is reviewed. (Here, not in ``sources``: whether a
    source is public depends on the claims that show it, and ``sources`` knows nothing of them.)
    """
    sources = Source.objects.select_related("publisher")
    if (
        user
        and user.is_authenticated
        and user.is_active
        and (user.is_staff or user.has_perm("sources.view_source"))
    ):
        return sources
    in_published_claim = Appearance.objects.filter(
        source=OuterRef("pk"), claim__status=Claim.Status.PUBLISHED
    )
    cited_by_published_verdict = Evidence.objects.filter(
        source=OuterRef("pk"), verdict__claim__status=Claim.Status.PUBLISHED
    )
    return sources.filter(Exists(in_published_claim) | Exists(cited_by_published_verdict))


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


def _verdict_json_list(queryset: QuerySet, **fields) -> Subquery:
    """Like ``_json_list``, for rows that belong to the claim's verdict."""
    return Subquery(
        queryset.filter(verdict__claim=OuterRef("pk"))
        .order_by()
        .values("verdict")
        .annotate(items=JSONBAgg(JSONObject(**fields), order_by="id"))
        .values("items")
    )


# A claim id no row has, compiled into the ETag statement in place of the real one.
_ETAG_CLAIM_PLACEHOLDER = -7_340_417


def _etag_rows(*, claim_id: int, sees_unpublished: bool) -> QuerySet[Claim]:
    """The ETag's one row: everything a representation of the claim shows, fingerprinted."""
    claims = Claim.objects.all() if sees_unpublished else Claim.objects.published()
    return (
        claims.filter(pk=claim_id)
        .annotate(
            topic_state=_json_list(
                Claim.topics.through.objects.order_by("topic_id"),
                id=F("topic_id"),
                slug=F("topic__slug"),
                name=F("topic__name"),
            ),
            appearance_state=_json_list(
                Appearance.objects.order_by("id"),
                id=F("id"),
                source=F("source_id"),
                first=F("is_first"),
                note=F("note"),
                source_at=F("source__updated_at"),
                publisher_at=F("source__publisher__updated_at"),
            ),
            evidence_state=_verdict_json_list(
                Evidence.objects.all(),
                id=F("id"),
                source=F("source_id"),
                stance=F("stance"),
                note=F("note"),
                source_at=F("source__updated_at"),
                publisher_at=F("source__publisher__updated_at"),
            ),
            contributor_state=_verdict_json_list(
                VerdictContributor.objects.all(),
                user=F("user_id"),
                username=F("user__username"),
                first_name=F("user__first_name"),
                last_name=F("user__last_name"),
            ),
            correction_state=_json_list(
                Correction.objects.order_by("id"), id=F("id"), kind=F("kind"), note=F("note")
            ),
            # The rating's exported labels: the ClaimReview's alternateName.
            label_state=Subquery(
                RatingLabel.objects.filter(rating=OuterRef("verdict__rating"), exported=True)
                .order_by()
                .values("rating")
                .annotate(
                    items=JSONBAgg(
                        JSONObject(language=F("language"), label=F("label")), order_by="id"
                    )
                )
                .values("items")
            ),
        )
        .values_list(
            "version",
            "updated_at",
            "status",
            "verdict__version",
            "verdict__updated_at",
            "verdict__rating__label",
            "verdict__rating__value",
            # The byline leads with the author when they are not a recorded contributor.
            "verdict__author__username",
            "verdict__author__first_name",
            "verdict__author__last_name",
            "speaker__updated_at",
            "topic_state",
            "appearance_state",
            "evidence_state",
            "contributor_state",
            "correction_state",
            "label_state",
        )
    )


@functools.cache
def _etag_statement(sees_unpublished: bool) -> tuple[str, tuple, int]:
    """The ETag query as SQL, compiled once per process: building it with the ORM costs
    several times more than running it, and a revalidation (304) is the hottest read."""
    rows = _etag_rows(claim_id=_ETAG_CLAIM_PLACEHOLDER, sees_unpublished=sees_unpublished)
    sql, params = rows.query.sql_with_params()
    return sql, tuple(params), params.index(_ETAG_CLAIM_PLACEHOLDER)


def claim_etag(*, claim_id: int, user, representation: str) -> str | None:
    """A validator for one representation of a claim, in one query; None if not visible.

    It covers everything a representation shows, whichever path wrote it: the claim and its
    verdict (versions and times, the rating's wording and exported labels, the author's
    name), the speaker, the topics, the appearances with their sources and publishers, the
    evidence with its sources and publishers, the verdict's contributors (the byline), and the
    corrections and public updates. It differs between representations ("json",
    "claimreview", "page") of the same claim. It has the form ``"v<version>.<digest>"``: every
    write through claims/services/ bumps the version, which If-Match checks.
    """
    sql, params, index = _etag_statement(user_sees_unpublished(user))
    arguments = [*params]
    arguments[index] = claim_id
    # Prepared: planning the query took three times as long as running it (claimtracker/postgresql).
    with connections[router.db_for_read(Claim)].prepared_cursor() as cursor:
        cursor.execute(sql, arguments)
        row = cursor.fetchone()
    if row is None:
        return None
    fingerprint = "|".join([REPRESENTATION_VERSION, representation, *map(str, row)])
    digest = hashlib.blake2b(fingerprint.encode(), digest_size=12).hexdigest()
    # The claim's version leads, so a client's If-Match names the version it edited.
    return f'"v{row[0]}.{digest}"'


def claim_retraction(claim_id: int) -> dict | None:
    """When and why a retracted claim was withdrawn, in one query; None if it is not retracted.

    ``retracted_at`` is the time the retraction was announced (the claim's ``modified_at``, the
    change feed's ``at``); ``note`` is the editor's public note.
    """
    note = (
        ClaimEvent.objects.filter(claim=OuterRef("pk"), action=ClaimAction.RETRACT)
        .order_by("-created_at", "-id")
        .values("note")[:1]
    )
    return (
        Claim.objects.filter(pk=claim_id, status=Claim.Status.RETRACTED)
        .annotate(note=Subquery(note))
        .values("modified_at", "note")
        .first()
    )


# --- The editors' desk --------------------------------------------------------------------------

# How far back "Recently published" looks.
RECENTLY_PUBLISHED_DAYS = 7


@dataclass(frozen=True)
class DeskQueue:
    """One line of a person's desk: a name, who it is for, and which claims it holds."""

    key: str
    label: str
    # The permission a user needs to see the line (None: everyone who sees claims).
    permission: str | None
    condition: Callable[[object], Q]


WORKED_ON = [Claim.Status.DRAFT, Claim.Status.CHANGES_REQUESTED, Claim.Status.IN_REVIEW]


def _mine(user) -> Q:
    return Q(created_by=user) | Q(assigned_to=user)


DESK_QUEUES = [
    DeskQueue(
        "drafts",
        "My drafts",
        None,
        lambda user: Q(status=Claim.Status.DRAFT) & _mine(user),
    ),
    DeskQueue(
        "sent_back",
        "Sent back to me",
        None,
        lambda user: Q(status=Claim.Status.CHANGES_REQUESTED) & _mine(user),
    ),
    # Four eyes: nobody reviews a claim they drafted; unassigned claims wait for any editor.
    DeskQueue(
        "review",
        "Waiting for my review",
        "claims.review_claim",
        lambda user: (
            Q(status=Claim.Status.IN_REVIEW)
            & ~Q(created_by=user)
            & (Q(assigned_to=user) | Q(assigned_to__isnull=True))
        ),
    ),
    DeskQueue(
        "assigned",
        "Assigned to me",
        None,
        lambda user: (
            Q(assigned_to=user)
            & Q(
                status__in=[
                    Claim.Status.DRAFT,
                    Claim.Status.CHANGES_REQUESTED,
                    Claim.Status.IN_REVIEW,
                ]
            )
        ),
    ),
    DeskQueue(
        "published",
        "Recently published",
        None,
        lambda user: (
            Q(status=Claim.Status.PUBLISHED)
            & Q(published_at__gte=timezone.now() - dt.timedelta(days=RECENTLY_PUBLISHED_DAYS))
        ),
    ),
]
DESK_QUEUE_BY_KEY = {queue.key: queue for queue in DESK_QUEUES}


def desk_queues_for(user) -> list[DeskQueue]:
    """The lines of ``user``'s desk, those their role has."""
    return [
        queue
        for queue in DESK_QUEUES
        if queue.permission is None or user.has_perm(queue.permission)
    ]


def desk_counts(user) -> dict[str, int]:
    """How many claims are in each of ``user``'s desk lines: one query, whatever the counts."""
    queues = desk_queues_for(user)
    if not queues:
        return {}
    return Claim.objects.aggregate(
        **{queue.key: Count("pk", filter=queue.condition(user)) for queue in queues}
    )


def desk_claims(user, key: str, claims: QuerySet[Claim] | None = None) -> QuerySet[Claim]:
    """The claims (of ``claims``, else all) in one of ``user``'s desk lines: the claim list's
    "my work" filter."""
    claims = Claim.objects.all() if claims is None else claims
    return claims.filter(DESK_QUEUE_BY_KEY[key].condition(user))
