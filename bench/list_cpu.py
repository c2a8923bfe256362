"""Application CPU per claim-list request, generic path against fast path, in one process.

    DATABASE_URL=.../claimtracker_bench_10000 DJANGO_SETTINGS_MODULE=claimtracker.settings.base \\
    CLAIMTRACKER_PUBLIC_CACHE_SECONDS=0 python -m bench.list_cpu 60 /api/v1/claims/ ...

Each round requests every path N times through each path in turn (the fast path patched away
for the generic one), so load on the machine falls on both alike; prints each path's median
CPU milliseconds per request over 5 rounds (docs/performance.md, issue 21).
"""

from __future__ import annotations

import statistics
import sys
import time

import django


def main(argv: list[str]) -> None:
    django.setup()
    from django.test import Client

    from claims import fast_list

    client = Client(HTTP_HOST="127.0.0.1")
    repeats, paths = int(argv[0]), argv[1:]
    fast = fast_list.claim_list
    results: dict[str, list[float]] = {"generic": [], "fast": []}
    for _ in range(5):
        for mode in results:
            fast_list.claim_list = fast if mode == "fast" else (lambda request: None)
            for path in paths:
                client.get(path)
            started = time.process_time()
            for _ in range(repeats):
                for path in paths:
                    client.get(path)
            elapsed = time.process_time() - started
            results[mode].append(elapsed * 1000 / (repeats * len(paths)))
    for mode, values in results.items():
        print(f"{mode}: {statistics.median(values):.2f} ms CPU a request (median of 5)")


if __name__ == "__main__":
    main(sys.argv[1:])
