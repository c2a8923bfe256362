"""The topics API."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from claims import services
from claims.selectors import topics_with_counts
from claims.serializers import TopicInputSerializer, TopicSerializer
from claimtracker.openapi import NOT_FOUND, VALIDATION_ERROR, WRITE_ERRORS
from claimtracker.views import ServiceWritesMixin


@extend_schema_view(
    list=extend_schema(
        summary="List topics",
        responses={200: TopicSerializer(many=True), 400: VALIDATION_ERROR, 404: NOT_FOUND},
    ),
    retrieve=extend_schema(summary="A topic", responses={200: TopicSerializer, 404: NOT_FOUND}),
    create=extend_schema(
        summary="Add a topic",
        request=TopicInputSerializer,
        responses={201: TopicSerializer, **WRITE_ERRORS},
    ),
    partial_update=extend_schema(
        summary="Edit a topic",
        request=TopicInputSerializer(partial=True),
        responses={200: TopicSerializer, **WRITE_ERRORS},
    ),
)
class TopicViewSet(ServiceWritesMixin, viewsets.ModelViewSet):
    """Subjects claims are filed under."""

    http_method_names = ["get", "post", "patch", "head", "options"]
    input_serializer_class = TopicInputSerializer

    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"
    serializer_class = TopicSerializer
    queryset = topics_with_counts().order_by("name", "id")

    def create_with_service(self, *, actor, data: dict):
        return services.topic_create(actor=actor, **data)

    def update_with_service(self, *, instance, actor, data: dict):
        return services.topic_update(topic=instance, actor=actor, **data)
