"""What the webhook fault tests share: a receiver on 127.0.0.1, procrastinate workers as
processes, and scripts that subscribe and publish against the private database."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import psycopg

from tests.faults.stack import BASE_DIR, PYTHON, PrivatePostgres, app_environment, manage

SUBSCRIBE_SCRIPT = """
import json, os
from sync import services
from sync.models import ChangeType, WebhookSubscription
WebhookSubscription.objects.update(is_active=False)  # earlier tests' receivers are gone
subscriptions = [
    services.webhook_subscribe(actor=None, url=url, events=list(ChangeType.values))
    for url in json.loads(os.environ["FAULT_WEBHOOK_URLS"])
]
print(json.dumps([[s.pk, s.secret] for s in subscriptions]))
"""

PUBLISH_SCRIPT = """
import inspect, os, time
import factory
from django.contrib.auth import get_user_model
from claims import services
from tests import factories
from tests.factories import claim_in_status
# Each run starts its factories' sequences afresh (unique slugs beside earlier runs' rows).
for candidate in vars(factories).values():
    if inspect.isclass(candidate) and issubclass(candidate, factory.django.DjangoModelFactory):
        candidate.reset_sequence(int(time.time() * 1000))
editor = get_user_model().objects.filter(username="fault-editor").first() or (
    get_user_model().objects.create_superuser("fault-editor")
)
count, pause = int(os.environ["FAULT_EVENTS"]), float(os.environ["FAULT_PAUSE"])
from django.db import OperationalError, InterfaceError, close_old_connections, connection
published = 0
while published < count:
    try:
        claim = services.claim_publish(claim=claim_in_status("in_review"), actor=editor)
        if published % 5 == 4:
            services.claim_retract(claim=claim, actor=editor, note="Withdrawn in a fault test.")
        published += 1
    except (OperationalError, InterfaceError):  # the database is restarting: try again
        connection.close()
        time.sleep(0.3)
    time.sleep(pause)
print("published")
"""


def webhook_environment(database_url: str, **extra: str) -> dict[str, str]:
    """The app's settings for workers and scripts: loopback receivers, short retries."""
    return app_environment(
        database_url,
        WEBHOOK_ALLOW_PRIVATE="1",
        WEBHOOK_RETRY_BASE_SECONDS="0.2",
        WEBHOOK_RETRY_MAX_SECONDS="1",
        WEBHOOK_FAILURES_BEFORE_DISABLE="100000",
        WEBHOOK_TIMEOUT_SECONDS="5",
        **extra,
    )


@dataclass
class Received:
    path: str
    webhook_id: str
    status: int
    at: float


@dataclass
class FaultReceiver:
    """Answers POSTs with ``status`` after ``delay`` seconds; records every one."""

    status: int = 200
    delay: float = 0.0
    received: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        state = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                time.sleep(state.delay)
                status = state.status
                with state.lock:
                    state.received.append(
                        Received(self.path, self.headers["webhook-id"], status, time.monotonic())
                    )
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        # shutdown() waits out the poll interval: 0.5 s by default, at every test's end.
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.thread.start()
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def delivered(self, path: str) -> list[int]:
        """Event ids answered 2xx at ``path``, in arrival order, first delivery of each."""
        seen, order = set(), []
        with self.lock:
            for item in self.received:
                if item.path == path and 200 <= item.status < 300 and item.webhook_id not in seen:
                    seen.add(item.webhook_id)
                    order.append(int(item.webhook_id))
        return order

    def duplicates(self, path: str) -> int:
        with self.lock:
            ok = [i.webhook_id for i in self.received if i.path == path and i.status < 300]
        return len(ok) - len(set(ok))

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class Worker:
    """``manage.py run_worker`` as a process of its own (killable with -9)."""

    def __init__(self, environment: dict[str, str]) -> None:
        descriptor, log = tempfile.mkstemp(prefix="claimtracker-faults-worker-", suffix=".log")
        self.log, self.log_file = Path(log), os.fdopen(descriptor, "wb")
        self.process = subprocess.Popen(
            [str(PYTHON), "manage.py", "run_worker"],
            cwd=BASE_DIR,
            env=environment,
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def kill(self) -> None:
        """kill -9: no goodbye, jobs left as they were."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self.log_file.close()

    def log_tail(self, lines: int = 30) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


def subscribe(environment: dict[str, str], urls: list[str]) -> list[tuple[int, str]]:
    output = manage(
        {**environment, "FAULT_WEBHOOK_URLS": json.dumps(urls)}, "shell", "-c", SUBSCRIBE_SCRIPT
    )
    return [tuple(pair) for pair in json.loads(output.strip().splitlines()[-1])]


def start_publisher(environment: dict[str, str], *, events: int, pause: float):
    """Publish ``events`` claims (every fifth also retracted), in the background."""
    return subprocess.Popen(
        [str(PYTHON), "manage.py", "shell", "-c", PUBLISH_SCRIPT],
        cwd=BASE_DIR,
        env={**environment, "FAULT_EVENTS": str(events), "FAULT_PAUSE": str(pause)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def event_ids(postgres: PrivatePostgres, database: str, after: int = 0) -> list[int]:
    with postgres.connect(database) as connection:
        rows = connection.execute(
            "SELECT id FROM sync_changeevent WHERE id > %s ORDER BY id", [after]
        ).fetchall()
    return [row[0] for row in rows]


def last_event_id(postgres: PrivatePostgres, database: str) -> int:
    ids = event_ids(postgres, database)
    return ids[-1] if ids else 0


def wait_until(condition, *, timeout: float, step: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if condition():
                return True
        except psycopg.OperationalError:
            pass  # the database is restarting
        time.sleep(step)
    return False
