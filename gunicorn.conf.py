"""Gunicorn settings for ClaimTracker: ``gunicorn -c gunicorn.conf.py`` (``make serve`` does).

Read from the environment and the checkout's ``.env``, like the Django settings; the README's
configuration table lists each variable. The app is claimtracker.wsgi, which selects the
production settings. https://docs.gunicorn.org/en/stable/settings.html
"""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

from dotenv import load_dotenv

# As claimtracker/environment.py does (this file is read before the app can be imported).
load_dotenv(Path(__file__).resolve().with_name(".env"), override=False)


def _whole_number(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise SystemExit(f"{name} must be a whole number, 1 or more; got {raw!r}")
    return int(raw)


wsgi_app = "claimtracker.wsgi:application"
proc_name = "claimtracker"

# Behind the reverse proxy on the same machine. In a container, GUNICORN_BIND=0.0.0.0:8000.
bind = [os.environ.get("GUNICORN_BIND") or f"127.0.0.1:{os.environ.get('PORT', '8000')}"]

# Sync workers: requests are short and bound by the database. The usual 2 * cores + 1, capped
# so that a big machine does not open more database connections than PostgreSQL allows.
workers = _whole_number("GUNICORN_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 12))
# A request that takes longer is killed and logged; the proxy then answers 502.
timeout = _whole_number("GUNICORN_TIMEOUT", 30)
graceful_timeout = 30
# Idle connections from the proxy are kept a little longer than gunicorn's 2 s default.
keepalive = 5
# Workers are replaced after about 1,000 requests, not all at once, so a slow leak stays small.
max_requests = _whole_number("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = max_requests // 10

# Workers' heartbeat files in memory: a disk-backed /tmp can stall them under I/O load.
if Path("/dev/shm").is_dir():
    worker_tmp_dir = "/dev/shm"

# Django logs one line per request (claimtracker.requests, with the user and duration), so
# gunicorn's access log would only repeat it. Its own messages go to stderr.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# gunicorn's control socket lives at one path per user: two servers on one machine would take
# each other's. Off unless a path is given.
if os.environ.get("GUNICORN_CONTROL_SOCKET"):
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]
else:
    control_socket_disable = True
