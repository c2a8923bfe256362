"""A shared cache of public API responses, emptied by every write.

What the public sees (published claims, their verdicts, the ClaimReview feed) is read far more
often than it changes. The rendered bytes of a public GET are kept in the default cache (Redis
when REDIS_URL is set, else the database table), so every worker shares them, under a key
that holds the **public generation**: a token that every write replaces once its transaction
commits. A write therefore retires every cached response at once, in one cache write, on every
worker; nothing is purged key by key, and a stale page can only outlive a write by the time
the write takes to commit. Entries also expire after PUBLIC_CACHE_SECONDS, so even a change
made behind the application's back (raw SQL) shows within that time.

Only readers who see the public representation share it: staff and the newsroom, who see
unpublished claims, always get a fresh response. A cache that fails (Redis down) is skipped,
never an error.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from rest_framework.request import Request
from rest_framework.response import Response

logger = logging.getLogger(__name__)

GENERATION_KEY = "public-responses:generation"


def _timeout() -> int:
    return settings.PUBLIC_CACHE_SECONDS


def public_generation() -> str:
    """The current generation token, created if the cache has none."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def invalidate_public_responses() -> None:
    """Retire every cached public response (a new generation)."""
    try:
        cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    except Exception:  # A cache that is down holds nothing to retire; entries also expire.
        logger.warning("Could not retire cached public responses", exc_info=True)


def invalidate_on_commit() -> None:
    """Retire cached public responses once the current transaction commits: once per
    transaction level, however many objects it saves (an article import saves hundreds)."""
    connection = transaction.get_connection()
    # One callback per savepoint level is enough: Django runs or drops the callbacks of a
    # level together (a rolled-back savepoint drops its own, and only its own).
    here = set(connection.savepoint_ids)
    if any(
        callback is invalidate_public_responses and savepoints == here
        for savepoints, callback, _ in connection.run_on_commit
    ):
        return
    transaction.on_commit(invalidate_public_responses)


class PublicResponseCacheMixin:
    """For DRF views: serve repeated public GETs from the shared cache.

    Wrap the rendering of a response in ``self.cached(request, render)``; the response is
    stored after DRF has rendered it (``finalize_response``), only when it is a 200.
    """

    _public_cache_key: str | None = None

    def cached(self, request: Request, render: Callable[[], Response]) -> HttpResponse:
        key = self._public_key(request)
        if key is None:
            return render()
        hit = read_public(key)
        if hit is not None:
            content, content_type = hit
            return HttpResponse(content, content_type=content_type)
        self._public_cache_key = key
        return render()

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        key, self._public_cache_key = self._public_cache_key, None
        if key and isinstance(response, Response) and response.status_code == 200:
            response.render()
            keep_public(key, (response.content, response["Content-Type"]))
        return response

    def _public_key(self, request: Request) -> str | None:
        if request.method != "GET":
            return None
        # Imported here: claims depends on claimtracker, not the reverse.
        from claims.selectors import user_sees_unpublished

        if user_sees_unpublished(request.user):
            return None
        # The absolute URL: links in the body carry the scheme and host it was asked with.
        return public_cache_key(f"{request.accepted_media_type}|{request.build_absolute_uri()}")


def public_cache_key(address: str) -> str | None:
    """The cache key of the public response named by ``address`` (its media type and absolute
    URL) in the current generation; None when the cache is off or cannot be reached."""
    if _timeout() <= 0:
        return None
    try:
        generation = public_generation()
    except Exception:
        logger.warning("Public response cache unavailable", exc_info=True)
        return None
    digest = hashlib.blake2b(address.encode(), digest_size=16).hexdigest()
    return f"public-responses:{generation}:{digest}"


def read_public(key: str):
    """The cached value at ``key``, or None (also when the cache is down)."""
    try:
        return cache.get(key)
    except Exception:
        logger.warning("Public response cache unavailable", exc_info=True)
        return None


def keep_public(key: str, value) -> None:
    """Keep ``value`` at ``key`` until the generation changes or the entries expire."""
    try:
        cache.set(key, value, _timeout())
    except Exception:
        logger.warning("Public response cache unavailable", exc_info=True)
