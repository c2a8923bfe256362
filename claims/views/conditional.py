"""Conditional writes: If-Match (412, or 428). If-None-Match on reads (304) is answered with
the cached response, in claimtracker/caching.py."""

from __future__ import annotations

import re

from rest_framework import exceptions
from rest_framework.request import Request

ETAG_VERSION = re.compile(r'^(?:W/)?"v(\d+)\.[0-9a-f]+"$')


def expected_version(request: Request) -> int | None:
    """The claim version named by If-Match; 428 without the header.

    ``*`` means "whatever is current". An ETag that names no version can never match, so it
    gets the same 412 as a stale one.
    """
    header = request.headers.get("If-Match", "").strip()
    if not header:
        raise PreconditionRequired()
    if header == "*":
        return None
    match = ETAG_VERSION.match(header.split(",")[0].strip())
    return int(match.group(1)) if match else 0


class PreconditionRequired(exceptions.APIException):
    status_code = 428
    default_detail = (
        "This change needs an If-Match header with the claim's ETag, as sent by "
        "GET /api/v1/claims/{id}/, so that it cannot overwrite someone else's edit."
    )
    default_code = "precondition_required"
