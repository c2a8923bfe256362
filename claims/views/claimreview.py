"""ClaimReview over the API: the JSON-LD renderer and the feed of every published fact-check."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, serializers

from claims.claimreview.render import claim_review
from claims.filters import ClaimReviewFeedFilter
from claims.models import Claim
from claims.selectors import claims_for_claimreview
from claimtracker.caching import PublicResponseCacheMixin
from claimtracker.openapi import NOT_FOUND, VALIDATION_ERROR
from claimtracker.pagination import CursorPagination
from claimtracker.renderers import ORJSONRenderer


class JSONLDRenderer(ORJSONRenderer):
    media_type = "application/ld+json"
    format = "jsonld"


class ClaimReviewFeedPagination(CursorPagination):
    """Newest publication first; with ``modified_after``, oldest modification first."""

    ordering = ("-published_at", "-id")

    def get_ordering(self, request, queryset, view):
        if request.query_params.get("modified_after"):
            return ("modified_at", "id")
        return super().get_ordering(request, queryset, view)


class ClaimReviewSerializer(serializers.BaseSerializer):
    def to_representation(self, claim: Claim) -> dict:
        return claim_review(claim, request=self.context["request"])


@extend_schema(
    summary="Feed of ClaimReview objects",
    description="Every published claim as ClaimReview JSON-LD, newest first, cursor-paginated. "
    "Use `published_after` for new fact-checks, `modified_after` (ordered by modification) for "
    "corrections and updates too; retractions are in the change feed, /api/v1/changes/.",
    responses={
        # The item; the cursor paginator wraps it in {"next", "previous", "results"}.
        200: OpenApiResponse(
            response={"$ref": "#/components/schemas/ClaimReview"},
            description="A page of the feed; follow `next` (or the Link header) for more.",
        ),
        400: VALIDATION_ERROR,
        404: NOT_FOUND,
    },
)
class ClaimReviewFeedView(PublicResponseCacheMixin, generics.ListAPIView):
    """All published fact-checks as ClaimReview, for aggregators."""

    serializer_class = ClaimReviewSerializer
    pagination_class = ClaimReviewFeedPagination
    filterset_class = ClaimReviewFeedFilter

    def get_queryset(self):
        return claims_for_claimreview(None)

    def list(self, request, *args, **kwargs):
        # The feed shows published claims to everyone: every reader shares it.
        return self.cached(
            request, lambda: super(ClaimReviewFeedView, self).list(request), public=True
        )
