"""The mixed workload: anonymous readers while fact-checkers save drafts (bench/run.py).

Readers: CONCURRENCY threads with keep-alive connections, each going round its own shuffled
copy of a few hundred distinct public URLs of the real API (list pages, page sizes, speaker,
topic and rating filters, details, ClaimReviews, the ClaimReview feed), read once before the
timed phases so that the cache holds them, as it would on a live site. Writers: fact-checkers
PATCHing draft claims through the API with a token (``If-Match: *``), as a newsroom's editing
tool does, at a fixed rate (open loop: a write is due every 1/rate s, whatever the previous
one took). Phases, in turn, each repeat: read-only, then writes at each rate of WRITE_RATES.
Reported: read throughput in each phase, as a share of the read-only one of the same repeat
(medians over repeats), and the writes per second actually done.
"""

from __future__ import annotations

import http.client
import json
import random
import statistics
import subprocess
import sys
import threading
import time

import psycopg

WRITE_RATES = (2, 10)
WRITER_THREADS = 4
READERS = 8
USERNAME = "bench-fact-checker"

_SETUP = """
import django, json
django.setup()
from django.contrib.auth import get_user_model
from rest_framework.authtoken.models import Token
from claims.services.newsroom import newsroom_user_create
user = get_user_model().objects.filter(username={username!r}).first()
if user is None:
    user = newsroom_user_create(
        username={username!r}, password="bench-only pass phrase 1234", role="fact-checker"
    )
print(json.dumps(Token.objects.get_or_create(user=user)[0].key))
"""


def writer_token(environment: dict, cwd) -> str:
    """A fact-checker's API token in the benchmark database (made once, then reused)."""
    # manage.py's settings: the setup is a command, not the server under test.
    environment = {**environment, "DJANGO_SETTINGS_MODULE": "claimtracker.settings.local"}
    output = subprocess.run(
        [sys.executable, "-c", _SETUP.format(username=USERNAME)],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def read_urls(url: str) -> list[str]:
    """A few hundred distinct public URLs, drawn from the generated data."""
    with psycopg.connect(url) as connection:
        speakers = [
            row[0]
            for row in connection.execute(
                "SELECT s.slug FROM claims_speaker s JOIN claims_claim c ON c.speaker_id = s.id "
                "WHERE c.status = 'published' GROUP BY s.slug ORDER BY count(*) DESC, s.slug "
                "LIMIT 40"
            )
        ]
        topics = [
            row[0]
            for row in connection.execute(
                "SELECT t.slug FROM claims_topic t JOIN claims_claim_topics ct "
                "ON ct.topic_id = t.id GROUP BY t.slug ORDER BY count(*) DESC, t.slug LIMIT 40"
            )
        ]
        ratings = [
            row[0]
            for row in connection.execute(
                "SELECT slug FROM claims_rating WHERE NOT external ORDER BY slug"
            )
        ]
        claims = [
            row[0]
            for row in connection.execute(
                "SELECT id FROM claims_claim WHERE status = 'published' "
                "ORDER BY published_at DESC, id DESC LIMIT 80"
            )
        ]
    base = "/api/v1/claims/"
    urls = [f"{base}?page={page}" for page in range(1, 61)]
    urls += [f"{base}?page_size=50&page={page}" for page in range(1, 11)]
    urls += [f"{base}?speaker={slug}" for slug in speakers]
    urls += [f"{base}?topic={slug}" for slug in topics]
    urls += [f"{base}?topic={slug}&page=2" for slug in topics[:10]]
    urls += [f"{base}?rating={slug}&page={page}" for slug in ratings for page in (1, 2, 3)]
    urls += [f"{base}?rating=false&published_after={year}-01-01" for year in range(2016, 2026)]
    urls += [f"{base}{pk}/" for pk in claims]
    urls += [f"{base}{pk}/claimreview/" for pk in claims[:30]]
    urls += ["/api/v1/claimreview/", "/api/v1/claimreview/?page_size=50"]
    return urls


def draft_ids(url: str) -> list[int]:
    with psycopg.connect(url) as connection:
        return [
            row[0]
            for row in connection.execute(
                "SELECT id FROM claims_claim WHERE status = 'draft' ORDER BY id LIMIT 300"
            )
        ]


def _readers(host: str, port: int, urls: list[str], seconds: float) -> dict:
    counts = {"requests": 0, "errors": 0}
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def reader(seed: int) -> None:
        mine = list(urls)
        random.Random(seed).shuffle(mine)
        connection = http.client.HTTPConnection(host, port, timeout=30)
        done = errors = 0
        index = 0
        while time.monotonic() < deadline:
            path = mine[index % len(mine)]
            index += 1
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    errors += 1
                done += 1
            except (OSError, http.client.HTTPException):
                errors += 1
                connection = http.client.HTTPConnection(host, port, timeout=30)
        with lock:
            counts["requests"] += done
            counts["errors"] += errors

    started = time.monotonic()
    threads = [threading.Thread(target=reader, args=(seed,)) for seed in range(READERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 60)
    counts["seconds"] = time.monotonic() - started
    counts["rps"] = counts["requests"] / counts["seconds"]
    return counts


def _writers(host: str, port: int, token: str, drafts: list[int], rate: float, stop) -> dict:
    """PATCH drafts at ``rate`` a second until ``stop`` is set: the writes done and refused."""
    result = {"writes": 0, "errors": 0, "latencies": []}
    lock = threading.Lock()
    started = time.monotonic()
    due = iter(range(10**9))
    headers = {
        "Authorization": f"Bearer {token}",
        "Content-Type": "application/json",
        "If-Match": "*",
    }

    def writer(seed: int) -> None:
        pick = random.Random(seed)
        connection = http.client.HTTPConnection(host, port, timeout=30)
        while not stop.is_set():
            with lock:
                number = next(due)
            wait = started + number / rate - time.monotonic()
            if wait > 0 and stop.wait(wait):
                return
            body = json.dumps({"context": f"Draft note {number}, saved by the benchmark."})
            began = time.perf_counter()
            try:
                connection.request(
                    "PATCH", f"/api/v1/claims/{pick.choice(drafts)}/", body=body, headers=headers
                )
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                connection = http.client.HTTPConnection(host, port, timeout=30)
            with lock:
                result["writes" if ok else "errors"] += 1
                result["latencies"].append(time.perf_counter() - began)

    threads = [threading.Thread(target=writer, args=(seed,)) for seed in range(WRITER_THREADS)]
    for thread in threads:
        thread.start()
    return {"threads": threads, "result": result, "started": started}


def run(
    *, url: str, host: str, port: int, environment: dict, cwd, seconds: float, repeats: int, log
) -> dict:
    """The mixed workload against the real API on ``port``; returns its figures."""
    token = writer_token(environment, cwd)
    drafts = draft_ids(url)
    urls = read_urls(url)
    if not drafts:
        raise SystemExit("The benchmark database has no draft claim to edit.")
    # A live site's cache holds what its readers read: fill it.
    warmed = _warm(host, port, urls)
    log(f"  mixed workload: {len(urls)} URLs ({warmed} answered 200), {len(drafts)} drafts")
    phases: dict[str, list[dict]] = {}
    for _ in range(repeats):
        phases.setdefault("read-only", []).append(_readers(host, port, urls, seconds))
        for rate in WRITE_RATES:
            stop = threading.Event()
            writing = _writers(host, port, token, drafts, rate, stop)
            reads = _readers(host, port, urls, seconds)
            stop.set()
            for thread in writing["threads"]:
                thread.join(60)
            done = writing["result"]
            elapsed = time.monotonic() - writing["started"]
            reads["writes_per_s"] = done["writes"] / elapsed
            reads["write_errors"] = done["errors"]
            reads["write_p50_ms"] = (
                statistics.median(done["latencies"]) * 1000 if done["latencies"] else 0.0
            )
            phases.setdefault(f"{rate} writes/s", []).append(reads)
    read_only = phases["read-only"]
    rows = []
    for name, runs in phases.items():
        shares = [run["rps"] / base["rps"] for run, base in zip(runs, read_only, strict=True)]
        rows.append(
            {
                "phase": name,
                "rps": statistics.median(run["rps"] for run in runs),
                "share": statistics.median(shares),
                "read_errors": sum(run["errors"] for run in runs),
                "writes_per_s": statistics.median(run.get("writes_per_s", 0) for run in runs),
                "write_errors": sum(run.get("write_errors", 0) for run in runs),
                "write_p50_ms": statistics.median(run.get("write_p50_ms", 0) for run in runs),
            }
        )
    return {"urls": len(urls), "seconds": seconds, "repeats": repeats, "rows": rows}


def _warm(host: str, port: int, urls: list[str]) -> int:
    ok = 0
    connection = http.client.HTTPConnection(host, port, timeout=60)
    for path in urls:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        ok += response.status == 200
    return ok


def table(mixed: dict) -> str:
    """The mixed workload's figures as a Markdown table."""
    lines = [
        f"Mixed workload (real, cache on): readers at c{READERS} over {mixed['urls']} distinct "
        f"URLs, fact-checkers PATCHing drafts; {mixed['repeats']} x {mixed['seconds']:g} s "
        "per phase, medians.",
        "",
        "| phase | read req/s | of read-only (goal ≥ 80%) | writes/s done | write p50 ms | "
        "errors (read/write) |",
        "|---|--:|--:|--:|--:|--:|",
    ]
    for row in mixed["rows"]:
        writes = "—" if row["phase"] == "read-only" else f"{row['writes_per_s']:.1f}"
        latency = "—" if row["phase"] == "read-only" else f"{row['write_p50_ms']:.0f}"
        lines.append(
            f"| {row['phase']} | {row['rps']:.0f} | {row['share']:.0%} | {writes} | {latency} | "
            f"{row['read_errors']}/{row['write_errors']} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the mixed workload alone, against a server already serving the benchmark database
    (to compare two versions of the code on the same data)."""
    import argparse
    import os

    from bench.databases import bench_database_url, project_root

    parser = argparse.ArgumentParser(description=main.__doc__.split("\n")[0])
    parser.add_argument("--claims", type=int, default=10000)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--repeats", type=int, default=2)
    arguments = parser.parse_args(argv)
    url = bench_database_url(arguments.claims)
    figures = run(
        url=url,
        host="127.0.0.1",
        port=arguments.port,
        environment={**os.environ, "DATABASE_URL": url},
        cwd=project_root(),
        seconds=arguments.seconds,
        repeats=arguments.repeats,
        log=lambda message: print(message, file=sys.stderr, flush=True),
    )
    print(table(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
