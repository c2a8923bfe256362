"""Fuzz the API with Schemathesis against its own OpenAPI schema, on a live gunicorn.

    .venv/bin/python bench/fuzz.py           # make fuzz: every phase, about 5,000 cases
    .venv/bin/python bench/fuzz.py --quick   # .ci/run: the fuzzing phase only, about 200

It builds a fresh database ``claimtracker_fuzz`` on the server the project uses (DATABASE_URL,
else the embedded PostgreSQL), migrates it, loads the demo and an editor with a token, serves
it with gunicorn (debug off) on 127.0.0.1, and runs Schemathesis twice over every operation:
anonymous, then with the editor's token. The seed is fixed, so a run can be repeated. It
prints the cases per operation and exits non-zero if any check failed (docs/reliability.md).
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claimtracker.database import database_url  # noqa: E402

PYTHON = sys.executable
DATABASE = "claimtracker_fuzz"
CHECKS = [
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
]
EDITOR = "fuzz-editor"
REPORTS = ROOT / ".var" / "fuzz"


def fuzz_database_url() -> str:
    """The project's PostgreSQL server, with the fuzz database instead of the project's."""
    parts = urlsplit(os.environ.get("DATABASE_URL") or database_url())
    return urlunsplit(parts._replace(path=f"/{DATABASE}"))


def recreate_database(url: str) -> None:
    parts = urlsplit(url)
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {DATABASE}")


def server_environment(url: str) -> dict[str, str]:
    """Production settings (debug off), plain http on 127.0.0.1, no throttling: the fuzzer
    sends thousands of requests from one address on purpose."""
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_NUM_PROXIES": "0",
        "DJANGO_THROTTLE_ANON": "off",
        "DJANGO_THROTTLE_USER": "off",
        "DJANGO_THROTTLE_AUTH_TOKEN": "off",
        "DJANGO_LOG_LEVEL": "WARNING",
    }


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return result.stdout


def prepare(env: dict[str, str]) -> str:
    """Migrate, load the demo, and return the token of an editor."""
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "load_demo", "--system", "--commit")
    script = (
        "from django.contrib.auth.models import Group, User\n"
        "from rest_framework.authtoken.models import Token\n"
        f"user, _ = User.objects.get_or_create(username={EDITOR!r})\n"
        "user.groups.add(Group.objects.get(name='Editors'))\n"
        "print(Token.objects.get_or_create(user=user)[0].key)\n"
    )
    return manage(env, "shell", "--command", script).strip().splitlines()[-1]


def start_server(env: dict[str, str], port: int) -> subprocess.Popen:
    log = open(REPORTS / "gunicorn.log", "w")  # noqa: SIM115 - closed with the process
    server = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "claimtracker.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--timeout",
            "60",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited; see {REPORTS / 'gunicorn.log'}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/schema/", timeout=5):
                return server
        except OSError:
            time.sleep(0.5)
    stop_server(server)
    raise SystemExit("gunicorn did not answer within 60 seconds")


def stop_server(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def run_schemathesis(
    *, port: int, name: str, seed: int, max_examples: int, phases: str, headers: list[str]
) -> tuple[int, Counter, int]:
    """One Schemathesis run; the exit code, cases per operation and the number of failures."""
    events = REPORTS / f"{name}.ndjson"
    command = [
        str(Path(PYTHON).parent / "schemathesis"),
        "--no-color",
        "run",
        f"http://127.0.0.1:{port}/api/v1/schema/",
        "--checks",
        ",".join(CHECKS),
        "--seed",
        str(seed),
        "--max-examples",
        str(max_examples),
        "--phases",
        phases,
        "--workers",
        "1",
        "--request-timeout",
        "30",
        # No examples remembered from earlier runs: the seed alone decides what is sent.
        "--generation-database",
        "none",
        "--report",
        "ndjson",
        "--report-ndjson-path",
        str(events),
        *[option for header in headers for option in ("--header", header)],
    ]
    print(f"\n=== Schemathesis, {name} ===", flush=True)
    # Run in .var/fuzz, where Schemathesis keeps its crash cache for `st replay`.
    code = subprocess.run(command, cwd=REPORTS, check=False).returncode
    return code, *count_cases(events)


def count_cases(events: Path) -> tuple[Counter, int]:
    """Cases per operation and failures, from Schemathesis's event stream."""
    cases, failures = Counter(), 0
    for line in events.read_text().splitlines():
        event = json.loads(line)
        for kind, body in event.items():
            if kind == "ScenarioFinished":
                label = body.get("recorder", {}).get("label")
                interactions = body.get("recorder", {}).get("interactions", {})
                cases[label] += len(interactions)
            if kind == "ScenarioFinished" and body.get("status") == "failure":
                failures += 1
    return cases, failures


def main() -> int:
    started = time.monotonic()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8200)
    parser.add_argument("--seed", type=int, default=20260901)
    parser.add_argument(
        "--max-examples", type=int, default=30, help="Fuzzing-phase cases per operation and run."
    )
    parser.add_argument("--phases", default="examples,coverage,fuzzing,stateful")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="For CI: the fuzzing phase only, 4 cases per operation and run.",
    )
    arguments = parser.parse_args()
    if arguments.quick:
        arguments.phases, arguments.max_examples = "fuzzing", 4

    REPORTS.mkdir(parents=True, exist_ok=True)
    url = fuzz_database_url()
    recreate_database(url)
    env = server_environment(url)
    token = prepare(env)
    server = start_server(env, arguments.port)
    results = {}
    try:
        # The editor sends If-Match: * ("whatever is current"), so that generated writes reach
        # the services and the database instead of stopping at a 412 for a made-up ETag.
        runs = (("anonymous", []), ("editor", [f"Authorization: Token {token}", "If-Match: *"]))
        for name, headers in runs:
            results[name] = run_schemathesis(
                port=arguments.port,
                name=name,
                seed=arguments.seed,
                max_examples=arguments.max_examples,
                phases=arguments.phases,
                headers=headers,
            )
    finally:
        stop_server(server)

    print("\n=== Cases per operation (anonymous + editor) ===")
    total = Counter()
    for _, cases, _ in results.values():
        total.update(cases)
    for label, count in sorted(total.items(), key=lambda item: str(item[0])):
        print(f"{count:6d}  {label}")
    failures = sum(failed for _, _, failed in results.values())
    print(
        f"{sum(total.values()):6d}  cases in all (seed {arguments.seed}, phases "
        f"{arguments.phases}, {time.monotonic() - started:.0f} s); failures: {failures}"
    )
    return max(code for code, _, _ in results.values())


if __name__ == "__main__":
    sys.exit(main())
