"""Figures of the sync app (docs/performance.md, "Keeping clients in sync").

    python -m bench.sync --claims 100000        # all three; generates the data if needed

1. The DataFeed (GET /api/v1/claimreview/datafeed/) at N claims: time to the last byte, bytes,
   and the peak resident memory of the one gunicorn worker serving it, against its memory
   after a warm-up request (memory must not grow with N).
2. Publish to delivery: claims published one at a time with one worker running; the time from
   each publication's commit to its arrival at a receiver on 127.0.0.1, p50 and p95.
3. Deliveries per second with 1 and 4 worker processes (each ``manage.py run_worker``, four
   jobs at a time), draining a backlog: 8 subscriptions x the events published while no worker
   ran (a subscription's deliveries are sent one at a time, in order).

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
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import psutil
import psycopg

from bench.databases import bench_database_url, create_database, project_root
from bench.generate import generate, migrate
from tests.faults.stack import APP_PORTS, GUNICORN, app_environment, free_port

PYTHON = sys.executable

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
        self.count = 0
        state = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                state.arrivals.setdefault(self.headers["webhook-id"], time.time())
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


def datafeed(claims: int) -> dict:
    url = generate(claims)
    port = free_port(APP_PORTS)
    server = subprocess.Popen(
        [
            str(GUNICORN),
            "claimtracker.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--timeout",
            "600",
        ],
        cwd=project_root(),
        env=environment(url),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        feed = f"http://127.0.0.1:{port}/api/v1/claimreview/datafeed/"
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/ratings/", timeout=5)
                break
            except OSError:
                time.sleep(0.2)
        [worker] = psutil.Process(server.pid).children()
        urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/claims/", timeout=30).read()
        baseline = worker.memory_info().rss
        peak = baseline
        done = threading.Event()

        def sample():
            nonlocal peak
            while not done.is_set():
                peak = max(peak, worker.memory_info().rss)
                time.sleep(0.01)

        sampler = threading.Thread(target=sample)
        sampler.start()
        started = time.monotonic()
        first_byte = None
        size = 0
        items = 0
        with urllib.request.urlopen(feed, timeout=600) as response:
            while chunk := response.read(65536):
                first_byte = first_byte or time.monotonic() - started
                size += len(chunk)
                items += chunk.count(b'"DataFeedItem"')
        seconds = time.monotonic() - started
        done.set()
        sampler.join()
        return {
            "claims": claims,
            "items": items,
            "seconds": round(seconds, 2),
            "first_byte_seconds": round(first_byte, 3),
            "megabytes": round(size / 1e6, 1),
            "worker_rss_before_mb": round(baseline / 2**20, 1),
            "worker_rss_peak_mb": round(peak / 2**20, 1),
        }
    finally:
        server.terminate()
        server.wait(timeout=30)


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


def throughput(events: int, subscriptions: int = 8) -> list[dict]:
    results = []
    for workers_count in (1, 4):
        name = os.environ.get("BENCH_DATABASE_PREFIX", "claimtracker_bench_") + "hooks"
        url = fresh_database(name)
        env = environment(url)
        receiver = Receiver()
        urls = [f"{receiver.url}/{number}" for number in range(subscriptions)]
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
            while pending(url) and time.monotonic() - started < 600:
                time.sleep(0.2)
            seconds = time.monotonic() - started
        finally:
            stop(workers)
            receiver.stop()
        results.append(
            {
                "workers": workers_count,
                "deliveries": backlog,
                "seconds_including_worker_start": round(seconds, 1),
                "deliveries_per_second": round(backlog / seconds, 1),
            }
        )
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=100)
    parser.add_argument(
        "--part", choices=["datafeed", "latency", "throughput", "all"], default="all"
    )
    arguments = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claimtracker.settings.base")
    report = {}
    if arguments.part in ("datafeed", "all"):
        report["datafeed"] = datafeed(arguments.claims)
        print(json.dumps(report["datafeed"]), flush=True)
    if arguments.part in ("latency", "all"):
        report["publish_to_delivery"] = latency(arguments.events)
        print(json.dumps(report["publish_to_delivery"]), flush=True)
    if arguments.part in ("throughput", "all"):
        report["throughput"] = throughput(arguments.events * 3)
        print(json.dumps(report["throughput"]), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
