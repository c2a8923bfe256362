"""A shared cache of public API responses, emptied by every write, safe with a lagging replica.

What the public sees (published claims, their verdicts, the ClaimReview feed) is read far more
often than it changes. The rendered bytes of a public GET are kept in the default cache (Redis
when REDIS_URL is set, else the database table), so every worker shares them, under a key
that holds the **public generation**: a token that every write replaces once its transaction
commits. A write therefore retires every cached response at once, in one cache write, on every
worker; nothing is purged key by key. Entries also expire after PUBLIC_CACHE_SECONDS, so even a
change made behind the application's back (raw SQL) shows within that time.

**A lagging replica.** Anonymous reads may come from a streaming replica (claimtracker/routers.py)
that has not yet replayed the write that made the generation. Each generation therefore records
the primary's WAL position after that write (``pg_current_wal_insert_lsn()``), and a response read
from the replica is stored only when the replica's ``pg_last_wal_replay_lsn()`` has reached it.
Until then the replica's answer is served uncached (as stale as the replica, no more), so a stale
answer never outlives the lag in the cache. A cached entry keeps the ETag computed in the same
snapshot as its body, so a body is never served under another version's ETag.

**A restored or swapped database.** The keys start with the database's identity (PostgreSQL's
system identifier and the database's OID): a database restored into a new database, or onto
another server, never meets the entries of the old one. ``manage.py retire_public_cache`` retires
them by hand (the restore procedure in docs/operations.md runs it).

Only readers who see the public representation share it: the views say who does (staff and the
newsroom, who see unpublished claims, always get a fresh response). A cache that fails (Redis
down) is skipped, never an error.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.backends.signals import connection_created
from django.http import Http404, HttpResponse
from django.utils.http import parse_etags
from rest_framework.request import Request
from rest_framework.response import Response

from claimtracker.routers import REPLICA, read_alias, replica_configured

logger = logging.getLogger(__name__)

# A WAL position no replica reaches: "unknown, do not store replica reads in this generation".
UNKNOWN_POSITION = "FFFFFFFF/FFFFFFFF"


def _timeout() -> int:
    return settings.PUBLIC_CACHE_SECONDS


# --- The database's identity -------------------------------------------------------------------

_identities: dict[str, str] = {}


def _forget_identity(sender, connection, **kwargs) -> None:
    # A new connection may reach another database (DATABASE_URL changed, databases renamed).
    _identities.pop(connection.alias, None)


connection_created.connect(_forget_identity, dispatch_uid="claimtracker-cache-identity")


def database_identity(alias: str = DEFAULT_DB_ALIAS) -> str:
    """The cluster's system identifier and the database's OID: every key starts with them.

    A physical replica has the primary's; a restore into a new database, or onto another server,
    has others. Read once per database connection."""
    identity = _identities.get(alias)
    if identity is None:
        with connections[alias].cursor() as cursor:
            cursor.execute(
                "SELECT (SELECT system_identifier FROM pg_control_system()), oid "
                "FROM pg_database WHERE datname = current_database()"
            )
            system_identifier, oid = cursor.fetchone()
        identity = _identities[alias] = f"{system_identifier}.{oid}"
    return identity


# --- Generations -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Generation:
    """A public generation: its token, and the primary's WAL position once its write was made
    (None without a replica: every read is from the primary, hence current)."""

    token: str
    position: str | None


def _generation_key(alias: str) -> str:
    return f"public-responses:{database_identity(alias)}:generation"


def _primary_position() -> str | None:
    """The primary's WAL insert position now (past every commit so far), if a replica reads."""
    if not replica_configured():
        return None
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT pg_current_wal_insert_lsn()::text")
            return cursor.fetchone()[0]
    except Exception:
        logger.warning("Could not read the primary's WAL position", exc_info=True)
        return UNKNOWN_POSITION


def _new_generation() -> tuple[str, str | None]:
    return (uuid.uuid4().hex, _primary_position())


def public_generation(alias: str | None = None) -> Generation:
    """The current generation (of the database reads go to), created if the cache has none."""
    key = _generation_key(alias or read_alias())
    value = cache.get(key)
    if value is None:
        # The cache lost it (or never had it): a new one, at the primary's position now.
        cache.add(key, _new_generation(), timeout=None)
        value = cache.get(key)
    return Generation(*value)


def invalidate_public_responses() -> None:
    """Retire every cached public response (a new generation, at the primary's position)."""
    try:
        cache.set(_generation_key(DEFAULT_DB_ALIAS), _new_generation(), timeout=None)
    except Exception:  # A cache that is down holds nothing to retire; entries also expire.
        logger.warning("Could not retire cached public responses", exc_info=True)


class _Retirement:
    """One retirement, shared by every save of a transaction: the first of its on-commit
    callbacks retires the cache, the others do nothing.

    Every save registers a callback (``transaction.on_commit``, public API), so a rolled-back
    savepoint drops only its own; a transaction that saves hundreds of objects still writes the
    cache once. A retirement that never ran (its transaction rolled back) serves the next one."""

    def __init__(self) -> None:
        self.done = False

    def __call__(self) -> None:
        if not self.done:
            self.done = True
            invalidate_public_responses()


_pending = threading.local()


def invalidate_on_commit(using: str = DEFAULT_DB_ALIAS) -> None:
    """Retire cached public responses once the current transaction commits: once per
    transaction, however many objects it saves (an article import saves hundreds)."""
    retirements = _pending.__dict__.setdefault("by_alias", {})
    retirement = retirements.get(using)
    if retirement is None or retirement.done:
        retirement = retirements[using] = _Retirement()
    transaction.on_commit(retirement, using=using)


# --- Reading ------------------------------------------------------------------------------------


def replica_has_replayed(alias: str, generation: Generation) -> bool:
    """Whether what ``alias`` reads now includes every write of ``generation``."""
    if alias != REPLICA:
        return True  # The primary: current.
    if generation.position is None:
        return False  # Made where no replica was configured: its position is unknown.
    with connections[alias].cursor() as cursor:
        # NULL: not in recovery (DATABASE_REPLICA_URL names a primary), so it is current.
        cursor.execute(
            "SELECT coalesce(pg_last_wal_replay_lsn() >= %s::pg_lsn, true)",
            [generation.position],
        )
        return cursor.fetchone()[0]


class PublicScope:
    """Where public reads made now are cached: the key prefix of the current generation, and
    whether what is read now may be stored there (asked only on a miss, before reading)."""

    def __init__(self, alias: str, generation: Generation) -> None:
        self.alias = alias
        self.generation = generation
        self.prefix = f"public-responses:{database_identity(alias)}:{generation.token}"
        self._may_store: bool | None = None

    @classmethod
    def current(cls) -> PublicScope | None:
        """None when the public cache is off or unavailable."""
        if _timeout() <= 0:
            return None
        alias = read_alias()
        try:
            return cls(alias, public_generation(alias))
        except Exception:
            logger.warning("Public response cache unavailable", exc_info=True)
            return None

    def may_store(self) -> bool:
        if self._may_store is None:
            self._may_store = replica_has_replayed(self.alias, self.generation)
        return self._may_store


@contextmanager
def one_snapshot() -> Iterator[None]:
    """Every read in the block sees the same snapshot (a read-only REPEATABLE READ transaction
    on the database reads go to), so that an ETag and the body it stands for agree."""
    alias = read_alias()
    if not transaction.get_autocommit(using=alias):  # Already in a transaction: keep it.
        yield
        return
    with transaction.atomic(using=alias):
        with connections[alias].cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


class PublicResponseCacheMixin:
    """For DRF views: serve repeated public GETs from the shared cache.

    Wrap the rendering of a response in ``self.cached(request, render, public=...)``; the
    response is stored after DRF has rendered it (``finalize_response``), only when it is a 200.
    """

    _public_cache_store: tuple[str, str | None] | None = None

    def cached(
        self,
        request: Request,
        render: Callable[[], Response],
        *,
        public: bool,
        etag: Callable[[], str | None] | None = None,
    ) -> HttpResponse:
        """``render()``, or its cached bytes. ``public``: the reader sees what anonymous readers
        see (the view decides). ``etag``: the representation's validator (None: not found),
        computed in the same snapshot as the body, answered with 304 on If-None-Match."""
        if etag is not None and request.headers.get("If-None-Match"):
            # Revalidation, the common case for a client that polls: one query, read now
            # (from the replica or the primary, as the body would be), and no cache lookups.
            tag = etag()
            if tag is None:
                raise Http404
            if tag in parse_etags(request.headers["If-None-Match"]):
                return Response(status=304, headers={"ETag": tag})
        address = self._public_address(request) if public else None
        scope = PublicScope.current() if address is not None else None
        if scope is not None:
            key = f"{scope.prefix}:{address}"
            hit = self._cache_get(key)
            if hit is not None:
                return self._from_cache(request, *hit)
            # Asked before reading: a replica that has replayed the generation's write now
            # reads at least that write below.
            if not scope.may_store():
                key = None
        else:
            key = None
        if etag is None:
            response = render()
            tag = None
        else:
            with one_snapshot():
                tag = etag()
                if tag is None:
                    raise Http404
                if tag in parse_etags(request.headers.get("If-None-Match", "")):
                    return Response(status=304, headers={"ETag": tag})
                response = render()
            response["ETag"] = tag
        if key is not None:
            self._public_cache_store = (key, tag)
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        store, self._public_cache_store = self._public_cache_store, None
        if store and isinstance(response, Response) and response.status_code == 200:
            key, tag = store
            response.render()
            try:
                cache.set(key, (response.content, response["Content-Type"], tag), _timeout())
            except Exception:
                logger.warning("Public response cache unavailable", exc_info=True)
        return response

    @staticmethod
    def _cache_get(key: str):
        try:
            return cache.get(key)
        except Exception:
            logger.warning("Public response cache unavailable", exc_info=True)
            return None

    @staticmethod
    def _from_cache(request: Request, content: bytes, content_type: str, tag: str | None):
        if tag is not None and tag in parse_etags(request.headers.get("If-None-Match", "")):
            return Response(status=304, headers={"ETag": tag})
        response = HttpResponse(content, content_type=content_type)
        if tag is not None:
            response["ETag"] = tag
        return response

    @staticmethod
    def _public_address(request: Request) -> str | None:
        if request.method != "GET" or _timeout() <= 0:
            return None
        # The absolute URL: links in the body carry the scheme and host it was asked with.
        address = f"{request.accepted_media_type}|{request.build_absolute_uri()}"
        return hashlib.blake2b(address.encode(), digest_size=16).hexdigest()
