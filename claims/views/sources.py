"""The sources API. Here, not in ``sources``: which sources the public may read depends on the
claims that show them (``claims.selectors.sources_visible_to``), and ``sources`` knows nothing
of claims. Writes go to ``sources/services.py``."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from claims.selectors import sources_visible_to
from claimtracker.openapi import NOT_FOUND, VALIDATION_ERROR, WRITE_ERRORS
from claimtracker.views import ServiceWritesMixin
from sources import services
from sources.filters import SourceFilter
from sources.serializers import SourceInputSerializer, SourceSerializer


@extend_schema_view(
    list=extend_schema(
        summary="List sources behind published fact-checks (the newsroom sees all)",
        responses={200: SourceSerializer(many=True), 400: VALIDATION_ERROR, 404: NOT_FOUND},
    ),
    retrieve=extend_schema(summary="A source", responses={200: SourceSerializer, 404: NOT_FOUND}),
    create=extend_schema(
        summary="Record a source; an address already known, however spelled, is refused",
        request=SourceInputSerializer,
        responses={201: SourceSerializer, **WRITE_ERRORS},
    ),
    partial_update=extend_schema(
        summary="Edit a source; one that published fact-checks cite keeps its URL (409), and "
        "other edits to it need a public note",
        request=SourceInputSerializer(partial=True),
        responses={200: SourceSerializer, **WRITE_ERRORS},
    ),
)
class SourceViewSet(ServiceWritesMixin, viewsets.ModelViewSet):
    """Sources: where claims appeared and what verdicts cite."""

    http_method_names = ["get", "post", "patch", "head", "options"]
    serializer_class = SourceSerializer
    input_serializer_class = SourceInputSerializer
    filterset_class = SourceFilter

    def get_queryset(self):
        return sources_visible_to(self.request.user).order_by("-published_on", "id")

    def create_with_service(self, *, actor, data: dict):
        data.pop("note", None)  # no fact-check cites a new source yet
        return services.source_create(actor=actor, **data)

    def update_with_service(self, *, instance, actor, data: dict):
        return services.source_update(source=instance, actor=actor, **data)
