"""docs/nginx/claimtracker.conf, run by Debian's nginx in front of gunicorn on 127.0.0.1.

Only the addresses are changed (127.0.0.1 ports of our own) and TLS is left out. Skipped when
nginx is not installed, unless NGINX_REQUIRED is set (.ci/run installs it and sets it).
"""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from tests.faults.stack import BASE_DIR, Gunicorn, app_environment, free_port

EXAMPLE = BASE_DIR / "docs" / "nginx" / "claimtracker.conf"
NGINX = shutil.which("nginx") or next(
    (path for path in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if Path(path).exists()), None
)
NGINX_PORTS = range(8600, 8700)
APP_LIMIT = 1024 * 1024  # DJANGO_MAX_BODY_BYTES, the default
# nginx and gunicorn processes: `make test-fast` leaves these out.
pytestmark = pytest.mark.slow


def _size(value: str) -> int:
    number, unit = re.fullmatch(r"(\d+)([kKmM]?)", value).groups()
    return int(number) * {"": 1, "k": 1024, "m": 1024 * 1024}[unit.lower()]


def test_the_example_lets_the_app_answer_a_body_too_big():
    limit = re.search(r"^\s*client_max_body_size\s+(\S+);", EXAMPLE.read_text(), re.M).group(1)
    assert _size(limit) > APP_LIMIT


@pytest.fixture
def nginx_site():
    """Start gunicorn (with no reachable database: the paths tested need none) and nginx with
    the example; yields (nginx port, gunicorn)."""
    if NGINX is None:
        if os.environ.get("NGINX_REQUIRED"):
            raise RuntimeError("NGINX_REQUIRED is set but nginx is not installed.")
        pytest.skip(
            "nginx is not installed (apt-get install nginx-light); "
            "set NGINX_REQUIRED=1 to fail instead"
        )
    app = Gunicorn(app_environment("postgres://nobody@127.0.0.1:9/none"), workers=1)
    folder = Path(tempfile.mkdtemp(prefix="claimtracker-nginx-"))
    process = None
    try:
        deadline = time.monotonic() + 30
        while _get(app.port, "/healthz")[0] != 200:
            assert time.monotonic() < deadline, f"gunicorn did not start:\n{app.log_tail()}"
            time.sleep(0.2)
        port = free_port(NGINX_PORTS)
        redirect_port = free_port(range(port + 1, NGINX_PORTS.stop))
        site = EXAMPLE.read_text()
        site = re.sub(r"(?m)^\s*server 10\.0\.0\.1[12]:8000.*\n", "", site)
        site = site.replace(
            "upstream claimtracker {", f"upstream claimtracker {{\n    server 127.0.0.1:{app.port};"
        )
        site = re.sub(r"(?m)^\s*ssl_certificate.*\n", "", site)
        site = site.replace("listen 443 ssl;", f"listen 127.0.0.1:{port};")
        site = site.replace("listen 80;", f"listen 127.0.0.1:{redirect_port};")
        (folder / "nginx.conf").write_text(
            f"pid {folder}/nginx.pid;\nerror_log {folder}/error.log;\nevents {{}}\n"
            f"http {{\n access_log off;\n client_body_temp_path {folder}/body;\n"
            f" proxy_temp_path {folder}/proxy;\n{site}\n}}\n"
        )
        check = subprocess.run(
            [NGINX, "-t", "-p", str(folder), "-c", str(folder / "nginx.conf")],
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert check.returncode == 0, check.stderr
        process = subprocess.Popen(
            [
                NGINX,
                "-p",
                str(folder),
                "-c",
                str(folder / "nginx.conf"),
                "-g",
                "daemon off; master_process off;",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 15
        while _get(port, "/healthz")[0] != 200:
            assert process.poll() is None, (folder / "error.log").read_text()
            assert time.monotonic() < deadline, "nginx did not start"
            time.sleep(0.1)
        yield port, redirect_port, app
    finally:
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=10)
        app.stop()
        shutil.rmtree(folder, ignore_errors=True)


def _get(port: int, path: str, method: str = "GET", body: bytes | None = None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        headers = {"Host": "127.0.0.1", "Content-Type": "application/json"}
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    except OSError:
        return None, {}, b""
    finally:
        connection.close()


def test_through_the_example_every_error_is_json(nginx_site):
    port, redirect_port, app = nginx_site

    status, headers, body = _get(port, "/healthz")
    assert (status, json.loads(body)) == (200, {"status": "ok"})

    # Above the app's limit, below nginx's: the app's own 413, naming its limit.
    status, headers, body = _get(port, "/api/v1/claims/", "POST", b"x" * (APP_LIMIT + 500_000))
    assert status == 413
    assert headers["Content-Type"] == "application/json"
    assert "1,048,576" in json.loads(body)["detail"]

    # Above nginx's limit: nginx answers, in JSON too.
    status, headers, body = _get(port, "/api/v1/claims/", "POST", b"x" * (3 * 1024 * 1024))
    assert status == 413
    assert headers["Content-Type"] == "application/json"
    assert "2 MB" in json.loads(body)["detail"]

    # The app's own 503 (its database is unreachable) passes through unchanged.
    status, headers, body = _get(port, "/readyz")
    assert status == 503
    assert json.loads(body)["checks"]["database"] == "unavailable"

    # The app down: nginx's 502, as JSON with Retry-After.
    app.stop()
    status, headers, body = _get(port, "/api/v1/claims/")
    assert status == 502
    assert headers["Content-Type"] == "application/json"
    assert headers["Retry-After"] == "5"
    assert "did not answer" in json.loads(body)["detail"]

    # Plain http is sent to https.
    status, headers, _ = _get(redirect_port, "/api/v1/claims/")
    assert status == 301
    assert headers["Location"] == "https://127.0.0.1/api/v1/claims/"
