"""Run the benchmark: the real API against the raw baseline and the naive peer.

    python -m bench.run --claims 10000                      # make bench (quick)
    python -m bench.run --claims 10000 --claims 100000 --claims 1000000 \\
        --duration 8 --repeats 3 --output bench/results     # make bench-full

For each data size: make sure the database is generated (bench/generate.py), start the three
variants side by side with the same gunicorn configuration on 127.0.0.1, check that they
return the same JSON for every scenario URL, count SQL queries per request (and look for
sequential scans on claims), then load each scenario with wrk (or a Python driver when wrk is
missing) at a fixed concurrency, round-robin over the variants so that noise on this shared
machine falls on all of them alike. Reported per scenario and variant: requests/s, p50, p95 and
p99 latency, queries per request and CPU milliseconds per request (gunicorn and the
PostgreSQL backends serving it), each the median over the repeats; then the ratios real/raw
and real/naive, the scale between the smallest and largest size, and the goals of issue 8.
Then the mixed workload (bench/mixed.py): readers over many distinct URLs while fact-checkers
save drafts, read throughput as a share of read-only.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import http.client
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

from bench import data, mixed
from bench.databases import project_root
from bench.generate import generate

# BENCH_PORT_BASE moves the four ports (base + 1 to 4): two checkouts benchmarking on one
# machine at once do not collide.
PORT_BASE = int(os.environ.get("BENCH_PORT_BASE", "8500"))
VARIANTS = {
    # name: (port, WSGI application, settings module, extra environment)
    "real": (PORT_BASE + 1, "claimtracker.wsgi:application", "claimtracker.settings.base", {}),
    # The same code with the public response cache off: what a cache miss costs.
    "real uncached": (
        PORT_BASE + 4,
        "claimtracker.wsgi:application",
        "claimtracker.settings.base",
        {"CLAIMTRACKER_PUBLIC_CACHE_SECONDS": "0"},
    ),
    "raw": (PORT_BASE + 2, "bench.raw:application", "", {}),
    "naive": (PORT_BASE + 3, "claimtracker.wsgi:application", "bench.naive_settings", {}),
}
REAL = ("real", "real uncached")
HOST = "127.0.0.1"
CONCURRENCY = 8
WORKERS = 4
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Scenario:
    name: str
    path: str
    variants: tuple[str, ...] = ("real", "real uncached", "raw", "naive")
    headers: dict[str, str] = field(default_factory=dict)
    kind: str = "list"  # list, filter, search, detail, feed, match, conditional


def scenarios(url: str) -> list[Scenario]:
    """The scenario URLs, with values drawn from the generated data."""
    with psycopg.connect(url) as connection:
        speaker = connection.execute(
            "SELECT s.slug FROM claims_speaker s JOIN claims_claim c ON c.speaker_id = s.id "
            "GROUP BY s.slug ORDER BY count(*) DESC, s.slug LIMIT 1"
        ).fetchone()[0]
        topic = connection.execute(
            "SELECT t.slug FROM claims_topic t JOIN claims_claim_topics ct ON ct.topic_id = t.id "
            "GROUP BY t.slug ORDER BY count(*) DESC, t.slug LIMIT 1"
        ).fetchone()[0]
        claim_id, text = connection.execute(
            "SELECT c.id, c.text FROM claims_claim c WHERE c.status = 'published' "
            "ORDER BY c.published_at DESC, c.id DESC OFFSET 5 LIMIT 1"
        ).fetchone()
    # A paraphrase of a stored claim: its first 12 words, one dropped.
    words = text.split()[:12]
    match_text = " ".join(words[:5] + words[6:])
    list_path = "/api/v1/claims/"
    return [
        Scenario("list page 20", list_path),
        Scenario("list page 100", f"{list_path}?page_size=100"),
        Scenario("filter speaker", f"{list_path}?speaker={speaker}", kind="filter"),
        Scenario("filter topic", f"{list_path}?topic={topic}", kind="filter"),
        Scenario(
            "filter rating+dates",
            f"{list_path}?rating=false&published_after=2020-01-01&published_before=2021-12-31",
            kind="filter",
        ),
        Scenario("search rare", f"{list_path}?q={data.rare_term()}", kind="search"),
        Scenario("search common", f"{list_path}?q={data.common_term()}", kind="search"),
        Scenario("detail", f"{list_path}{claim_id}/", kind="detail"),
        Scenario("claimreview feed", "/api/v1/claimreview/", REAL, kind="feed"),
        Scenario(
            "match", f"{list_path}match/?text={match_text.replace(' ', '+')}", REAL, kind="match"
        ),
        Scenario("detail 304", f"{list_path}{claim_id}/", ("real",), kind="conditional"),
    ]


# --- Processes and their CPU time -------------------------------------------------------------


def _stat(pid: int) -> list[str] | None:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return raw[raw.rindex(")") + 2 :].split()


def _cpu_ticks(pid: int, *, with_children: bool) -> int:
    """User + system ticks of ``pid``; with its reaped children's when asked."""
    fields = _stat(pid)
    if fields is None:
        return 0
    ticks = int(fields[11]) + int(fields[12])
    if with_children:
        ticks += int(fields[13]) + int(fields[14])
    return ticks


def _children(pid: int) -> list[int]:
    children = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat(int(entry.name))
            if fields and int(fields[1]) == pid:
                children.append(int(entry.name))
    return children


def gunicorn_ticks(master: int) -> int:
    """CPU ticks of a gunicorn master and its workers, including workers since recycled."""
    return _cpu_ticks(master, with_children=True) + sum(
        _cpu_ticks(worker, with_children=False) for worker in _children(master)
    )


def backend_ticks(url: str, database: str) -> dict[int, int]:
    """CPU ticks of each PostgreSQL backend connected to ``database`` (same machine)."""
    with psycopg.connect(url, autocommit=True) as connection:
        pids = [
            row[0]
            for row in connection.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                [database],
            )
        ]
    return {pid: _cpu_ticks(pid, with_children=False) for pid in pids}


def rss_megabytes(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class Servers:
    """The three variants under gunicorn, side by side."""

    def __init__(self, url: str, log_dir: Path, workers: int) -> None:
        self.url = url
        self.log_dir = log_dir
        self.workers = workers
        self.processes: dict[str, subprocess.Popen] = {}

    def __enter__(self) -> Servers:
        try:
            self._start()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def _start(self) -> None:
        config = project_root() / "gunicorn.conf.py"
        for variant, (port, app, settings, extra) in VARIANTS.items():
            _refuse_if_taken(port)
            environment = {
                **os.environ,
                **bench_environment(),
                **extra,
                "DATABASE_URL": self.url,
            }
            if settings:
                environment["DJANGO_SETTINGS_MODULE"] = settings
            command = [sys.executable, "-m", "gunicorn"]
            if config.exists():
                command += ["--config", str(config)]
            command += [
                "--bind",
                f"{HOST}:{port}",
                "--workers",
                str(self.workers),
                "--worker-class",
                "sync",
                # No worker recycling mid-measurement.
                "--max-requests",
                "0",
                app,
            ]
            log = (self.log_dir / f"gunicorn-{variant}.log").open("ab")
            self.processes[variant] = subprocess.Popen(
                command,
                cwd=project_root(),
                env=environment,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        for variant, (port, *_) in VARIANTS.items():
            _wait_until_serving(port, self.processes[variant])

    def __exit__(self, *exc_info) -> None:
        for process in self.processes.values():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)

    def master(self, variant: str) -> int:
        return self.processes[variant].pid


def bench_environment() -> dict[str, str]:
    """Production settings for the Django variants, minus what a benchmark must not hit."""
    return {
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "benchmark-only-secret-key-not-for-production-0123456789abcdef",
        "DJANGO_ALLOWED_HOSTS": HOST,
        # The load comes from one address: rate limits would measure the 429 path.
        "DJANGO_THROTTLE_ANON": "off",
        "DJANGO_THROTTLE_USER": "off",
        # Plain http on loopback, where a TLS-terminating proxy would stand.
        "DJANGO_SECURE_SSL_REDIRECT": "0",
    }


def _refuse_if_taken(port: int) -> None:
    with contextlib.closing(socket.socket()) as probe:
        if probe.connect_ex((HOST, port)) == 0:
            raise SystemExit(f"Port {port} is taken: stop what listens there, then run again.")


def _wait_until_serving(port: int, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn on port {port} exited with {process.returncode}")
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=2)
            connection.request("GET", "/api/v1/claims/?page_size=1")
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn on port {port} did not answer within {timeout} s")


# --- Requests ---------------------------------------------------------------------------------


def fetch(port: int, path: str, headers: dict[str, str] | None = None) -> tuple[int, dict, bytes]:
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    body = response.read()
    return response.status, dict(response.getheaders()), body


def same_json(scenario_list: list[Scenario]) -> list[str]:
    """Compare each variant's JSON with the real one's; return the differences."""
    problems = []
    for scenario in scenario_list:
        if scenario.kind == "conditional":
            continue
        real_port = VARIANTS["real"][0]
        status, _, body = fetch(real_port, scenario.path)
        if status != 200:
            problems.append(f"{scenario.name}: real answered {status}")
            continue
        expected = _comparable(json.loads(body.replace(f"{HOST}:{real_port}".encode(), b"HOST")))
        for variant in scenario.variants:
            if variant == "real":
                continue
            port = VARIANTS[variant][0]
            status, _, body = fetch(port, scenario.path)
            if status != 200:
                problems.append(f"{scenario.name}: {variant} answered {status}")
            elif _comparable(json.loads(body.replace(f"{HOST}:{port}".encode(), b"HOST"))) != (
                expected
            ):
                problems.append(f"{scenario.name}: {variant} differs from real")
    return problems


def _comparable(answer):
    """The answer, less an estimated count: each variant's query gets its own estimate from
    PostgreSQL's planner (README, "Counts"); everything else must be the same."""
    if isinstance(answer, dict) and answer.get("count_is_estimate"):
        return {**answer, "count": "an estimate"}
    return answer


def conditional_headers(scenario: Scenario) -> dict[str, str]:
    _, headers, _ = fetch(VARIANTS["real"][0], scenario.path)
    return {"If-None-Match": headers["ETag"]}


def run_wrk(port: int, scenario: Scenario, duration: float) -> dict:
    command = [
        "wrk",
        "--threads",
        "2",
        "--connections",
        str(CONCURRENCY),
        "--duration",
        f"{max(1, round(duration))}s",
        "--timeout",
        "10s",
        "--script",
        str(project_root() / "bench" / "report.lua"),
    ]
    for name, value in scenario.headers.items():
        command += ["--header", f"{name}: {value}"]
    command.append(f"http://{HOST}:{port}{scenario.path}")
    output = subprocess.run(
        command, capture_output=True, text=True, check=True, timeout=duration + 60
    ).stdout
    figures = json.loads(output.strip().splitlines()[-1])
    return {
        "requests": figures["requests"],
        "seconds": figures["duration_us"] / 1e6,
        "errors": figures["socket_errors"] + figures["http_errors"],
        "p50_ms": figures["p50_us"] / 1000,
        "p95_ms": figures["p95_us"] / 1000,
        "p99_ms": figures["p99_us"] / 1000,
    }


def run_python_driver(port: int, scenario: Scenario, duration: float) -> dict:
    """A load driver for machines without wrk: CONCURRENCY threads, keep-alive connections."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + duration

    def client() -> None:
        connection = http.client.HTTPConnection(HOST, port, timeout=10)
        mine = []
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                connection.request("GET", scenario.path, headers=scenario.headers)
                response = connection.getresponse()
                response.read()
                if response.status >= 400:
                    errors[0] += 1
            except (OSError, http.client.HTTPException):
                errors[0] += 1
                connection = http.client.HTTPConnection(HOST, port, timeout=10)
                continue
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(CONCURRENCY)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(duration + 30)
    seconds = time.monotonic() - started
    latencies.sort()

    def percentile(p: float) -> float:
        # No answer at all in the run (a machine too loaded to serve one): no percentile.
        if not latencies:
            return float("nan")
        return latencies[min(len(latencies) - 1, int(len(latencies) * p))] * 1000

    return {
        "requests": len(latencies),
        "seconds": seconds,
        "errors": errors[0],
        "p50_ms": percentile(0.50),
        "p95_ms": percentile(0.95),
        "p99_ms": percentile(0.99),
    }


def load(servers: Servers, variant: str, scenario: Scenario, duration: float) -> dict:
    """One timed run, with the CPU it cost the app and the database."""
    port = VARIANTS[variant][0]
    database = servers.url.rsplit("/", 1)[-1].split("?")[0]
    master = servers.master(variant)
    app_before = gunicorn_ticks(master)
    db_before = backend_ticks(servers.url, database)
    driver = run_wrk if shutil.which("wrk") else run_python_driver
    result = driver(port, scenario, duration)
    app_after = gunicorn_ticks(master)
    db_after = backend_ticks(servers.url, database)
    db_ticks = sum(after - db_before.get(pid, 0) for pid, after in db_after.items())
    requests = max(result["requests"], 1)
    result["rps"] = result["requests"] / result["seconds"]
    result["app_cpu_ms"] = (app_after - app_before) * 1000 / CLOCK_TICKS / requests
    result["db_cpu_ms"] = db_ticks * 1000 / CLOCK_TICKS / requests
    return result


def count_queries(url: str, variant: str, scenario_list: list[Scenario]) -> dict:
    cases = [
        [scenario.name, scenario.path, scenario.headers]
        for scenario in scenario_list
        if variant in scenario.variants
    ]
    environment = {**os.environ, **bench_environment(), **VARIANTS[variant][3], "DATABASE_URL": url}
    output = subprocess.run(
        [sys.executable, "-m", "bench.queries", variant.split()[0], json.dumps(cases)],
        cwd=project_root(),
        env=environment,
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


# --- One size ---------------------------------------------------------------------------------


def bench_size(claims: int, *, duration: float, repeats: int, log_dir: Path, log) -> dict:
    url = generate(claims, log=log)
    scenario_list = scenarios(url)
    with Servers(url, log_dir, WORKERS) as servers:
        for scenario in scenario_list:
            if scenario.kind == "conditional":
                scenario.headers = conditional_headers(scenario)
        problems = same_json(scenario_list)
        if problems:
            raise SystemExit("The variants disagree:\n  " + "\n  ".join(problems))
        log(f"{claims} claims: the three variants return the same JSON for every scenario")
        queries = {variant: count_queries(url, variant, scenario_list) for variant in VARIANTS}
        runs: dict[tuple[str, str], list[dict]] = {}
        # Warm every worker of every variant on every scenario (imports, connections, caches).
        for scenario in scenario_list:
            for variant in scenario.variants:
                for _ in range(WORKERS):
                    fetch(VARIANTS[variant][0], scenario.path, scenario.headers)
        for repeat in range(repeats):
            for scenario in scenario_list:
                for variant in scenario.variants:
                    runs.setdefault((scenario.name, variant), []).append(
                        load(servers, variant, scenario, duration)
                    )
            log(f"  repeat {repeat + 1}/{repeats} done")
        mixed_results = mixed.run(
            url=url,
            host=HOST,
            port=VARIANTS["real"][0],
            environment={**os.environ, **bench_environment(), "DATABASE_URL": url},
            cwd=project_root(),
            seconds=max(5.0, duration),
            repeats=repeats,
            log=log,
        )
        rss = max(
            rss_megabytes(pid) for variant in REAL for pid in _children(servers.master(variant))
        )
    rows = []
    for scenario in scenario_list:
        for variant in scenario.variants:
            results = runs[(scenario.name, variant)]
            row = {"scenario": scenario.name, "kind": scenario.kind, "variant": variant}
            for key in ("rps", "p50_ms", "p95_ms", "p99_ms", "app_cpu_ms", "db_cpu_ms"):
                row[key] = statistics.median(result[key] for result in results)
            row["errors"] = sum(result["errors"] for result in results)
            counted = queries[variant][scenario.name]
            row["queries"] = counted["queries"]
            row["seq_scans"] = counted["seq_scans"]
            rows.append(row)
    return {"claims": claims, "rows": rows, "real_worker_rss_mb": rss, "mixed": mixed_results}


# --- Report -----------------------------------------------------------------------------------


def _row(results: dict, scenario: str, variant: str) -> dict | None:
    for row in results["rows"]:
        if row["scenario"] == scenario and row["variant"] == variant:
            return row
    return None


def _ratio(row: dict, other: dict) -> float:
    """Throughput of ``row`` over ``other``'s; infinite if ``other`` finished nothing."""
    return row["rps"] / other["rps"] if other["rps"] else float("inf")


def table(results: dict) -> str:
    lines = [
        f"### {results['claims']:,} claims",
        "",
        "| scenario | variant | req/s | p50 ms | p95 ms | p99 ms | queries | CPU ms/req "
        "(app+db) | real/raw | real/naive |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for row in results["rows"]:
        ratio_raw = ratio_naive = ""
        if row["variant"] in REAL:
            real = row
            raw = _row(results, row["scenario"], "raw")
            naive = _row(results, row["scenario"], "naive")
            ratio_raw = f"{_ratio(real, raw):.0%}" if raw else "—"
            ratio_naive = f"{_ratio(real, naive):.1f}x" if naive else "—"
        errors = f" ({row['errors']} errors)" if row["errors"] else ""
        lines.append(
            f"| {row['scenario']} | {row['variant']} | {row['rps']:.0f}{errors} | "
            f"{row['p50_ms']:.1f} | {row['p95_ms']:.1f} | {row['p99_ms']:.1f} | "
            f"{row['queries']} | {row['app_cpu_ms']:.1f}+{row['db_cpu_ms']:.1f} | "
            f"{ratio_raw} | {ratio_naive} |"
        )
    lines += [
        "",
        f"Largest real gunicorn worker after the run: {results['real_worker_rss_mb']:.0f} MB RSS",
        "",
        mixed.table(results["mixed"]),
    ]
    return "\n".join(lines)


def goals(all_results: list[dict]) -> str:
    """Each goal of issue 8, met or missed, and by how much."""
    smallest, largest = all_results[0], all_results[-1]
    lines = [f"### Goals (ratios at {smallest['claims']:,}; latency at {largest['claims']:,})", ""]

    def mark(ok: bool) -> str:
        return "met" if ok else "**missed**"

    for results in all_results:
        for row in results["rows"]:
            if row["variant"] not in REAL or row["kind"] not in {"list", "filter"}:
                continue
            raw = _row(results, row["scenario"], "raw")
            naive = _row(results, row["scenario"], "naive")
            share = _ratio(row, raw)
            lines.append(
                f"- {results['claims']:,}, {row['scenario']}, {row['variant']}: "
                f"real/raw {share:.0%} "
                f"(goal ≥ 40%, floor 25%): {mark(share >= 0.40)}"
                + (
                    f"; real/naive {_ratio(row, naive):.1f}x (goal ≥ 4x at page 20): "
                    f"{mark(_ratio(row, naive) >= 4)}"
                    if "100" not in row["scenario"]
                    else ""
                )
            )
    constant = all(
        _row(results, "list page 20", variant)["queries"]
        == _row(results, "list page 100", variant)["queries"]
        == _row(smallest, "list page 20", variant)["queries"]
        for results in all_results
        for variant in REAL
    )
    lines.append(f"- Queries per request constant in page size and data size: {mark(constant)}")
    scans = [
        f"{row['scenario']} ({', '.join(row['seq_scans'])})"
        for row in largest["rows"]
        if row["variant"] == "real uncached" and row["seq_scans"]
    ]
    lines.append(
        f"- No sequential scan on claims at {largest['claims']:,}: "
        + (mark(True) if not scans else mark(False) + ": " + "; ".join(scans))
    )
    for scenario, limit in [
        ("list page 20", 50),
        ("search rare", 100),
        ("search common", 100),
        ("match", 100),
    ]:
        for variant in REAL:
            row = _row(largest, scenario, variant)
            lines.append(
                f"- {scenario}, {variant}: p95 {row['p95_ms']:.1f} ms at c{CONCURRENCY} "
                f"(goal < {limit} ms): {mark(row['p95_ms'] < limit)}"
            )
    for results in all_results:
        ok = _row(results, "detail 304", "real")
        full = _row(results, "detail", "real uncached")
        speedup = _ratio(ok, full)
        lines.append(
            f"- {results['claims']:,}: 304 path {ok['queries']} quer"
            f"{'y' if ok['queries'] == 1 else 'ies'}, {speedup:.1f}x the uncached 200 path "
            f"(goal ≤ 1 query, ≥ 3x): {mark(ok['queries'] <= 1 and speedup >= 3)}"
        )
    for results in all_results:
        for row in results["mixed"]["rows"]:
            if row["phase"] != "read-only":
                lines.append(
                    f"- {results['claims']:,}: reads while fact-checkers save drafts at "
                    f"{row['phase']} ({row['writes_per_s']:.1f} done): {row['share']:.0%} of "
                    f"read-only (goal ≥ 80%): {mark(row['share'] >= 0.8)}"
                )
    rss = max(results["real_worker_rss_mb"] for results in all_results)
    lines.append(f"- Worker RSS {rss:.0f} MB (goal < 150 MB): {mark(rss < 150)}")
    if len(all_results) > 1:
        lines += ["", f"Scale, real req/s at {largest['claims']:,} / at {smallest['claims']:,}:"]
        for row in largest["rows"]:
            if row["variant"] in REAL:
                small = _row(smallest, row["scenario"], row["variant"])
                lines.append(f"- {row['scenario']}, {row['variant']}: {_ratio(row, small):.2f}")
    return "\n".join(lines)


def machine() -> str:
    cpu = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with psycopg.connect(
        __import__("claimtracker.database", fromlist=["database_url"]).database_url()
    ) as connection:
        server = connection.execute("SHOW server_version").fetchone()[0]
    return (
        f"{os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()}, "
        f"PostgreSQL {server}, {WORKERS} sync gunicorn workers per variant, "
        f"load c{CONCURRENCY} with {'wrk' if shutil.which('wrk') else 'the Python driver'}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, action="append", required=True)
    parser.add_argument("--duration", type=float, default=2, help="seconds per timed run")
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--output", type=Path, help="folder for results.json and results.md")
    arguments = parser.parse_args(argv)

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    log_dir = (
        arguments.output / "logs"
        if arguments.output
        else Path(tempfile.mkdtemp(prefix="claimtracker-bench-"))
    )
    log_dir.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    all_results = [
        bench_size(
            claims,
            duration=arguments.duration,
            repeats=arguments.repeats,
            log_dir=log_dir,
            log=log,
        )
        for claims in sorted(arguments.claims)
    ]
    if arguments.output:
        (arguments.output / "results.json").write_text(json.dumps(all_results, indent=1))
    report = "\n\n".join(
        [
            f"Run on {dt.date.today().isoformat()}: {machine()}; {arguments.repeats} repeats "
            f"of {arguments.duration:g} s per scenario and variant, medians shown.",
            *(table(results) for results in all_results),
            goals(all_results),
        ]
    )
    print(report)
    if arguments.output:
        (arguments.output / "results.md").write_text(report + "\n")
    log(f"Benchmark done in {time.monotonic() - started:.0f} s; gunicorn logs in {log_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
