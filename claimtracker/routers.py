"""The read replica: anonymous read-only API requests read from it, the rest from the primary.

Installed only when ``DATABASE_REPLICA_URL`` is set (settings, database section). A replica lags
behind the primary, so only requests that cannot have written anything, and need not see their
own writes, may use it: safe methods under ``/api/`` with neither a token nor a session cookie.
Signed-in clients (the newsroom, who write) always read the primary, so a client reads its own
writes and an ETag it is given is current. Inside a transaction (the services' locked reads),
in the admin and on every write, the primary is used.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Django's DatabaseCache (throttle counters, cached responses) must count on the primary.
PRIMARY_ONLY_APP_LABELS = frozenset({"django_cache"})

_replica_allowed: ContextVar[bool] = ContextVar("replica_allowed", default=False)


@contextmanager
def replica_reads() -> Iterator[None]:
    """Let reads in this block go to the replica (outside transactions)."""
    token = _replica_allowed.set(True)
    try:
        yield
    finally:
        _replica_allowed.reset(token)


def replica_eligible(request: HttpRequest) -> bool:
    """An anonymous, read-only API request: nothing it does needs the primary."""
    return (
        request.method in SAFE_METHODS
        and request.path.startswith("/api/")
        and "Authorization" not in request.headers
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


class ReplicaReadsMiddleware:
    """Mark anonymous read-only API requests as allowed to read from the replica."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not replica_eligible(request):
            return self.get_response(request)
        with replica_reads():
            return self.get_response(request)


def replica_configured() -> bool:
    """Whether a replica takes reads (settings install the router with DATABASE_REPLICA_URL)."""
    return f"{__name__}.ReplicaRouter" in settings.DATABASE_ROUTERS


def read_alias() -> str:
    """The database that reads of domain models go to here and now: the replica in a
    replica-eligible request (the middleware is installed with the replica) outside a
    transaction, else the primary."""
    if _replica_allowed.get() and not connections[DEFAULT_DB_ALIAS].in_atomic_block:
        return REPLICA
    return DEFAULT_DB_ALIAS


class ReplicaRouter:
    """Reads of replica-eligible requests to the replica; writes and migrations to the primary."""

    def db_for_read(self, model, **hints) -> str:
        if model._meta.app_label in PRIMARY_ONLY_APP_LABELS:
            return DEFAULT_DB_ALIAS
        return read_alias()

    def db_for_write(self, model, **hints) -> str:
        # Explicitly: Django would otherwise write an object back where it was read from.
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        # The replica is a copy of the primary: their objects may be related freely.
        return {obj1._state.db, obj2._state.db} <= {DEFAULT_DB_ALIAS, REPLICA}

    def allow_migrate(self, db: str, app_label: str, **hints) -> bool:
        # The replica follows the primary's schema through replication.
        return db != REPLICA
