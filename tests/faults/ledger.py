"""Writers that log every acknowledged write, and the check that each one is in the database.

A writer creates a claim citing a source, then edits it again and again with If-Match, citing
the other source each time (a write of the claim row and of its appearance rows). Every 2xx is
logged with the version its ETag names; anything else is logged as a failure. After a failure
the outcome is unknown (the write may have committed before the worker died), so the writer
reads the claim again before its next edit, as a real client would.
"""

from __future__ import annotations

import http.client
import json
import re
import secrets
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import psycopg

ETAG_VERSION = re.compile(r'^"v(\d+)\.')
EDITS_PER_CLAIM = 25


@dataclass(frozen=True)
class Ack:
    """A write the server acknowledged: which claim, the version it made, what it wrote."""

    claim_id: int
    version: int
    context: str
    source_id: int


@dataclass(frozen=True)
class Failure:
    """A request that got no 2xx: its status (None: the connection broke) and when it ran."""

    method: str
    status: int | None
    content_type: str
    retry_after: str | None
    started: float
    ended: float
    error: str = ""


@dataclass
class Ledger:
    """Every acknowledged write and every failure, from all writers."""

    acks: list[Ack] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    ack_times: list[float] = field(default_factory=list)
    requests: int = 0
    stale: int = 0  # 412s; none expected: after a failure the writer reads the claim again
    problems: list[str] = field(default_factory=list)
    # Claims of this run are told apart from others' in the same database by their text.
    claim_text_prefix: str = field(default_factory=lambda: f"Fault test {secrets.token_hex(4)} ")
    lock: threading.Lock = field(default_factory=threading.Lock)

    def acknowledged(self, ack: Ack) -> None:
        with self.lock:
            self.acks.append(ack)
            self.ack_times.append(time.monotonic())

    def failed(self, failure: Failure) -> None:
        with self.lock:
            self.failures.append(failure)

    def problem(self, description: str) -> None:
        with self.lock:
            self.problems.append(description)


@dataclass(frozen=True)
class Reply:
    status: int | None
    headers: dict[str, str]
    body: dict | None
    error: str = ""


class Client:
    """A small HTTP client for the claims API, one connection per request; anonymous without
    a token."""

    def __init__(self, base_url: str, token: str | None, timeout: float = 15) -> None:
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.token = token
        self.timeout = timeout

    def request(self, method: str, path: str, body: dict | None = None, **headers) -> Reply:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        headers = {"Accept": "application/json", "Content-Type": "application/json", **headers}
        if self.token:
            headers["Authorization"] = f"Token {self.token}"
        try:
            connection.request(
                method, path, body=json.dumps(body) if body is not None else None, headers=headers
            )
            response = connection.getresponse()
            raw = response.read()
            reply_headers = {name.lower(): value for name, value in response.getheaders()}
            content_type = reply_headers.get("content-type", "")
            parsed = (
                json.loads(raw) if raw and content_type.startswith("application/json") else None
            )
            return Reply(response.status, reply_headers, parsed)
        except (OSError, http.client.HTTPException) as error:
            return Reply(None, {}, None, error=f"{type(error).__name__}: {error}")
        finally:
            connection.close()


def version_of(etag: str) -> int:
    match = ETAG_VERSION.match(etag)
    assert match, f"Not a claim ETag: {etag!r}"
    return int(match.group(1))


@dataclass(frozen=True)
class State:
    """What a claim holds after a write: its version, context and the source it cites."""

    version: int
    context: str
    source_id: int


class Writer(threading.Thread):
    """One client writing claims until ``stop`` is set.

    After a write whose outcome it does not know (no answer, or a 5xx), it reads the claim
    back: the claim must hold either the last acknowledged write or the one in doubt, whole.
    Anything else is partial state, and a problem in the ledger.
    """

    def __init__(self, name: str, client: Client, sources: dict[int, str], ledger: Ledger, stop):
        super().__init__(name=name, daemon=True)
        self.client, self.sources, self.ledger, self.stop = client, sources, ledger, stop
        self.sequence = 0
        self.error: BaseException | None = None

    def send(self, method: str, path: str, body: dict | None = None, **headers) -> Reply:
        started = time.monotonic()
        reply = self.client.request(method, path, body, **headers)
        with self.ledger.lock:
            self.ledger.requests += 1
        if reply.status is None or not (200 <= reply.status < 300 or reply.status == 412):
            self.ledger.failed(
                Failure(
                    method=method,
                    status=reply.status,
                    content_type=reply.headers.get("content-type", ""),
                    retry_after=reply.headers.get("retry-after"),
                    started=started,
                    ended=time.monotonic(),
                    error=reply.error or json.dumps(reply.body)[:200],
                )
            )
        return reply

    def next_write(self) -> tuple[str, int]:
        self.sequence += 1
        source_ids = sorted(self.sources)
        return f"{self.name}-{self.sequence}", source_ids[self.sequence % len(source_ids)]

    def run(self) -> None:
        try:
            self.write_until_stopped()
        except BaseException as error:  # reported by run_writers, not lost with the thread
            self.error = error

    def write_until_stopped(self) -> None:
        claim_id, known, in_doubt, etag, edits = None, None, None, None, 0
        while not self.stop.is_set():
            if claim_id is None or edits >= EDITS_PER_CLAIM:
                claim_id, known, etag, edits = *self.create(), 0
                in_doubt = None
                continue
            path = f"/api/v1/claims/{claim_id}/"
            if etag is None:
                reply = self.send("GET", path)
                if reply.status != 200:
                    time.sleep(0.05)
                    continue
                etag = reply.headers["etag"]
                known = self.check_read_back(claim_id, reply, known, in_doubt)
                in_doubt = None
                continue
            context, source = self.next_write()
            body = {"context": context, "appearances": [{"source": source, "first": True}]}
            reply = self.send("PATCH", path, body, **{"If-Match": etag})
            edits += 1
            if reply.status == 200:
                etag = reply.headers["etag"]
                known = State(version_of(etag), context, source)
                self.ledger.acknowledged(Ack(claim_id, known.version, context, source))
            elif reply.status == 412:
                self.ledger.stale += 1
                etag = reply.headers["etag"]
            else:
                etag, in_doubt = None, State(known.version + 1, context, source)
                time.sleep(0.05)

    def check_read_back(self, claim_id: int, reply: Reply, known: State, in_doubt) -> State:
        """The claim as read must be the last acknowledged write, or the write in doubt."""
        version = version_of(reply.headers["etag"])
        cited = [(item["url"], item["first"]) for item in reply.body["appearances"]]
        for candidate in (known, in_doubt):
            if (
                candidate is not None
                and candidate.version == version
                and candidate.context == reply.body["context"]
                and cited == [(self.sources[candidate.source_id], True)]
            ):
                return candidate
        self.ledger.problem(
            f"claim {claim_id} read back as version {version}, {reply.body['context']!r} "
            f"citing {cited}; expected {known} or {in_doubt}"
        )
        return State(version, reply.body["context"], known.source_id)

    def create(self) -> tuple[int | None, State | None, str | None]:
        context, source = self.next_write()
        reply = self.send(
            "POST",
            "/api/v1/claims/",
            {
                "text": f"{self.ledger.claim_text_prefix}{context}",
                "context": context,
                "appearances": [{"source": source, "first": True}],
            },
        )
        if reply.status != 201:
            time.sleep(0.05)
            return None, None, None
        etag = reply.headers["etag"]
        state = State(version_of(etag), context, source)
        self.ledger.acknowledged(Ack(reply.body["id"], state.version, context, source))
        return reply.body["id"], state, etag


def run_writers(
    client_factory,
    sources,
    *,
    writers: int,
    seconds: float,
    during=None,
    until=None,
    ledger: Ledger | None = None,
) -> Ledger:
    """Run ``writers`` writers for ``seconds``, or longer while ``until()`` (seconds since the
    start) asks for more; call ``during(elapsed)`` about every 50 ms. Pass ``ledger`` to watch
    it fill while the writers run."""
    ledger, stop = ledger if ledger is not None else Ledger(), threading.Event()
    threads = [
        Writer(f"w{number}", client_factory(), sources, ledger, stop) for number in range(writers)
    ]
    for thread in threads:
        thread.start()
    started = time.monotonic()
    try:
        while (elapsed := time.monotonic() - started) < max(seconds, until() if until else 0):
            if during is not None:
                during(elapsed)
            time.sleep(0.05)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "a writer did not stop"
    for thread in threads:
        if thread.error is not None:
            raise AssertionError(f"writer {thread.name} failed") from thread.error
    return ledger


@dataclass
class Verification:
    """What the database holds against what the ledger says was acknowledged."""

    acknowledged: int
    found: int
    missing: list[Ack]
    problems: list[str]
    claims: int
    unacknowledged_but_committed: int


def verify(ledger: Ledger, database_url: str) -> Verification:
    """Every acknowledged write is in the database, and every claim the writers made is whole.

    An acknowledged write is found when the claim's history holds the version it made with the
    context it wrote. A claim is whole when its versions 1..N each have exactly one history
    event (no version without its event, none lost), it has exactly one appearance, and its
    current row is the last acknowledged write (with the source that write cited) or a later,
    unacknowledged one. Claims whose creation was never acknowledged are checked too.
    """
    acks_of: dict[int, list[Ack]] = defaultdict(list)
    for ack in ledger.acks:
        acks_of[ack.claim_id].append(ack)
    url = database_url.replace("postgres://", "postgresql://", 1)
    with psycopg.connect(url, connect_timeout=5) as connection:
        claims = {
            claim_id: (version, context)
            for claim_id, version, context in connection.execute(
                "SELECT id, version, context FROM claims_claim WHERE text LIKE %s",
                [f"{ledger.claim_text_prefix}%"],
            )
        }
        ids = list(claims)
        history: dict[int, list[tuple[str, int, str]]] = defaultdict(list)
        for claim_id, label, version, context in connection.execute(
            "SELECT pgh_obj_id, pgh_label, version, context FROM claims_claimhistory "
            "WHERE pgh_obj_id = ANY(%s) ORDER BY pgh_id",
            [ids],
        ):
            history[claim_id].append((label, version, context))
        appearances: dict[int, list[tuple[int, bool]]] = defaultdict(list)
        for claim_id, source_id, is_first in connection.execute(
            "SELECT claim_id, source_id, is_first FROM claims_appearance WHERE claim_id = ANY(%s)",
            [ids],
        ):
            appearances[claim_id].append((source_id, is_first))

    missing = [
        ack
        for ack in ledger.acks
        if (ack.version, ack.context) not in {(v, c) for _, v, c in history[ack.claim_id]}
    ]
    problems = list(ledger.problems)
    problems += [f"claim {i}: acknowledged, not in the table" for i in set(acks_of) - set(claims)]
    for claim_id, (version, context) in claims.items():
        labels = [label for label, _, _ in history[claim_id]]
        versions = [event_version for _, event_version, _ in history[claim_id]]
        if labels[:1] != ["insert"] or versions != list(range(1, version + 1)):
            problems.append(f"claim {claim_id}: version {version}, history {labels} {versions}")
        if len(appearances[claim_id]) != 1:
            problems.append(f"claim {claim_id}: appearances {appearances[claim_id]}")
        acks = acks_of.get(claim_id)
        if not acks:
            continue
        last = max(acks, key=lambda ack: ack.version)
        if version < last.version or (
            version == last.version
            and (context, appearances[claim_id]) != (last.context, [(last.source_id, True)])
        ):
            problems.append(
                f"claim {claim_id}: version {version} holds {context!r} citing "
                f"{appearances[claim_id]}; last acknowledged: {last}"
            )
    return Verification(
        acknowledged=len(ledger.acks),
        found=len(ledger.acks) - len(missing),
        missing=missing,
        problems=problems,
        claims=len(claims),
        unacknowledged_but_committed=sum(version for version, _ in claims.values())
        - len({(ack.claim_id, ack.version) for ack in ledger.acks}),
    )
