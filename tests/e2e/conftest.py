"""End-to-end fixtures: Debian's Chromium driven by Playwright against a live server.

Chromium comes from Debian (``apt-get install -y chromium chromium-driver``), never from
``playwright install``. Without it or without the Playwright package, every test here is
skipped and says what to install (with E2E_REQUIRED set, as in CI, that is an error).
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from django.db import connections

from claims.demo import load_demo, load_demo_users
from tests.e2e.accessibility import VIEWPORTS
from tests.e2e.browser import CHROMIUM, MISSING

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
PASSWORD = "e2e-password-for-tests"


# Without Chromium or Playwright the test modules skip themselves, saying which is missing
# (tests/e2e/browser.py): a skip raised here, in a conftest, would be a collection error.
if MISSING and os.environ.get("E2E_REQUIRED"):
    raise RuntimeError(f"E2E_REQUIRED is set, but the browser tests cannot run: {MISSING}")

# Playwright's sync API runs an event loop in this thread; the test's own database calls
# (fixtures, assertions) are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in item.nodeid:
            item.add_marker(pytest.mark.e2e)


class Journal:
    """Screenshots of each step of a scenario; on failure, the screenshot and HTML paths."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.count = 0

    def save(self, page: Page, name: str) -> tuple[Path, Path]:
        self.count += 1
        stem = self.folder / f"{self.count:02d}-{re.sub(r'[^a-z0-9]+', '-', name.lower())}"
        screenshot, html = stem.with_suffix(".png"), stem.with_suffix(".html")
        page.screenshot(path=str(screenshot), full_page=True)
        html.write_text(page.content(), encoding="utf-8")
        return screenshot, html

    @contextmanager
    def step(self, page: Page, name: str) -> Iterator[None]:
        """Run one step; screenshot it, and on failure name the evidence in the message."""
        try:
            yield
        except Exception as error:
            screenshot, html = self.save(page, f"failed {name}")
            raise AssertionError(
                f"Step {name!r} failed: {error}\n  screenshot: {screenshot}\n  page HTML: {html}"
            ) from error
        self.save(page, name)


@pytest.fixture
def browser(transactional_db) -> Iterator[Browser]:
    # Per test, and after the database is set up: Playwright's sync API runs an event loop in
    # this thread, and Django's test database set-up and flush must happen outside it.
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
        # Connections the test opened while Playwright ran belong to that context; close them
        # here, or the test database cannot be dropped at the end of the run.
        connections.close_all()


@pytest.fixture
def journal(request) -> Journal:
    folder = ARTIFACTS / re.sub(r"[^A-Za-z0-9_-]+", "_", request.node.name)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return Journal(folder)


@pytest.fixture
def newsroom(transactional_db):
    """The BBC demo and its users: checker (fact-checker), editor and editor2 (editors)."""
    load_demo()
    load_demo_users(password=PASSWORD)


@pytest.fixture
def sign_in(browser, live_server, newsroom):
    """Open a fresh browser context signed in to the admin as ``username``; it lands on the
    admin's home page (the desk). With ``viewport`` ("desktop" or "phone", see
    tests/e2e/accessibility.py) the context has that size and lets the test inject axe-core
    past the CSP; without it, a plain 1280x900 window."""
    contexts = []

    def open_as(username: str, viewport: str | None = None) -> Page:
        if viewport is None:
            context = browser.new_context(
                base_url=live_server.url, viewport={"width": 1280, "height": 900}
            )
        else:
            context = browser.new_context(
                base_url=live_server.url, viewport=VIEWPORTS[viewport], bypass_csp=True
            )
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.goto("/admin/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.click("input[type=submit]")
        page.wait_for_url(re.compile(r"/admin/$"))
        return page

    yield open_as
    for context in contexts:
        context.close()
