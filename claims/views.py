"""The read API: claims, ClaimReview, speakers, topics and ratings.

Views are thin: a queryset from ``claims/selectors.py``, a serializer, a filterset.
"""

from __future__ import annotations

from django.http import Http404
from django.utils.http import parse_etags
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import generics, mixins, renderers, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.pagination import CursorPagination
from rest_framework.request import Request
from rest_framework.response import Response

from claims.claimreview import claim_review
from claims.filters import ClaimFilter, ClaimReviewFeedFilter, SpeakerFilter
from claims.models import Claim, Rating
from claims.selectors import (
    claim_etag,
    claims_for_detail,
    claims_for_list,
    speaker_rating_counts,
    speakers_with_counts,
    topics_with_counts,
)
from claims.serializers import (
    ClaimDetailSerializer,
    ClaimListSerializer,
    RatingSerializer,
    SpeakerDetailSerializer,
    SpeakerSerializer,
    TopicSerializer,
)
from claimtracker.openapi import IF_NONE_MATCH, NOT_FOUND, NOT_MODIFIED, VALIDATION_ERROR


class JSONLDRenderer(renderers.JSONRenderer):
    media_type = "application/ld+json"
    format = "jsonld"


def conditional_response(request: Request, etag: str | None, render) -> Response:
    """304 when the client's ETag is current, else ``render()`` with the ETag attached."""
    if etag is None:
        raise Http404
    if etag in parse_etags(request.headers.get("If-None-Match", "")):
        return Response(status=304, headers={"ETag": etag})
    response = render()
    response["ETag"] = etag
    return response


@extend_schema_view(
    list=extend_schema(
        summary="List claims",
        description="Published claims (staff: every status), newest first.",
        responses={200: ClaimListSerializer(many=True), 400: VALIDATION_ERROR, 404: NOT_FOUND},
    ),
    retrieve=extend_schema(
        summary="A claim with its full verdict and corrections",
        parameters=[IF_NONE_MATCH],
        responses={200: ClaimDetailSerializer, 304: NOT_MODIFIED, 404: NOT_FOUND},
    ),
)
class ClaimViewSet(viewsets.ReadOnlyModelViewSet):
    """Claims and their verdicts."""

    filterset_class = ClaimFilter

    def get_queryset(self):
        if self.action == "list":
            return claims_for_list(self.request.user)
        return claims_for_detail(self.request.user)

    def get_serializer_class(self):
        return ClaimListSerializer if self.action == "list" else ClaimDetailSerializer

    def perform_content_negotiation(self, request, force=False):
        # JSON-LD is the only representation of a ClaimReview: serve it whatever Accept says.
        if self.action == "claimreview":
            renderer = self.get_renderers()[0]
            return renderer, renderer.media_type
        return super().perform_content_negotiation(request, force)

    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        return self._conditional("json", lambda: super(ClaimViewSet, self).retrieve(request))

    @extend_schema(
        summary="The claim's fact-check as schema.org ClaimReview (JSON-LD)",
        parameters=[IF_NONE_MATCH],
        responses={
            (200, "application/ld+json"): OpenApiTypes.OBJECT,
            (304, "application/ld+json"): NOT_MODIFIED,
            (404, "application/ld+json"): NOT_FOUND,
        },
        filters=False,
    )
    @action(detail=True, url_path="claimreview", renderer_classes=[JSONLDRenderer])
    def claimreview(self, request: Request, pk: str) -> Response:
        def render() -> Response:
            claim = self.get_object()
            if claim.status != Claim.Status.PUBLISHED:
                raise Http404
            return Response(claim_review(claim, request=request))

        return self._conditional("claimreview", render)

    def _conditional(self, representation: str, render) -> Response:
        lookup = self.kwargs[self.lookup_field]
        if not str(lookup).isdigit():
            raise Http404
        etag = claim_etag(
            claim_id=int(lookup), user=self.request.user, representation=representation
        )
        return conditional_response(self.request, etag, render)

    def filter_queryset(self, queryset):
        # Filters apply to the list only; a detail is looked up by id alone.
        return super().filter_queryset(queryset) if self.action == "list" else queryset


class ClaimReviewFeedPagination(CursorPagination):
    ordering = ("-published_at", "-id")
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


class ClaimReviewSerializer(serializers.BaseSerializer):
    def to_representation(self, claim: Claim) -> dict:
        return claim_review(claim, request=self.context["request"])


@extend_schema(
    summary="Feed of ClaimReview objects",
    description="Every published claim as ClaimReview JSON-LD, newest first, cursor-paginated. "
    "Use `published_after` for incremental sync.",
    responses={
        200: OpenApiResponse(
            response={
                "type": "object",
                "properties": {
                    "next": {"type": "string", "format": "uri", "nullable": True},
                    "previous": {"type": "string", "format": "uri", "nullable": True},
                    "results": {
                        "type": "array",
                        "items": {"type": "object", "description": "A schema.org ClaimReview"},
                    },
                },
                "required": ["next", "previous", "results"],
            },
            description="A page of the feed; follow `next` for more.",
        ),
        400: VALIDATION_ERROR,
        404: NOT_FOUND,
    },
)
class ClaimReviewFeedView(generics.ListAPIView):
    """All published fact-checks as ClaimReview, for aggregators."""

    serializer_class = ClaimReviewSerializer
    pagination_class = ClaimReviewFeedPagination
    filterset_class = ClaimReviewFeedFilter

    def get_queryset(self):
        return claims_for_detail(None)


@extend_schema_view(
    list=extend_schema(
        summary="List speakers",
        responses={200: SpeakerSerializer(many=True), 400: VALIDATION_ERROR, 404: NOT_FOUND},
    ),
    retrieve=extend_schema(
        summary="A speaker with a scorecard of published verdicts",
        responses={200: SpeakerDetailSerializer, 404: NOT_FOUND},
    ),
)
class SpeakerViewSet(viewsets.ReadOnlyModelViewSet):
    """People and organisations whose claims are checked."""

    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"
    filterset_class = SpeakerFilter
    queryset = speakers_with_counts().order_by("name", "id")

    def get_serializer_class(self):
        return SpeakerSerializer if self.action == "list" else SpeakerDetailSerializer

    def get_object(self):
        speaker = super().get_object()
        speaker.rating_counts = speaker_rating_counts(speaker)
        return speaker


@extend_schema_view(
    list=extend_schema(
        summary="List topics",
        responses={200: TopicSerializer(many=True), 400: VALIDATION_ERROR, 404: NOT_FOUND},
    ),
    retrieve=extend_schema(summary="A topic", responses={200: TopicSerializer, 404: NOT_FOUND}),
)
class TopicViewSet(viewsets.ReadOnlyModelViewSet):
    """Subjects claims are filed under."""

    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"
    serializer_class = TopicSerializer
    queryset = topics_with_counts().order_by("name", "id")
    filter_backends = []


@extend_schema_view(list=extend_schema(summary="The rating scale, in order"))
class RatingViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The rating scale."""

    serializer_class = RatingSerializer
    queryset = Rating.objects.order_by("order", "slug")
    pagination_class = None
    filter_backends = []
