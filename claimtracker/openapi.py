"""OpenAPI pieces shared by the apps' views: error bodies as the exception handler sends them."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse


def _ref(component: str) -> dict:
    return {"$ref": f"#/components/schemas/{component}"}


# Components every operation shares (added by ``add_shared_components``): one error body, the
# validation error, the bodies of 409 and 412 with their extra fields.
SHARED_COMPONENTS = {
    "Error": {
        "type": "object",
        "properties": {"detail": {"type": "string"}},
        "required": ["detail"],
        "example": {"detail": "Not found."},
    },
    "ValidationError": {
        "type": "object",
        "description": "Each key names a parameter or field (`body` for the request body as a "
        "whole, `detail` for the object as a whole), with its messages; nested like the request "
        "for objects and lists (a list's items by position).",
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
    "Conflict": {
        "type": "object",
        "properties": {
            "detail": {"type": "string"},
            "status": {
                "type": "string",
                "description": "The claim's status, when an action does not fit it.",
            },
            "allowed_actions": {
                "type": "array",
                "items": {"type": "string"},
                "description": "The actions the claim's status allows, with `status`.",
            },
        },
        "required": ["detail"],
        "example": {
            "detail": "Cannot publish a claim that is draft (draft); allowed actions: submit.",
            "status": "draft",
            "allowed_actions": ["submit"],
        },
    },
    "PreconditionFailed": {
        "type": "object",
        "properties": {
            "detail": {"type": "string"},
            "current_version": {"type": "integer", "description": "The claim's version now."},
        },
        "required": ["detail", "current_version"],
    },
}


def _error(description: str, component: str = "Error") -> OpenApiResponse:
    return OpenApiResponse(response=_ref(component), description=description)


VALIDATION_ERROR = _error(
    "A parameter or field is invalid; each key names one, with its messages.", "ValidationError"
)
NOT_FOUND = _error("No such object, or not visible to you.")
GONE = OpenApiResponse(
    response={
        "type": "object",
        "properties": {
            "detail": {"type": "string"},
            "retracted_at": {"type": "string", "format": "date-time", "nullable": True},
            "note": {"type": "string", "description": "The editors' public note."},
        },
        "required": ["detail", "retracted_at", "note"],
    },
    description="The fact-check was retracted: when, and the editors' public note.",
)
NOT_MODIFIED = OpenApiResponse(description="Not modified: the If-None-Match ETag is current.")
IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="An ETag from an earlier response; 304 if it is still current.",
)
ETAG = OpenApiParameter(
    "ETag",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    response=[200, 201, 304, 412],
    description="The representation's entity tag: send it as If-None-Match to revalidate, or "
    "as If-Match to write.",
)

UNAUTHORIZED = _error(
    "No valid credentials, or an Authorization header that is not `Bearer <token>` "
    "(or `Token <token>`)."
)
FORBIDDEN = _error("Your role does not allow this action.")
CONFLICT = _error(
    "The change does not fit the claim's current state; an illegal transition also names "
    "`status` and `allowed_actions`.",
    "Conflict",
)
PRECONDITION_FAILED = _error(
    "The If-Match ETag is not current: someone changed the claim. The response's ETag header "
    "is the current one; `current_version` is the claim's version.",
    "PreconditionFailed",
)
PRECONDITION_REQUIRED = _error("The If-Match header is missing.")
IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description="The claim's ETag from GET /api/v1/claims/{id}/, a list of ETags (any may "
    "match), or `*`. Compared whole and strongly: a stale, forged or weak (`W/`) one gets 412.",
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


def _json(component: str) -> dict:
    return {"application/json": {"schema": _ref(component)}}


RATE_LIMIT_HEADERS = {
    "RateLimit": {
        "schema": {"type": "string"},
        "description": "Requests left and seconds until the window frees one, e.g. "
        '`"anon";r=117;t=42` (IETF draft-ietf-httpapi-ratelimit-headers).',
    },
    "RateLimit-Policy": {
        "schema": {"type": "string"},
        "description": 'The quota and its window in seconds, e.g. `"anon";q=120;w=60`.',
    },
}
RETRY_AFTER = {
    "Retry-After": {
        "schema": {"type": "integer"},
        "description": "Seconds until a request may succeed again.",
    }
}
LINK_HEADER = {
    "Link": {
        "schema": {"type": "string"},
        "description": 'The next and previous pages (RFC 8288): `<url>; rel="next"`.',
    }
}
THROTTLED_RESPONSE = {
    "description": "Too many requests from this client (or, for POST /api/v1/auth/token/, "
    "too many attempts): wait the Retry-After seconds.",
    "headers": {**RETRY_AFTER, **RATE_LIMIT_HEADERS},
    "content": _json("Error"),
}
# What any operation may answer, whatever it does.
COMMON_RESPONSES = {
    "401": {
        "description": "An Authorization header that is malformed, names another scheme than "
        "Bearer (or Token), or carries an unknown token.",
        "content": _json("Error"),
    },
    "429": THROTTLED_RESPONSE,
    "503": {
        "description": "The database is unavailable for a moment (a restart, a failover): "
        "try again after Retry-After seconds.",
        "headers": RETRY_AFTER,
        "content": _json("Error"),
    },
}
# What an operation with a request body may answer besides.
BODY_RESPONSES = {
    "413": {
        "description": "The request body is larger than the server takes (1 MiB by default).",
        "content": _json("Error"),
    },
    "415": {
        "description": "The body is not application/json.",
        "content": _json("Error"),
    },
}
HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


def add_shared_components(result, generator, request, public):
    """drf-spectacular postprocessing hook: the shared error bodies and the ClaimReview
    shapes, which operations reference; and the responses every operation may give."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.update(SHARED_COMPONENTS)
    schemas.update(CLAIMREVIEW_COMPONENTS)
    for operation in _operations(result):
        responses = operation.setdefault("responses", {})
        for status_code, response in COMMON_RESPONSES.items():
            responses.setdefault(status_code, response)
        if "requestBody" in operation:
            for status_code, response in BODY_RESPONSES.items():
                responses.setdefault(status_code, response)
        for status_code, response in responses.items():
            if status_code.startswith("2"):
                headers = response.setdefault("headers", {})
                headers.update(RATE_LIMIT_HEADERS)
                if _is_page(response):
                    headers.update(LINK_HEADER)
    return result


def _is_page(response: dict) -> bool:
    for media in response.get("content", {}).values():
        reference = media.get("schema", {}).get("$ref", "")
        if reference.rsplit("/", 1)[-1].startswith("Paginated"):
            return True
    return False


def mark_response_fields_required(result, generator, request, public):
    """drf-spectacular postprocessing hook: a response object always carries every field its
    serializer declares (null where there is no value), so all of them are ``required``.

    Request components (``...Request``) keep what the serializers require. Without this, a
    generated client types an always-present field as maybe-missing (``Unset``)."""
    for name, schema in result.get("components", {}).get("schemas", {}).items():
        if name.endswith("Request") or name in SHARED_COMPONENTS or name in CLAIMREVIEW_COMPONENTS:
            continue
        properties = schema.get("properties")
        if schema.get("type") == "object" and properties:
            schema["required"] = sorted(properties)
    return result


def name_ordering_values(result, generator, request, public):
    """drf-spectacular postprocessing hook: readable enum names for ``ordering`` values, which
    generators cannot make names of ("-stated_on" became VALUE_2): STATED_ON_DESC."""
    for operation in _operations(result):
        for parameter in operation.get("parameters", []):
            values = parameter.get("schema", {}).get("enum")
            if parameter.get("name") == "ordering" and values:
                parameter["schema"]["x-enum-varnames"] = [
                    f"{value[1:].upper()}_DESC" if value.startswith("-") else value.upper()
                    for value in values
                ]
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


# --- ClaimReview (schema.org), as claims/claimreview/render.py writes it -----------------------

_SCHEMA_ORG_TYPE = {"type": "string", "description": "The schema.org type."}
_DATE = {"type": "string", "format": "date"}
CLAIMREVIEW_COMPONENTS = {
    "ClaimReviewOrganization": {
        "type": "object",
        "properties": {
            "@type": {**_SCHEMA_ORG_TYPE, "enum": ["Organization"]},
            "name": {"type": "string"},
            "url": {"type": "string", "format": "uri"},
        },
        "required": ["@type", "name"],
    },
    "ClaimReviewPerson": {
        "type": "object",
        "description": "The speaker: a Person, or an Organization.",
        "properties": {
            "@type": {**_SCHEMA_ORG_TYPE, "enum": ["Person", "Organization"]},
            "name": {"type": "string"},
            "jobTitle": {"type": "string"},
            "sameAs": {"type": "array", "items": {"type": "string", "format": "uri"}},
        },
        "required": ["@type", "name"],
    },
    "ClaimReviewAuthor": {
        "type": "object",
        "description": "The organisation (first), or one of the verdict's writers.",
        "properties": {
            "@type": {**_SCHEMA_ORG_TYPE, "enum": ["Organization", "Person"]},
            "name": {"type": "string"},
            "url": {"type": "string", "format": "uri"},
        },
        "required": ["@type", "name"],
    },
    "ClaimReviewCorrection": {
        "type": "object",
        "properties": {
            "@type": {**_SCHEMA_ORG_TYPE, "enum": ["CorrectionComment"]},
            "name": {"type": "string", "enum": ["Correction", "Update"]},
            "text": {"type": "string", "description": "The public note."},
            "datePublished": _DATE,
        },
        "required": ["@type", "name", "text", "datePublished"],
    },
    "ClaimReviewCreativeWork": {
        "type": "object",
        "description": "Where the claim appeared.",
        "properties": {
            "@type": {**_SCHEMA_ORG_TYPE, "enum": ["CreativeWork"]},
            "url": {"type": "string", "format": "uri"},
            "headline": {"type": "string"},
            "datePublished": _DATE,
            "publisher": _ref("ClaimReviewOrganization"),
        },
        "required": ["@type", "url"],
    },
    "ClaimReviewClaim": {
        "type": "object",
        "properties": {
            "@type": {**_SCHEMA_ORG_TYPE, "enum": ["Claim"]},
            "author": _ref("ClaimReviewPerson"),
            "datePublished": _DATE,
            "appearance": {"type": "array", "items": _ref("ClaimReviewCreativeWork")},
            "firstAppearance": _ref("ClaimReviewCreativeWork"),
        },
        "required": ["@type"],
    },
    "ClaimReviewRating": {
        "type": "object",
        "properties": {
            "@type": {**_SCHEMA_ORG_TYPE, "enum": ["Rating"]},
            "alternateName": {"type": "string", "description": "The rating's label."},
            "ratingValue": {"type": "integer", "minimum": 1, "maximum": 5},
            "bestRating": {"type": "integer"},
            "worstRating": {"type": "integer"},
        },
        "required": ["@type", "alternateName"],
    },
    "ClaimReviewIdentifier": {
        "type": "object",
        "description": "The claim's id in this API, and its API URL.",
        "properties": {
            "@type": {**_SCHEMA_ORG_TYPE, "enum": ["PropertyValue"]},
            "propertyID": {"type": "string", "enum": ["claimtracker-claim-id"]},
            "value": {"type": "integer"},
            "url": {"type": "string", "format": "uri"},
        },
        "required": ["@type", "propertyID", "value", "url"],
    },
    "ClaimReview": {
        "type": "object",
        "description": "A schema.org ClaimReview (JSON-LD). Properties without a value are "
        "left out, as Google asks.",
        "properties": {
            "@context": {"type": "string", "enum": ["https://schema.org"]},
            "@type": {**_SCHEMA_ORG_TYPE, "enum": ["ClaimReview"]},
            "url": {"type": "string", "format": "uri", "description": "The public page."},
            "claimReviewed": {"type": "string"},
            "reviewRating": _ref("ClaimReviewRating"),
            "author": {
                "type": "array",
                "description": "The fact-checking organisation, then the people who wrote the "
                "verdict (its contributors), as Persons.",
                "items": _ref("ClaimReviewAuthor"),
                "minItems": 1,
            },
            "datePublished": _DATE,
            "dateModified": {
                "type": "string",
                "format": "date-time",
                "description": "The last public change (publication, correction, public update).",
            },
            "inLanguage": {"type": "string"},
            "correction": {
                "type": "array",
                "description": "Corrections and public updates, oldest first.",
                "items": _ref("ClaimReviewCorrection"),
            },
            "itemReviewed": _ref("ClaimReviewClaim"),
            "identifier": _ref("ClaimReviewIdentifier"),
        },
        "required": [
            "@context",
            "@type",
            "url",
            "claimReviewed",
            "reviewRating",
            "author",
            "itemReviewed",
            "identifier",
        ],
    },
}
