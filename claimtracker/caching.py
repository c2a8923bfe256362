"""A shared cache of public API responses, retired by public changes only, safe with a lagging
replica.

What the public sees (published claims, their verdicts, the ClaimReview feed) is read far more
often than it changes. The rendered bytes of a public GET are kept in the default cache (Redis
when REDIS_URL is set, else the database table), so every worker shares them, under a key
that holds **generations**: tokens that a public change replaces once its transaction commits.
A response that shows one claim only (its detail, ClaimReview, page) is kept under that
claim's generation; any other (lists, feeds, counts, matches, the site's index pages) under the
lists' generation; both also under the generation of everything. A public change of a claim
replaces its generation and the lists'; a change that many claims may show (a speaker, a
rating...) replaces everything's; a draft's save replaces none. What retires what is decided
in claims/retirement.py. Nothing is purged key by key: a few cache writes retire any number of
entries, on every worker. Entries also expire after PUBLIC_CACHE_SECONDS, so even a change made
behind the application's back (raw SQL) shows within that time.

**A lagging replica.** Anonymous reads may come from a streaming replica (claimtracker/routers.py)
that has not yet replayed the write that made a generation. Each generation therefore records
the primary's WAL position after that write (``pg_current_wal_insert_lsn()``), and a response
read from the replica is stored only when the replica's ``pg_last_wal_replay_lsn()`` has
reached the positions of every generation in its key. Until then the replica's answer is
served uncached (as stale as the replica, no more), so a stale answer never outlives the lag in
the cache. A cached entry keeps the ETag computed in the same snapshot as its body, so a body
is never served under another version's ETag.

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
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import psycopg
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
#
# Three kinds of generation, each a token with the primary's WAL position when it was made:
#   everything       retired by a change that many responses may show (a speaker, topic, source,
#                    publisher, rating or byline name a published claim shows), and by hand;
#   lists            retired by every public change of any claim: lists, feeds, counts, matches,
#                    the site's index pages (anything that may show more than one claim);
#   claim:<id>       retired by a public change of that claim: its detail, ClaimReview, page.
# A list's key holds the everything and lists tokens; a claim's holds everything and its own.
# A missing token (never made, expired, evicted) is replaced by a new random one, never by a
# fixed value, so a lost token can only cost hits, never bring an old entry back.

EVERYTHING = "everything"
LISTS = "lists"
# A claim's token expires when unused for this long (there may be a million of them); its
# entries are then unreachable, which costs hits, never correctness.
CLAIM_GENERATION_SECONDS = 24 * 3600


@dataclass(frozen=True)
class Generation:
    """A public generation: its token, and the primary's WAL position once its write was made
    (None without a replica: every read is from the primary, hence current)."""

    token: str
    position: str | None


def _generation_key(alias: str, part: str = EVERYTHING) -> str:
    return f"public-responses:{database_identity(alias)}:generation:{part}"


def _claim_part(claim_id: int) -> str:
    return f"claim:{int(claim_id)}"


def _part_timeout(part: str) -> int | None:
    return CLAIM_GENERATION_SECONDS if part.startswith("claim:") else None


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


def _new_token() -> str:
    return uuid.uuid4().hex


def _generations(alias: str, parts: list[str]) -> list[Generation]:
    """The current generations of ``parts`` (one cache read), those missing made now.

    A missing one gets the primary's position now; a missing claim's, the lists' position
    instead (``parts`` then holds LISTS before it): every public change of a claim replaces
    the lists' generation at the same position as the claim's, and the lists' only ever moves
    forward, so every public change the claim ever had is at or before it. A replica that
    caught up with the lists may then store the claim's answers at once. So does a claim's
    made with no position (no replica configured then) once the lists' has one."""
    keys = [_generation_key(alias, part) for part in parts]
    values = cache.get_many(keys)
    missing = [(key, part) for key, part in zip(keys, parts, strict=True) if key not in values]
    if missing:
        now: list[str | None] = []
        lists_key = _generation_key(alias, LISTS)
        for key, part in missing:
            if part.startswith("claim:") and lists_key in values:
                position = values[lists_key][1]
            else:
                if not now:
                    now.append(_primary_position())
                position = now[0]
            fresh = (_new_token(), position)
            cache.add(key, fresh, timeout=_part_timeout(part))
            values[key] = cache.get(key) or fresh
    lists = values.get(_generation_key(alias, LISTS))
    generations = []
    for key, part in zip(keys, parts, strict=True):
        token, position = values[key]
        if position is None and part.startswith("claim:") and lists and lists[1] is not None:
            # Made where no replica was configured (before one was): the lists' position
            # stands for it, as for a missing one.
            position = lists[1]
        generations.append(Generation(token, position))
    return generations


def _combined(generations: list[Generation]) -> Generation:
    """One generation standing for several: all tokens, and every position to be replayed
    (None if any is unknown)."""
    positions = [generation.position for generation in generations]
    return Generation(
        ".".join(generation.token for generation in generations),
        None if None in positions else ",".join(positions),
    )


def public_generation(alias: str | None = None) -> Generation:
    """The generation of everything that may show more than one claim (lists, feeds,
    exports), of the database reads go to: it changes with every public change."""
    return _combined(_generations(alias or read_alias(), [EVERYTHING, LISTS]))


def claim_generation(claim_id: int, alias: str | None = None) -> Generation:
    """The generation of one claim's own representations (detail, ClaimReview, page)."""
    everything, _lists, claim = _generations(
        alias or read_alias(), [EVERYTHING, LISTS, _claim_part(claim_id)]
    )
    return _combined([everything, claim])


def retire(*, everything: bool = False, lists: bool = False, claims: Iterable[int] = ()) -> None:
    """Retire cached public responses now: ``everything``; or the lists (lists, feeds,
    counts, index pages) and the claims given. A claim's retirement retires the lists too,
    since they may show it. New generations at the primary's position now."""
    claims = sorted({int(claim_id) for claim_id in claims})
    # Everything's retirement moves the lists' position too (the claims' stand on it).
    parts = [EVERYTHING, LISTS] if everything else ([LISTS] if lists or claims else [])
    if not everything:
        parts += [_claim_part(claim_id) for claim_id in claims]
    if not parts:
        return
    try:
        position = _primary_position()
        by_timeout: dict[int | None, dict[str, tuple]] = {}
        # The claims' first, then the lists' (a claim made on a miss takes the lists' position).
        for part in sorted(parts, key=lambda part: not part.startswith("claim:")):
            by_timeout.setdefault(_part_timeout(part), {})[
                _generation_key(DEFAULT_DB_ALIAS, part)
            ] = (_new_token(), position)
        for timeout, values in by_timeout.items():
            cache.set_many(values, timeout=timeout)
    except Exception:  # A cache that is down holds nothing to retire; entries also expire.
        logger.warning("Could not retire cached public responses", exc_info=True)


def invalidate_public_responses() -> None:
    """Retire every cached public response (a new generation, at the primary's position)."""
    retire(everything=True)


# What a check finds that a committed write retires: everything (True), some claims (their
# ids), or nothing (False or no ids).
CheckResult = bool | Iterable[int]


class _Retirement:
    """What one transaction retires once it commits, gathered from all its writes: the first
    of its on-commit callbacks retires it, the others do nothing.

    Every write registers a callback (``transaction.on_commit``, public API), so a rolled-back
    savepoint drops only its own; a transaction that saves hundreds of objects still writes
    the cache once. What a rolled-back savepoint added while others stay registered stays
    gathered: retiring more than needed is safe. ``checks`` are run after the commit, on the
    primary (``check(ids)`` says what the committed rows show the public), so that a change
    racing with a publication is judged on what was committed."""

    def __init__(self) -> None:
        self.done = False
        self.everything = False
        self.claims: set[int] = set()
        self.checks: dict[Callable[[set[int]], CheckResult], set[int]] = {}

    def __call__(self) -> None:
        if self.done:
            return
        self.done = True
        everything, claims = self.everything, set(self.claims)
        try:
            for check, ids in self.checks.items():
                if everything:
                    break
                found = check(ids)
                if found is True:
                    everything = True
                elif found:
                    claims.update(found)
        except Exception:  # Unknown: retire everything rather than risk a stale answer.
            logger.warning("Could not tell what a write changed; retiring all", exc_info=True)
            everything = True
        retire(everything=everything, claims=claims)


_pending = threading.local()


def _awaiting_commit(retirement: _Retirement, using: str) -> bool:
    """Whether the current transaction will run ``retirement`` at commit: a rollback (of the
    transaction, or of every savepoint that registered it) drops it, and what it gathered."""
    return any(entry[1] is retirement for entry in connections[using].run_on_commit)


def retire_on_commit(
    *,
    everything: bool = False,
    claims: Iterable[int] = (),
    check: Callable[[set[int]], CheckResult] | None = None,
    ids: Iterable[int] = (),
    using: str = DEFAULT_DB_ALIAS,
) -> None:
    """Retire cached public responses once the current transaction commits, once per
    transaction however many objects it saves: ``everything``, ``claims`` (and the lists), and
    whatever ``check(ids)`` finds after the commit."""
    retirements = _pending.__dict__.setdefault("by_alias", {})
    retirement = retirements.get(using)
    if retirement is None or retirement.done or not _awaiting_commit(retirement, using):
        retirement = retirements[using] = _Retirement()
    retirement.everything |= everything
    retirement.claims.update(int(claim_id) for claim_id in claims)
    if check is not None:
        retirement.checks.setdefault(check, set()).update(int(pk) for pk in ids if pk)
    transaction.on_commit(retirement, using=using)


def invalidate_on_commit(using: str = DEFAULT_DB_ALIAS) -> None:
    """Retire every cached public response once the current transaction commits."""
    retire_on_commit(everything=True, using=using)


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
            "SELECT coalesce(pg_last_wal_replay_lsn() >= ALL(%s::pg_lsn[]), true)",
            [generation.position.split(",")],
        )
        return cursor.fetchone()[0]


class PublicScope:
    """Where public reads made now are cached: the key prefix of the current generations (of
    the lists, or of one claim), and whether what is read now may be stored there (asked only
    on a miss, before reading)."""

    def __init__(self, alias: str, generation: Generation, *, claim_id: int | None = None) -> None:
        self.alias = alias
        self.generation = generation
        part = "lists" if claim_id is None else f"claim.{int(claim_id)}"
        self.prefix = f"public-responses:{database_identity(alias)}:{part}:{generation.token}"
        self._may_store: bool | None = None

    @classmethod
    def current(cls, *, claim_id: int | None = None) -> PublicScope | None:
        """The scope of responses that may show any claim, or (``claim_id``) of that claim's
        own representations. None when the public cache is off or unavailable."""
        if _timeout() <= 0:
            return None
        alias = read_alias()
        try:
            if claim_id is None:
                return cls(alias, public_generation(alias))
            return cls(alias, claim_generation(claim_id, alias), claim_id=claim_id)
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
    wrapper = connections[alias]
    wrapper.ensure_connection()
    raw = wrapper.connection
    saved = (raw.isolation_level, raw.read_only)
    # psycopg then opens the transaction with "BEGIN ISOLATION LEVEL REPEATABLE READ READ
    # ONLY": one round trip, where BEGIN and SET TRANSACTION took two.
    raw.isolation_level, raw.read_only = psycopg.IsolationLevel.REPEATABLE_READ, True
    try:
        with transaction.atomic(using=alias):
            yield
    finally:
        try:
            raw.isolation_level, raw.read_only = saved
        except psycopg.Error:
            # The connection broke mid-block: never hand it on read-only.
            wrapper.close()


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
        claim_id: int | None = None,
    ) -> HttpResponse:
        """``render()``, or its cached bytes. ``public``: the reader sees what anonymous readers
        see (the view decides). ``etag``: the representation's validator (None: not found),
        computed in the same snapshot as the body, answered with 304 on If-None-Match.
        ``claim_id``: the response shows that one claim only (a detail, a ClaimReview), so it
        is kept under the claim's generation, which other claims' changes leave alone."""
        if etag is not None and request.headers.get("If-None-Match"):
            # Revalidation, the common case for a client that polls: one query, read now
            # (from the replica or the primary, as the body would be), and no cache lookups.
            tag = etag()
            if tag is None:
                raise Http404
            if tag in parse_etags(request.headers["If-None-Match"]):
                return Response(status=304, headers={"ETag": tag})
        address = self._public_address(request) if public else None
        scope = PublicScope.current(claim_id=claim_id) if address is not None else None
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
