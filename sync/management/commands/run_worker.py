"""``manage.py run_worker``: a background worker that outlives database outages."""

from __future__ import annotations

import logging
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand

logger = logging.getLogger(__name__)

# procrastinate's worker stops when it loses the database (its listener fails); this waits and
# starts it again, so a PostgreSQL restart or fail-over needs no one to restart the workers.
RESTART_PAUSE_SECONDS = 2


class Command(BaseCommand):
    help = (
        "Run a procrastinate worker (webhook deliveries and other background jobs); start it "
        "again whenever it stops on a database error. Ctrl-C or SIGTERM stop it for good."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--concurrency", type=int, default=4, help="Jobs run at once (default 4)."
        )

    def handle(self, *args, concurrency: int, **options) -> None:
        while True:
            try:
                call_command("procrastinate", "worker", "--concurrency", str(concurrency))
            except SystemExit as stop:
                if not stop.code:
                    return
            except Exception:  # e.g. the connection pool giving up while PostgreSQL is down
                logger.exception("The worker failed")
            else:
                return  # stopped by a signal
            logger.warning(
                "The worker stopped on an error; starting it again in %s s", RESTART_PAUSE_SECONDS
            )
            time.sleep(RESTART_PAUSE_SECONDS)
