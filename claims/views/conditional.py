"""Conditional writes: If-Match (412, or 428). If-None-Match on reads (304) is answered with
the cached response, in claimtracker/caching.py."""

from __future__ import annotations

import re
from collections.abc import Callable

from rest_framework import exceptions
from rest_framework.request import Request

from claimtracker.exceptions import PreconditionFailed

# RFC 9110 §8.8.3: entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE, etagc = %x21 / %x23-7E / obs-text.
# A field value is a comma-separated list of them, with optional whitespace (and, §5.6.1,
# empty elements, which are ignored).
ENTITY_TAG = r'(?:W/)?"[\x21\x23-\x7e\x80-\xff]*"'
ENTITY_TAG_LIST = re.compile(rf"^[\s,]*{ENTITY_TAG}(?:[ \t]*,[\s,]*{ENTITY_TAG})*[\s,]*$")
ETAG_VERSION = re.compile(r'^"v(\d+)\.[^"]*"$')


class PreconditionRequired(exceptions.APIException):
    status_code = 428
    default_detail = (
        "This change needs an If-Match header with the claim's ETag, as sent by "
        "GET /api/v1/claims/{id}/, so that it cannot overwrite someone else's edit."
    )
    default_code = "precondition_required"


class MalformedIfMatch(exceptions.ParseError):
    default_detail = (
        'If-Match must be "*" or a comma-separated list of quoted entity tags, such as '
        'the ETag header of GET /api/v1/claims/{id}/ ("v3.1a2b…").'
    )
    default_code = "malformed_if_match"


class IfMatchFailed(PreconditionFailed):
    """None of the If-Match entity tags is the claim's current ETag (412)."""

    def __init__(self, *, current_etag: str) -> None:
        self.current_etag = current_etag
        super().__init__(
            f"If-Match names none of the claim's current ETag {current_etag} (compared whole "
            "and strongly: a weak W/ tag never matches). Reload the claim and apply your change "
            "again."
        )

    def payload(self) -> dict:
        return {"detail": str(self), "current_version": version_of(self.current_etag)}


def if_match_tags(request: Request) -> list[str] | None:
    """The entity tags of If-Match, or None for ``*``; 428 without it, 400 if malformed."""
    header = request.headers.get("If-Match", "").strip()
    if not header:
        raise PreconditionRequired()
    if header == "*":
        return None
    if not ENTITY_TAG_LIST.match(header):
        raise MalformedIfMatch()
    return re.findall(ENTITY_TAG, header)


def version_of(etag: str) -> int:
    """The claim version that leads one of our ETags (``"v<version>.<digest>"``)."""
    match = ETAG_VERSION.match(etag)
    return int(match.group(1)) if match else 0


def expected_version(request: Request, current_etag: Callable[[], str]) -> int | None:
    """The claim version the client's If-Match vouches for (RFC 9110 §13.1.1).

    ``*`` means "whatever is current" (None). Otherwise some entity tag in the list must equal
    the current ETag by strong comparison: neither is weak and they are identical character for
    character, digest included; else 412. ``current_etag`` is called only when needed. The
    version returned lets the service refuse a change that lands between this check and its
    row lock.
    """
    tags = if_match_tags(request)
    if tags is None:
        return None
    etag = current_etag()  # only now: "*" costs no query
    if not etag.startswith("W/") and etag in tags:
        return version_of(etag)
    raise IfMatchFailed(current_etag=etag)
