"""A private stack for the fault tests: our own PostgreSQL and gunicorn, on 127.0.0.1 only.

The PostgreSQL is a throwaway server in a temporary folder, run from the binaries the
``pgserver`` package ships (so it needs nothing but the virtualenv), on a port of its own: the
tests restart it under load, which they must never do to a server anyone else uses.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psutil
import psycopg

from claimtracker.database import _import_pgserver

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PYTHON = Path(sys.executable)
GUNICORN = PYTHON.parent / "gunicorn"
GUNICORN_CONF = BASE_DIR / "gunicorn.conf.py"
POSTGRES_PORTS = range(55430, 55440)
APP_PORTS = range(8300, 8400)
# PostgreSQL refuses to run as root; pgserver runs it as this system user then.
POSTGRES_SYSTEM_USER = "pgserver"


def free_port(ports: range) -> int:
    """The first port of ``ports`` that nothing listens on at 127.0.0.1."""
    for port in ports:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"No free port in {ports.start}-{ports.stop - 1} on 127.0.0.1.")


class PrivatePostgres:
    """A PostgreSQL server of our own, in a temporary folder: start, restart, stop."""

    def __init__(self) -> None:
        pgserver = _import_pgserver()
        self.bin = Path(pgserver.__file__).parent / "pginstall" / "bin"
        self.folder = Path(tempfile.mkdtemp(prefix="claimtracker-faults-pg-"))
        self.data = self.folder / "data"
        self.log = self.folder / "postgres.log"
        self.port = free_port(POSTGRES_PORTS)
        self.user = None
        if os.geteuid() == 0:
            from pgserver.utils import (
                ensure_folder_permissions,
                ensure_prefix_permissions,
                ensure_user_exists,
            )

            # What pgserver does for its own server: the binaries readable by that user.
            ensure_user_exists(POSTGRES_SYSTEM_USER)
            ensure_prefix_permissions(self.bin)
            ensure_folder_permissions(
                self.bin, stat.S_IRGRP | stat.S_IROTH | stat.S_IXGRP | stat.S_IXOTH
            )
            ensure_folder_permissions(self.bin.parent / "lib", stat.S_IRGRP | stat.S_IROTH)
            shutil.chown(self.folder, POSTGRES_SYSTEM_USER, POSTGRES_SYSTEM_USER)
            self.user = POSTGRES_SYSTEM_USER

    def _run(self, program: str, *args: str, timeout: float = 60) -> None:
        subprocess.run(
            [str(self.bin / program), *args],
            check=True,
            capture_output=True,
            timeout=timeout,
            user=self.user,
        )

    def start(self) -> None:
        if not self.data.exists():
            self._run(
                "initdb", "-D", str(self.data), "--auth=trust", "-U", "postgres", "-E", "utf8"
            )
        options = f"-h 127.0.0.1 -p {self.port} -k {self.folder} -c max_connections=200"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "start")

    def start_standby_of(self, primary: PrivatePostgres, **settings: str) -> None:
        """Start as a streaming-replication standby of ``primary`` (docs/operations.md), with
        extra server ``settings`` (e.g. ``recovery_min_apply_delay="3s"``)."""
        self._run(
            "pg_basebackup",
            *("-h", "127.0.0.1", "-p", str(primary.port), "-U", "postgres"),
            *("-D", str(self.data), "-R", "-X", "stream", "-c", "fast"),
        )
        if settings:
            # Appended to what -R wrote (primary_conninfo); the file keeps its owner.
            with (self.data / "postgresql.auto.conf").open("a") as conf:
                conf.writelines(f"{name} = '{value}'\n" for name, value in settings.items())
        self.start()

    def restart(self, mode: str = "fast") -> None:
        """Stop (``fast``: end sessions; ``immediate``: like a crash) and start again; return
        when it accepts connections."""
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "30", "stop")
        self.start()

    def stop(self) -> None:
        """Stop the server and remove its folder; safe to call more than once."""
        if (self.data / "postmaster.pid").exists():
            with contextlib.suppress(subprocess.CalledProcessError):
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, database: str = "postgres", user: str = "postgres") -> str:
        return f"postgres://{user}@127.0.0.1:{self.port}/{database}"

    def connect(self, database: str = "postgres") -> psycopg.Connection:
        url = self.url(database).replace("postgres://", "postgresql://", 1)
        return psycopg.connect(url, autocommit=True, connect_timeout=5)


def app_environment(database_url: str, **extra: str) -> dict[str, str]:
    """The production settings, on plain http at 127.0.0.1, with no throttling (load tests)."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "DATABASE_", "REDIS_", "GUNICORN_"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="claimtracker.settings.base",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="fault-tests-only-" + "x" * 50,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_NUM_PROXIES="0",
        DJANGO_THROTTLE_ANON="off",
        DJANGO_THROTTLE_USER="off",
        DJANGO_LOG_LEVEL="WARNING",
        DATABASE_URL=database_url,
        **extra,
    )
    return environment


def manage(environment: dict[str, str], *args: str, timeout: float = 120) -> str:
    """Run a management command against the private database; return its output."""
    result = subprocess.run(
        [str(PYTHON), "manage.py", *args],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode:
        raise RuntimeError(f"manage.py {args[0]} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


SETUP_SCRIPT = """
import contextlib
import json
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from rest_framework.authtoken.models import Token
from sources.services import source_create

user = get_user_model().objects.create_user("fault-checker")
user.groups.add(Group.objects.get(name="Fact-checkers"))
sources = [
    source_create(actor=None, url=f"https://example.org/faults/{number}", title=f"Source {number}")
    for number in range(2)
]
print(json.dumps({
    "token": Token.objects.create(user=user).key,
    "sources": {source.pk: source.url for source in sources},
}))
"""


def prepare_database(postgres: PrivatePostgres, name: str) -> dict:
    """Create and migrate a database; a fact-checker's token and two sources to cite (id: URL)."""
    with postgres.connect() as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    environment = app_environment(postgres.url(name))
    manage(environment, "migrate", "--noinput")
    output = manage(environment, "shell", "-c", SETUP_SCRIPT).strip().splitlines()[-1]
    setup = json.loads(output)
    return {
        "token": setup["token"],
        "sources": {int(pk): url for pk, url in setup["sources"].items()},
    }


class Gunicorn:
    """gunicorn serving the app on a port of our range, with the project's gunicorn.conf.py."""

    def __init__(self, environment: dict[str, str], *, workers: int, threads: int = 1) -> None:
        self.port = free_port(APP_PORTS)
        self.url = f"http://127.0.0.1:{self.port}"
        descriptor, log = tempfile.mkstemp(prefix="claimtracker-faults-gunicorn-", suffix=".log")
        self.log, self.log_file = Path(log), os.fdopen(descriptor, "wb")
        config = ["--config", str(GUNICORN_CONF)] if GUNICORN_CONF.exists() else []
        self.process = subprocess.Popen(
            [
                str(GUNICORN),
                "claimtracker.wsgi",
                *config,
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--threads",
                str(threads),
                "--timeout",
                "30",
                "--graceful-timeout",
                "5",
            ],
            cwd=BASE_DIR,
            env=environment,
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.workers = workers

    def wait_ready(self, timeout: float = 30) -> None:
        """Until every worker is up and the API answers."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.url}/api/v1/ratings/", timeout=5) as response:
                    if response.status == 200 and len(self.worker_pids()) == self.workers:
                        return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer within {timeout} s:\n{self.log_tail()}")

    def worker_pids(self) -> list[int]:
        try:
            return [child.pid for child in psutil.Process(self.process.pid).children()]
        except psutil.NoSuchProcess:
            return []

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        """Stop the master and its workers (the whole process group); safe to call twice."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self.log_file.close()
        self.log.unlink(missing_ok=True)
