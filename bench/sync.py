"""Figures of the sync app (docs/performance.md, "Keeping clients in sync").

    python -m bench.sync --claims 100000        # all three; generates the data if needed

1. The DataFeed (GET /api/v1/claimreview/datafeed/) at N claims: time to the last byte, bytes,
   and the peak resident memory of the process serving it, against its peak after a warm-up
   request (memory must not grow with N); ``--generic`` also times the generic path.
2. Publish to delivery: claims published one at a time with one worker running; the time from
   each publication's commit to its arrival at a receiver on 127.0.0.1, p50 and p95.
3. Deliveries per second with 1 and 4 worker processes (each ``manage.py run_worker``, four
   jobs at a time), draining a backlog: 1, then 8 subscriptions x the events published while
   no worker ran (a subscription's deliveries are sent one at a time, in order).

Everything runs on 127.0.0.1, against databases of its own on the project's server.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import psycopg

from bench.databases import bench_database_url, create_database, project_root
from bench.generate import generate, migrate
from tests.faults.stack import app_environment

PYTHON = sys.executable
WORKER_CONCURRENCY = 4  # manage.py run_worker's default: jobs at once per worker process

PUBLISH_SCRIPT = """
import inspect, json, os, sys, time
import factory
from django.contrib.auth import get_user_model
from claims import services
from sync.models import ChangeEvent
from tests import factories
from tests.factories import claim_in_status
for candidate in vars(factories).values():
    if inspect.isclass(candidate) and issubclass(candidate, factory.django.DjangoModelFactory):
        candidate.reset_sequence(int(time.time() * 1000))
editor = get_user_model().objects.filter(username="bench-editor").first() or (
    get_user_model().objects.create_superuser("bench-editor")
)
claims = [claim_in_status("in_review") for _ in range(int(os.environ["BENCH_EVENTS"]))]
pause = float(os.environ["BENCH_PAUSE"])
for claim in claims:
    services.claim_publish(claim=claim, actor=editor)
    committed = time.time()
    event = ChangeEvent.objects.filter(claim_id=claim.pk).latest("id")
    print(json.dumps({"id": event.pk, "committed": committed}), flush=True)
    time.sleep(pause)
"""

SUBSCRIBE_SCRIPT = """
import json, os
from sync import services
from sync.models import ChangeType, WebhookSubscription
WebhookSubscription.objects.update(is_active=False)
for url in json.loads(os.environ["BENCH_URLS"]):
    services.webhook_subscribe(actor=None, url=url, events=list(ChangeType.values))
"""


class Receiver:
    """Records the arrival time of every webhook-id; answers 204 at once."""

    def __init__(self) -> None:
        self.arrivals: dict[str, float] = {}
        self.times: list[float] = []
        self.count = 0
        state = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                now = time.time()
                state.arrivals.setdefault(self.headers["webhook-id"], now)
                state.times.append(now)
                state.count += 1
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def stop(self) -> None:
        self.server.shutdown()


def environment(url: str) -> dict[str, str]:
    return app_environment(url, WEBHOOK_ALLOW_PRIVATE="1")


def manage(env: dict[str, str], *args: str, extra: dict | None = None) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=project_root(),
        env={**env, **(extra or {})},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def start_workers(env: dict[str, str], count: int) -> list[subprocess.Popen]:
    return [
        subprocess.Popen(
            [PYTHON, "manage.py", "run_worker"],
            cwd=project_root(),
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(count)
    ]


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        process.terminate()
    for process in processes:
        process.wait(timeout=30)


def pending(url: str) -> int:
    with psycopg.connect(url) as connection:
        return connection.execute(
            "SELECT count(*) FROM sync_webhookdelivery WHERE status = 'pending'"
        ).fetchone()[0]


# --- 1. The DataFeed --------------------------------------------------------------------------

# As bench/export.py measures the export: a fresh Python process per download, Django set up
# and a first request made before the clock starts; peak resident memory before and after.
# cpu_seconds is that process's CPU time: on a shared machine it moves less than the wall
# time (PostgreSQL's share is not in it).
# "generic" serves the same response with the generic items (model instances through the
# ClaimReview renderer) in place of the fast path, for the ratio.
MEASURE_FEED = r"""
import json, resource, sys, time
import django
django.setup()
from django.test import Client
import sync.datafeed

if sys.argv[1] == "generic":
    sync.datafeed.fast_feed_items = sync.datafeed.generic_feed_items

def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

client = Client()
client.get("/api/v1/ratings/")  # warm: imports, connection, cache generation
before = peak_mb()
started = time.perf_counter()
cpu_started = time.process_time()
response = client.get("/api/v1/claimreview/datafeed/")
size = items = 0
first_byte = None
for chunk in response.streaming_content:
    first_byte = first_byte or time.perf_counter() - started
    size += len(chunk)
    items += chunk.count(b'"DataFeedItem"')
seconds = time.perf_counter() - started
cpu_seconds = time.process_time() - cpu_started
print(json.dumps({"status": response.status_code, "items": items, "megabytes": round(size / 1e6, 1),
                  "seconds": round(seconds, 2), "cpu_seconds": round(cpu_seconds, 2),
                  "first_byte_seconds": round(first_byte, 3),
                  "peak_mb_before": round(before, 1), "peak_mb_after": round(peak_mb(), 1)}))
"""


def datafeed(claims: int, path: str = "fast") -> dict:
    """Time and peak memory of GET /api/v1/claimreview/datafeed/ at ``claims`` claims."""
    url = generate(claims)
    environment = {
        **app_environment(url),
        "DJANGO_SETTINGS_MODULE": os.environ.get(
            "DJANGO_SETTINGS_MODULE", "claimtracker.settings.base"
        ),
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-only",
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_THROTTLE_ANON": "off",
    }
    result = subprocess.run(
        [PYTHON, "-c", MEASURE_FEED, path],
        cwd=project_root(),
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    return {"claims": claims, "path": path, **figures, "loadavg": loadavg()}


def loadavg() -> str:
    """The machine's load (1, 5 and 15 minutes): the figures are only as quiet as it was."""
    with open("/proc/loadavg") as file:
        return " ".join(file.read().split()[:3])


# --- 2 and 3. Deliveries ----------------------------------------------------------------------


def fresh_database(name: str) -> str:
    url = bench_database_url(0).rsplit("/", 1)[0] + f"/{name}"
    create_database(url)
    migrate(url)
    return url


def latency(events: int) -> dict:
    url = fresh_database(os.environ.get("BENCH_DATABASE_PREFIX", "claimtracker_bench_") + "hooks")
    env = environment(url)
    receiver = Receiver()
    manage(env, "shell", "-c", SUBSCRIBE_SCRIPT, extra={"BENCH_URLS": json.dumps([receiver.url])})
    workers = start_workers(env, 1)
    time.sleep(3)  # the worker is up
    try:
        output = manage(
            env,
            "shell",
            "-c",
            PUBLISH_SCRIPT,
            extra={"BENCH_EVENTS": str(events), "BENCH_PAUSE": "0.1"},
        )
        published = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
        deadline = time.time() + 60
        while time.time() < deadline and len(receiver.arrivals) < len(published):
            time.sleep(0.1)
        delays = sorted(
            (receiver.arrivals[str(row["id"])] - row["committed"]) * 1000 for row in published
        )
    finally:
        stop(workers)
        receiver.stop()
    return {
        "events": len(published),
        "delivered": len(delays),
        "p50_ms": round(statistics.median(delays), 1),
        "p95_ms": round(delays[int(len(delays) * 0.95) - 1], 1),
        "max_ms": round(delays[-1], 1),
    }


def throughput(events: int, subscriptions: tuple[int, ...] = (1, 8)) -> list[dict]:
    """Drain a backlog of ``events`` x each number of subscriptions with 1, then 4 workers.

    One subscription's deliveries are a chain, sent one at a time in order (docs/sync.md): one
    subscription measures a chain's speed, which more workers cannot raise; several measure
    how the workers share the machine.
    """
    results = []
    name = os.environ.get("BENCH_DATABASE_PREFIX", "claimtracker_bench_") + "hooks"
    url = fresh_database(name)
    env = environment(url)
    for count in subscriptions:
        for workers_count in (1, 4):
            receiver = Receiver()
            urls = [f"{receiver.url}/{number}" for number in range(count)]
            manage(env, "shell", "-c", SUBSCRIBE_SCRIPT, extra={"BENCH_URLS": json.dumps(urls)})
            manage(
                env,
                "shell",
                "-c",
                PUBLISH_SCRIPT,
                extra={"BENCH_EVENTS": str(events), "BENCH_PAUSE": "0"},
            )
            backlog = pending(url)
            started = time.monotonic()
            workers = start_workers(env, workers_count)
            try:
                while pending(url) and time.monotonic() - started < 900:
                    time.sleep(0.2)
                seconds = time.monotonic() - started
            finally:
                stop(workers)
                receiver.stop()
            # From the first delivery to the last: without the workers' start-up.
            sending = max(receiver.times) - min(receiver.times)
            results.append(
                {
                    "subscriptions": count,
                    "workers": workers_count,
                    "jobs_at_once": workers_count * WORKER_CONCURRENCY,
                    "deliveries": backlog,
                    "received": receiver.count,
                    "seconds_including_worker_start": round(seconds, 1),
                    "seconds_sending": round(sending, 1),
                    "deliveries_per_second": round(backlog / sending, 1),
                    "loadavg": loadavg(),
                }
            )
            print(json.dumps(results[-1]), flush=True)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, action="append")
    parser.add_argument(
        "--generic", action="store_true", help="also time the DataFeed's generic path"
    )
    parser.add_argument("--events", type=int, default=100)
    parser.add_argument(
        "--part", choices=["datafeed", "latency", "throughput", "all"], default="all"
    )
    arguments = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claimtracker.settings.base")
    report = {}
    if arguments.part in ("datafeed", "all"):
        paths = ("fast", "generic") if arguments.generic else ("fast",)
        report["datafeed"] = [
            datafeed(claims, path) for claims in arguments.claims or [100_000] for path in paths
        ]
        for figures in report["datafeed"]:
            print(json.dumps(figures), flush=True)
    if arguments.part in ("latency", "all"):
        report["publish_to_delivery"] = latency(arguments.events)
        print(json.dumps(report["publish_to_delivery"]), flush=True)
    if arguments.part in ("throughput", "all"):
        report["throughput"] = throughput(arguments.events * 3)
        print(json.dumps(report["throughput"]), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
