"""OpenAPI pieces shared by the apps' views: error bodies as the exception handler sends them."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, inline_serializer
from rest_framework import serializers

VALIDATION_ERROR = OpenApiResponse(
    response={
        "type": "object",
        "additionalProperties": {"type": "array", "items": {"type": "string"}},
        "example": {"speaker": ["Unknown speaker: 'nobody'."]},
    },
    description="A parameter is invalid; each key names a parameter, with its messages.",
)
NOT_FOUND = OpenApiResponse(
    response=inline_serializer(name="NotFound", fields={"detail": serializers.CharField()}),
    description="No such object, or not visible to you.",
)
NOT_MODIFIED = OpenApiResponse(description="Not modified: the If-None-Match ETag is current.")
IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="An ETag from an earlier response; 304 if it is still current.",
)
