"""The project's settings with the naive peer's URLs (bench/naive.py)."""

from claimtracker.settings.base import *  # noqa: F403

ROOT_URLCONF = "bench.naive"
