"""API throttles: DRF's, counted in the shared default cache (settings.REST_FRAMEWORK), and
the IETF ``RateLimit`` / ``RateLimit-Policy`` headers that show a client where it stands.

The headers follow draft-ietf-httpapi-ratelimit-headers (structured fields, one policy per
throttle that counted the request): ``RateLimit-Policy: "anon";q=120;w=60`` (the quota and
its window in seconds) and ``RateLimit: "anon";r=117;t=42`` (requests left, and seconds until
the oldest counted request leaves the window).
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass

from redis.exceptions import RedisError
from rest_framework import throttling

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RateLimitState:
    """Where one client stands against one throttle, after counting this request."""

    policy: str
    quota: int
    window: int
    remaining: int
    reset: int

    def policy_header(self) -> str:
        return f'"{self.policy}";q={self.quota};w={self.window}'

    def header(self) -> str:
        return f'"{self.policy}";r={self.remaining};t={self.reset}'


class CacheDownAllowsMixin:
    """With Redis unreachable, let the request through and log it rather than fail it: losing
    the limit for a while is better than losing the API. (A database cache that is down takes
    the whole request down anyway: 503.)

    A counted request also leaves its ``RateLimitState`` on the Django request, which
    ``RateLimitHeadersMiddleware`` turns into headers.
    """

    def allow_request(self, request, view) -> bool:
        try:
            allowed = super().allow_request(request, view)
        except RedisError as error:
            logger.warning("Not throttled: the cache is unreachable (%s).", error)
            return True
        if getattr(self, "key", None) is not None and self.rate is not None:
            self._record(request, allowed)
        return allowed

    def _record(self, request, allowed: bool) -> None:
        used = len(self.history)
        oldest = self.history[-1] if self.history else self.now
        state = RateLimitState(
            policy=self.scope,
            quota=self.num_requests,
            window=self.duration,
            remaining=max(self.num_requests - used, 0) if allowed else 0,
            reset=max(math.ceil(self.duration - (self.now - oldest)), 0),
        )
        django_request = getattr(request, "_request", request)
        django_request.rate_limits = [*getattr(django_request, "rate_limits", []), state]


class RateLimitHeadersMiddleware:
    """Adds ``RateLimit`` and ``RateLimit-Policy`` to every response whose request a throttle
    counted (the API's; the admin and the health probes are not throttled)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        states = getattr(request, "rate_limits", None)
        if states:
            response["RateLimit-Policy"] = ", ".join(state.policy_header() for state in states)
            response["RateLimit"] = ", ".join(state.header() for state in states)
        return response


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
