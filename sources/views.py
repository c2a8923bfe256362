"""The read API for sources."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from claimtracker.openapi import NOT_FOUND, VALIDATION_ERROR
from sources.filters import SourceFilter
from sources.selectors import sources_visible_to
from sources.serializers import SourceSerializer


@extend_schema_view(
    list=extend_schema(
        summary="List sources behind published fact-checks",
        responses={200: SourceSerializer(many=True), 400: VALIDATION_ERROR, 404: NOT_FOUND},
    ),
    retrieve=extend_schema(summary="A source", responses={200: SourceSerializer, 404: NOT_FOUND}),
)
class SourceViewSet(viewsets.ReadOnlyModelViewSet):
    """Sources: where claims appeared and what verdicts cite."""

    serializer_class = SourceSerializer
    filterset_class = SourceFilter

    def get_queryset(self):
        return sources_visible_to(self.request.user).order_by("-published_on", "id")
