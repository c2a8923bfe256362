"""Time and peak memory of the bulk export (GET /api/v1/exports/claims.csv and .jsonl) on a
generated archive: the export streams, so a worker's memory must not grow with the claims.

    python -m bench.export --claims 100000

Each download runs in a fresh Python process (Django set up, the first request already
made on a tiny page so start-up is not counted), against ``claimtracker_bench_<N>``
(bench/generate.py builds it). It prints the rows, bytes, seconds and the process's peak
resident memory before and during the download.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

from bench import generate
from bench.databases import bench_database_url, project_root

MEASURE = r"""
import json, os, resource, sys, time
import django
django.setup()
from django.test import Client

def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

client = Client()
client.get("/api/v1/ratings/")  # warm: imports, connection, cache generation
before = peak_mb()
started = time.perf_counter()
headers = {"HTTP_ACCEPT_ENCODING": "gzip"} if sys.argv[2] == "gzip" else {}
response = client.get(sys.argv[1], **headers)
size = lines = 0
for chunk in response.streaming_content:
    size += len(chunk)
    lines += chunk.count(b"\n")
seconds = time.perf_counter() - started
print(json.dumps({"status": response.status_code, "bytes": size, "lines": lines,
                  "seconds": round(seconds, 2), "peak_mb_before": round(before, 1),
                  "peak_mb_after": round(peak_mb(), 1)}))
"""


def measure(claims: int, path: str, encoding: str) -> dict:
    environment = {
        **os.environ,
        "DATABASE_URL": bench_database_url(claims),
        "DJANGO_SETTINGS_MODULE": os.environ.get(
            "DJANGO_SETTINGS_MODULE", "claimtracker.settings.base"
        ),
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-only",
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_THROTTLE_ANON": "off",
    }
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, path, encoding],
        cwd=project_root(),
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, action="append", required=True)
    arguments = parser.parse_args(argv)
    for claims in arguments.claims:
        generate.main(["--claims", str(claims)])
        for path in ("/api/v1/exports/claims.csv", "/api/v1/exports/claims.jsonl"):
            for encoding in ("identity", "gzip"):
                figures = measure(claims, path, encoding)
                print(json.dumps({"claims": claims, "path": path, "encoding": encoding, **figures}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
