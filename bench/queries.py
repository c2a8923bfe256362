"""SQL queries per request, and the plans of those queries, for one variant.

    python -m bench.queries real|naive|raw CASES_JSON

CASES_JSON is a list of [name, path, headers]. Each case is requested twice in-process (the
first warms caches a long-running worker would have warm) and the second is measured. For
the Django variants every SELECT the request sent is then EXPLAINed, and sequential scans on
the claims table are reported: at a million claims a filter must never read the whole table.
Prints one JSON object: {name: {"queries": n, "seq_scans": [...], "status": code}}.
"""

from __future__ import annotations

import json
import os
import sys
from wsgiref.util import setup_testing_defaults

HOST = "127.0.0.1"


def _seq_scans(plan: dict) -> list[str]:
    found = []
    if plan.get("Node Type") == "Seq Scan":
        found.append(plan.get("Relation Name", "?"))
    for child in plan.get("Plans", []):
        found.extend(_seq_scans(child))
    return found


def _django_cases(cases: list) -> dict:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=HOST)
    results = {}
    for name, path, headers in cases:
        extra = {"HTTP_" + key.upper().replace("-", "_"): value for key, value in headers.items()}
        client.get(path, **extra)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path, **extra)
        scans = []
        with connection.cursor() as cursor:
            for query in captured.captured_queries:
                sql = query["sql"]
                if not sql.lstrip().upper().startswith("SELECT") or "claims_claim" not in sql:
                    continue
                cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
                plan = cursor.fetchone()[0]
                plan = json.loads(plan) if isinstance(plan, str) else plan
                scans.extend(
                    table for table in _seq_scans(plan[0]["Plan"]) if table == "claims_claim"
                )
        results[name] = {
            "queries": len(captured.captured_queries),
            "seq_scans": scans,
            "status": response.status_code,
        }
    return results


def _raw_cases(cases: list) -> dict:
    from bench import raw

    counted = {"n": 0}
    open_cursor = raw._cursor

    class CountingCursor:
        """The raw app's cursor, counting what it executes."""

        def __init__(self, cursor) -> None:
            self.cursor = cursor

        def __enter__(self):
            self.cursor.__enter__()
            return self

        def __exit__(self, *exc_info):
            return self.cursor.__exit__(*exc_info)

        def execute(self, *args, **kwargs):
            counted["n"] += 1
            return self.cursor.execute(*args, **kwargs)

        def __getattr__(self, name):
            return getattr(self.cursor, name)

    def counting_cursor():
        return CountingCursor(open_cursor())

    raw._cursor = counting_cursor
    results = {}
    for name, path, _headers in cases:
        route, _, query = path.partition("?")
        statuses: list[str] = []

        def start_response(status, headers, statuses=statuses):
            statuses.append(status)

        for _ in range(2):
            counted["n"] = 0
            environ = {"PATH_INFO": route, "QUERY_STRING": query, "HTTP_HOST": HOST}
            setup_testing_defaults(environ)
            raw.application(environ, start_response)
        results[name] = {
            "queries": counted["n"],
            "seq_scans": [],
            "status": int(statuses[-1].split()[0]),
        }
    return results


def main(argv: list[str]) -> int:
    variant, cases = argv[1], json.loads(argv[2])
    if variant == "raw":
        results = _raw_cases(cases)
    else:
        os.environ.setdefault(
            "DJANGO_SETTINGS_MODULE",
            "bench.naive_settings" if variant == "naive" else "claimtracker.settings.base",
        )
        results = _django_cases(cases)
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
