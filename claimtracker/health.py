"""Health endpoints for load balancers: /healthz the process, /readyz the database, the read
replica (when DATABASE_REPLICA_URL is set) and the cache."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.http import HttpRequest, HttpResponse, JsonResponse

from claimtracker.routers import REPLICA, replica_configured

logger = logging.getLogger(__name__)

# Read, never written: only whether the cache answers matters.
CACHE_PROBE_KEY = "claimtracker:readyz"


def database_ready(alias: str = DEFAULT_DB_ALIAS) -> bool:
    """Whether the database answers ``SELECT 1`` (within settings' connect_timeout)."""
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("readyz: %s database unreachable: %s", alias, error)
        return False
    return True


def replica_ready() -> bool:
    """Whether the read replica answers: anonymous API reads fail (503) while it does not."""
    return database_ready(REPLICA)


def cache_ready() -> bool:
    """Whether the default cache (Redis, or the database table) answers a read."""
    try:
        cache.get(CACHE_PROBE_KEY)
    # Redis and the database raise different errors; any of them means not ready.
    except Exception as error:
        logger.warning("readyz: cache unreachable: %s", error)
        return False
    return True


def readiness() -> dict[str, str]:
    """Each dependency and whether it is "ok" or "unavailable"."""
    checks: list[tuple[str, Callable[[], bool]]] = [("database", database_ready)]
    if replica_configured():
        checks.append(("replica", replica_ready))
    checks.append(("cache", cache_ready))
    return {name: "ok" if check() else "unavailable" for name, check in checks}


class HealthCheckMiddleware:
    """Answer GET /healthz (the process is up) and GET /readyz (the database, the replica if
    one is configured, and the cache answer; 503 if not) before anything else runs.

    Load balancers probe by address, over plain http, and often: answering here skips the
    ALLOWED_HOSTS check, the https redirect, the request log and throttling. The bodies say
    nothing but "ok" or "unavailable".
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info not in {"/healthz", "/readyz"}:
            return self.get_response(request)
        if request.method not in {"GET", "HEAD"}:
            response = JsonResponse({"detail": "Use GET."}, status=405)
            response["Allow"] = "GET, HEAD"
        elif request.path_info == "/healthz":
            response = JsonResponse({"status": "ok"})
        else:
            checks = readiness()
            ready = all(state == "ok" for state in checks.values())
            response = JsonResponse(
                {"status": "ok" if ready else "unavailable", "checks": checks},
                status=200 if ready else 503,
            )
        response["Cache-Control"] = "no-store"
        return response
