"""Public pages cached like the API: the rendered bytes in the shared cache under the public
generations (claimtracker/caching.py), which every public change replaces, with an ETag and
304s. A claim's page is kept under that claim's generation; every other page under the lists'.

Every reader gets the same page (the site shows published claims only, whoever asks), so
every GET may be served from the cache. The ETag is the digest of the bytes unless the view
has a cheaper validator of its own (the claim page's, computed in one query).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from claimtracker.caching import PublicScope

logger = logging.getLogger(__name__)


def content_etag(content: bytes) -> str:
    """A strong validator for these exact bytes."""
    return f'"{hashlib.blake2b(content, digest_size=16).hexdigest()}"'


def serve_public(
    request: HttpRequest,
    render: Callable[[], HttpResponse],
    *,
    etag: str | None = None,
    claim_id: int | None = None,
) -> HttpResponse:
    """The page ``render()`` makes, from the shared cache when it holds it, with an ETag and
    Cache-Control, or a 304 when the reader's copy is current. Only 200s are cached.

    ``claim_id``: the page shows that one claim only, so it is kept under the claim's own
    generation (claimtracker/caching.py), which other claims' changes leave alone."""
    if etag is not None:
        not_modified = get_conditional_response(request, etag=etag)
        if not_modified is not None:
            return with_validators(not_modified, etag)
    scope = PublicScope.current(claim_id=claim_id)
    key = None
    if scope is not None:
        # The language is part of the key: a page is cached in the language it was written in.
        address = f"page|{get_language()}|{request.build_absolute_uri()}"
        key = f"{scope.prefix}:{hashlib.blake2b(address.encode(), digest_size=16).hexdigest()}"
    hit = _read(key) if key else None
    if hit is not None:
        content, headers, cached_etag = hit
        response = HttpResponse(content, headers=headers)
    else:
        # Asked before reading, as the API does (claimtracker/caching.py): what a lagging
        # replica reads is served, never stored.
        store = key is not None and scope.may_store()
        response = render()
        if hasattr(response, "render") and not response.is_rendered:
            response.render()  # a TemplateResponse (the sitemap's)
        if response.status_code != 200 or response.streaming:
            return response
        cached_etag = etag or content_etag(response.content)
        if store:
            # The headers the view set (Content-Type; the sitemap's X-Robots-Tag), never a
            # cookie; the middleware adds its own to every response, cached or not.
            headers = {k: v for k, v in response.headers.items() if k.lower() != "set-cookie"}
            _keep(key, (response.content, headers, cached_etag))
    etag = etag or cached_etag
    # get_conditional_response answers 304 for a matching If-None-Match, else the response.
    return with_validators(get_conditional_response(request, etag=etag, response=response), etag)


def _read(key: str):
    try:
        return cache.get(key)
    except Exception:  # A cache that is down is skipped, never an error.
        logger.warning("Public page cache unavailable", exc_info=True)
        return None


def _keep(key: str, value) -> None:
    try:
        cache.set(key, value, settings.PUBLIC_CACHE_SECONDS)
    except Exception:
        logger.warning("Public page cache unavailable", exc_info=True)


def with_validators(response: HttpResponse, etag: str) -> HttpResponse:
    """A 304 carries the same ETag and Cache-Control as the 200 it stands for (RFC 9110 15.4.5)."""
    response["ETag"] = etag
    # Browsers and shared caches may keep a page as long as an API answer
    # (CLAIMTRACKER_PUBLIC_MAX_AGE); after that they revalidate (a 304).
    response["Cache-Control"] = f"public, max-age={settings.PUBLIC_MAX_AGE}"
    return response


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Decorate a GET-only view whose page is the same for every reader: served through
    ``serve_public``."""

    @require_safe
    @wraps(view)
    def cached_view(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return serve_public(request, lambda: view(request, *args, **kwargs))

    return cached_view
