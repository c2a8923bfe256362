"""``manage.py run_worker``: a procrastinate worker that outlives database outages.

Why procrastinate's own ``manage.py procrastinate worker`` is not enough: when PostgreSQL
restarts, one of the worker's side tasks (the LISTEN connection reconnecting while the server
is still down, or the heartbeat) fails, and procrastinate then *stops the worker cleanly*, as
if asked to. If the database is back by the time the worker has unregistered itself, the
command returns normally, exactly as after Ctrl-C, and the process exits with status 0; if it
is still down, unregistering fails and the command exits with status 1. A wrapper that
restarts only on errors therefore exited on some restarts and not others.

So this command runs the worker itself, handles SIGINT/SIGTERM itself, and knows why the
worker stopped: on a signal it exits; on anything else (a side task failing, a lost
connection, the pool not opening) it logs one line, waits with exponential backoff until the
database answers, and starts a new worker. Supervise it all the same (docs/operations.md).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import time

import psycopg
from django.core.management.base import BaseCommand
from procrastinate import worker as procrastinate_worker
from procrastinate.contrib.django import app
from procrastinate.contrib.django import utils as procrastinate_utils

logger = logging.getLogger(__name__)

BACKOFF_FIRST_SECONDS = 0.5
BACKOFF_MAX_SECONDS = 30.0
# A worker that ran this long before stopping was healthy: the next wait starts short again.
HEALTHY_RUN_SECONDS = 60.0
PROBE_TIMEOUT_SECONDS = 3


class Command(BaseCommand):
    help = (
        "Run a procrastinate worker (webhook deliveries and other background jobs). It "
        "reconnects by itself, with backoff, when the database restarts or is unreachable; "
        "Ctrl-C or SIGTERM stop it."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--concurrency", type=int, default=4, help="Jobs run at once (default 4)."
        )

    def handle(self, *args, concurrency: int, **options) -> None:
        worker_connector = app.connector.get_worker_connector()
        with app.replace_connector(worker_connector):
            asyncio.run(supervise(concurrency=concurrency))


async def supervise(*, concurrency: int) -> None:
    """Run workers one after another until SIGINT or SIGTERM."""
    loop = asyncio.get_running_loop()
    stopping = asyncio.Event()
    current: list[procrastinate_worker.Worker] = []

    def request_stop() -> None:
        stopping.set()
        for worker in current:
            worker.stop()

    for number in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(number, request_stop)
    pause = BACKOFF_FIRST_SECONDS
    try:
        while not stopping.is_set():
            started = time.monotonic()
            problem = await _probe()
            if problem is None:
                problem = await _run_once(concurrency=concurrency, current=current)
            if stopping.is_set():
                return
            if time.monotonic() - started >= HEALTHY_RUN_SECONDS:
                pause = BACKOFF_FIRST_SECONDS
            logger.warning("Worker lost the database (%s); reconnecting in %.1f s", problem, pause)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stopping.wait(), timeout=pause)
            pause = min(pause * 2, BACKOFF_MAX_SECONDS)
    finally:
        for number in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(number)


async def _probe() -> str | None:
    """None if the database accepts a connection, else why not (one line)."""
    params = procrastinate_utils.connector_params()
    params["connect_timeout"] = PROBE_TIMEOUT_SECONDS
    try:
        connection = await psycopg.AsyncConnection.connect(**params)
    except psycopg.Error as error:
        return _one_line(error)
    await connection.close()
    return None


async def _run_once(*, concurrency: int, current: list) -> str:
    """Open the app, run one worker until it stops; say why it stopped."""
    try:
        async with app.open_async():
            app.perform_import_paths()
            options = {
                **app.worker_defaults,
                "concurrency": concurrency,
                "install_signal_handlers": False,  # ours (supervise) stop it for good
            }
            worker = procrastinate_worker.Worker(app=app, **options)
            current.append(worker)
            try:
                await worker.run()
            finally:
                current.remove(worker)
    except Exception as error:  # a lost connection, the pool not opening, unregistering
        return _one_line(error)
    # procrastinate stops a worker by itself when a side task (listener, heartbeat) fails.
    return "the worker stopped by itself"


def _one_line(error: BaseException) -> str:
    cause = error
    while cause.__cause__ is not None:
        cause = cause.__cause__
    text = " ".join(str(cause).split()) or type(cause).__name__
    return f"{type(cause).__name__}: {text}"[:200]
