"""API throttles: DRF's, counted in the shared default cache (settings.REST_FRAMEWORK)."""

from __future__ import annotations

import logging

from redis.exceptions import RedisError
from rest_framework import throttling

logger = logging.getLogger(__name__)


class CacheDownAllowsMixin:
    """With Redis unreachable, let the request through and log it rather than fail it: losing
    the limit for a while is better than losing the API. (A database cache that is down takes
    the whole request down anyway: 503.)"""

    def allow_request(self, request, view) -> bool:
        try:
            return super().allow_request(request, view)
        except RedisError as error:
            logger.warning("Not throttled: the cache is unreachable (%s).", error)
            return True


class AnonRateThrottle(CacheDownAllowsMixin, throttling.AnonRateThrottle):
    """Requests per anonymous client address: DJANGO_THROTTLE_ANON."""


class UserRateThrottle(CacheDownAllowsMixin, throttling.UserRateThrottle):
    """Requests per signed-in user: DJANGO_THROTTLE_USER.

    DRF's counts anonymous clients by address too, a second counter (and, with the database
    cache, four more queries) per anonymous request that AnonRateThrottle already limits.
    """

    def get_cache_key(self, request, view) -> str | None:
        if not request.user or not request.user.is_authenticated:
            return None
        return super().get_cache_key(request, view)


class ScopedRateThrottle(CacheDownAllowsMixin, throttling.ScopedRateThrottle):
    """A view's own rate, named by its ``throttle_scope``."""
