"""cProfile of uncached requests in-process: where a request's CPU goes.

    DATABASE_URL=.../claimtracker_bench_10000 DJANGO_SETTINGS_MODULE=claimtracker.settings.base \\
    CLAIMTRACKER_PUBLIC_CACHE_SECONDS=0 python -m bench.profile_request 100 /api/v1/claims/1/

Requests each path N times through the Django test client (after one unprofiled request each)
and prints the CPU milliseconds and function calls per request, the 20 largest entries by
own time and the 30 largest by cumulative time (docs/performance.md, issue 21).
"""

from __future__ import annotations

import cProfile
import io
import pstats
import sys
import time

import django


def main(argv: list[str]) -> None:
    django.setup()
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    repeats, paths = int(argv[0]), argv[1:]
    for path in paths:
        assert client.get(path).status_code == 200, path
    profile = cProfile.Profile()
    started = time.process_time()
    profile.enable()
    for _ in range(repeats):
        for path in paths:
            client.get(path)
    profile.disable()
    elapsed = time.process_time() - started
    requests = repeats * len(paths)
    print(
        f"{elapsed * 1000 / requests:.2f} ms CPU a request (profiled), "
        f"{pstats.Stats(profile).total_calls / requests:,.0f} function calls a request"
    )
    for order, count in (("tottime", 20), ("cumulative", 70)):
        out = io.StringIO()
        pstats.Stats(profile, stream=out).strip_dirs().sort_stats(order).print_stats(count)
        print(out.getvalue())


if __name__ == "__main__":
    main(sys.argv[1:])
