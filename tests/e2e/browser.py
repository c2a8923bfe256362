"""Can the browser tests run here? Debian's Chromium and the Playwright package are needed.

Each test module starts with ``skip_without_a_browser()``, so that without them the tests are
skipped with a message saying what to install, rather than failing at collection.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))


def _missing() -> str | None:
    if not CHROMIUM.exists():
        return (
            f"Chromium is not installed at {CHROMIUM}; to run the browser tests: "
            "apt-get install -y chromium chromium-driver"
        )
    try:
        found = importlib.util.find_spec("playwright.sync_api") is not None
    except ImportError:
        found = False
    if not found:
        return (
            "The Playwright package is not installed; to run the browser tests: "
            ".venv/bin/python -m pip install -r requirements.txt"
        )
    return None


MISSING = _missing()


def skip_without_a_browser() -> None:
    """Skip the calling test module, saying what is missing, if the tests cannot run."""
    if MISSING:
        pytest.skip(MISSING, allow_module_level=True)
