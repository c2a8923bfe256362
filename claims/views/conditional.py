"""Conditional requests: If-None-Match (304) on reads, If-Match (412, or 428) on writes."""

from __future__ import annotations

import re

from django.http import Http404
from django.utils.http import parse_etags
from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework.response import Response

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


def conditional_response(request: Request, etag: str | None, render) -> Response:
    """304 when the client's ETag is current, else ``render()`` with the ETag attached."""
    if etag is None:
        raise Http404
    if etag in parse_etags(request.headers.get("If-None-Match", "")):
        return Response(status=304, headers={"ETag": etag})
    response = render()
    response["ETag"] = etag
    return response
