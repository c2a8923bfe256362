"""OpenAPI pieces shared by the apps' views: error bodies as the exception handler sends them."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, inline_serializer
from rest_framework import serializers

VALIDATION_ERROR = OpenApiResponse(
    response={
        "type": "object",
        "additionalProperties": {
            "anyOf": [
                {"type": "array", "items": {"type": "string"}},
                # A list of objects: one entry per item, empty for the valid ones.
                {"type": "array", "items": {"type": "object"}},
                # A nested object's fields, or a list's items by position ("0", "3").
                {"type": "object"},
            ]
        },
        "example": {"speaker": ["Unknown speaker: 'nobody'."]},
    },
    description="A parameter or field is invalid; each key names one, with its messages "
    "(nested like the request for objects and lists). `body` is the request body as a whole: "
    "not JSON, not UTF-8.",
)
NOT_FOUND = OpenApiResponse(
    response=inline_serializer(name="NotFound", fields={"detail": serializers.CharField()}),
    description="No such object, or not visible to you.",
)
GONE = OpenApiResponse(
    response=inline_serializer(
        name="Gone",
        fields={
            "detail": serializers.CharField(),
            "retracted_at": serializers.DateTimeField(allow_null=True),
            "note": serializers.CharField(),
        },
    ),
    description="The fact-check was retracted: when, and the editors' public note.",
)
NOT_MODIFIED = OpenApiResponse(description="Not modified: the If-None-Match ETag is current.")
IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="An ETag from an earlier response; 304 if it is still current.",
)


def _detail(name: str, description: str) -> OpenApiResponse:
    return OpenApiResponse(
        response=inline_serializer(name=name, fields={"detail": serializers.CharField()}),
        description=description,
    )


UNAUTHORIZED = _detail("Unauthorized", "No valid credentials: send Authorization: Token <key>.")
FORBIDDEN = _detail("Forbidden", "Your role does not allow this action.")
CONFLICT = _detail(
    "Conflict",
    "The change does not fit the claim's current state; an illegal transition also names "
    "`status` and `allowed_actions`.",
)
PRECONDITION_FAILED = _detail(
    "PreconditionFailed",
    "The If-Match ETag is not current: someone changed the claim. The response's ETag header "
    "is the current one; `current_version` is the claim's version.",
)
PRECONDITION_REQUIRED = _detail("PreconditionRequired", "The If-Match header is missing.")
IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description="The claim's ETag from GET /api/v1/claims/{id}/; a stale one gets 412.",
)


# What any POST or PATCH may answer besides success.
WRITE_ERRORS = {
    400: VALIDATION_ERROR,
    401: UNAUTHORIZED,
    403: FORBIDDEN,
    404: NOT_FOUND,
    409: CONFLICT,
}

# What a write to a claim (If-Match required) may answer besides success.
GUARDED_WRITE_ERRORS = {
    **WRITE_ERRORS,
    412: PRECONDITION_FAILED,
    428: PRECONDITION_REQUIRED,
}


THROTTLED_RESPONSE = {
    "description": "Too many requests from this client (or, for POST /api/v1/auth/token/, "
    "too many attempts): wait the Retry-After seconds.",
    "headers": {
        "Retry-After": {
            "schema": {"type": "integer"},
            "description": "Seconds until a request may succeed again.",
        }
    },
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Throttled"}}},
}
HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


def document_throttling(result, generator, request, public):
    """drf-spectacular postprocessing hook: every operation is throttled, so each may answer
    429 with Retry-After."""
    result.setdefault("components", {}).setdefault("schemas", {})["Throttled"] = {
        "type": "object",
        "properties": {"detail": {"type": "string"}},
        "required": ["detail"],
        "example": {"detail": "Request was throttled. Expected available in 42 seconds."},
    }
    for operation in _operations(result):
        operation.setdefault("responses", {}).setdefault("429", THROTTLED_RESPONSE)
    return result


def _operations(result):
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method in HTTP_METHODS:
                yield operation


def _server_refusal(description: str) -> dict:
    return {"description": description, "content": {"text/html": {"schema": {"type": "string"}}}}


# What the HTTP server (gunicorn, or a proxy in front of it) refuses before Django sees the
# request, in its own words (HTML): limits on the request line and headers that keep a client
# from making a worker buffer without end. Percent-encoded text takes up to 12 bytes a character,
# so a long `q` or `text` can pass its parameter's limit and still make too long a URL.
SERVER_LIMIT_RESPONSES = {
    "414": _server_refusal(
        "The URL is longer than the HTTP server reads (gunicorn: a 4,094-byte request line)."
    ),
    "431": _server_refusal(
        "A header is longer than the HTTP server reads (gunicorn: 8,190 bytes)."
    ),
}


def document_server_limits(result, generator, request, public):
    """drf-spectacular postprocessing hook: any operation may meet the HTTP server's limits."""
    for operation in _operations(result):
        for status_code, response in SERVER_LIMIT_RESPONSES.items():
            operation.setdefault("responses", {}).setdefault(status_code, response)
    return result
