"""The speakers API, each speaker with a scorecard of published verdicts."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from claims import services
from claims.filters import SpeakerFilter
from claims.selectors import speaker_rating_counts, speakers_visible_to
from claims.serializers import SpeakerDetailSerializer, SpeakerInputSerializer, SpeakerSerializer
from claimtracker.openapi import NOT_FOUND, VALIDATION_ERROR, WRITE_ERRORS
from claimtracker.views import ServiceWritesMixin


@extend_schema_view(
    list=extend_schema(
        summary="List speakers",
        description="Speakers with at least one published claim, and the number of those "
        "(staff: every speaker, with the same published count).",
        responses={200: SpeakerSerializer(many=True), 400: VALIDATION_ERROR, 404: NOT_FOUND},
    ),
    retrieve=extend_schema(
        summary="A speaker with a scorecard of published verdicts",
        description="Anonymous clients see only speakers with a published claim; staff see all.",
        responses={200: SpeakerDetailSerializer, 404: NOT_FOUND},
    ),
    create=extend_schema(
        summary="Add a speaker",
        request=SpeakerInputSerializer,
        responses={201: SpeakerDetailSerializer, **WRITE_ERRORS},
    ),
    partial_update=extend_schema(
        summary="Edit a speaker (aliases, when given, replace the list)",
        request=SpeakerInputSerializer(partial=True),
        responses={200: SpeakerDetailSerializer, **WRITE_ERRORS},
    ),
)
class SpeakerViewSet(ServiceWritesMixin, viewsets.ModelViewSet):
    """People and organisations whose claims are checked."""

    http_method_names = ["get", "post", "patch", "head", "options"]
    input_serializer_class = SpeakerInputSerializer

    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"
    filterset_class = SpeakerFilter

    def get_queryset(self):
        # Anonymous and non-staff clients see only speakers with a published claim.
        return speakers_visible_to(self.request.user).order_by("name", "id")

    def get_serializer_class(self):
        return SpeakerSerializer if self.action == "list" else SpeakerDetailSerializer

    def get_object(self):
        speaker = super().get_object()
        speaker.rating_counts = speaker_rating_counts(speaker)
        return speaker

    def create_with_service(self, *, actor, data: dict):
        return services.speaker_create(actor=actor, **data)

    def update_with_service(self, *, instance, actor, data: dict):
        return services.speaker_update(speaker=instance, actor=actor, **data)
