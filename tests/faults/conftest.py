"""Fixtures of the fault tests: a private PostgreSQL, a migrated database, gunicorn.

How long each fault runs is ``FAULTS_SECONDS`` (default: a few seconds, for CI); ``make faults``
runs them longer. Each test adds its figures to a report printed at the end of the run.
"""

from __future__ import annotations

import json
import os

import pytest

from tests.faults.ledger import Client
from tests.faults.stack import Gunicorn, PrivatePostgres, app_environment, prepare_database

FAULTS_SECONDS = float(os.environ.get("FAULTS_SECONDS", "6"))
REPORTS: list[dict] = []


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/faults/" in item.nodeid:
            item.add_marker(pytest.mark.faults)


def pytest_terminal_summary(terminalreporter):
    if REPORTS:
        terminalreporter.section("fault reports")
        for report in REPORTS:
            terminalreporter.write_line(json.dumps(report))


@pytest.fixture
def fault_report():
    """Figures a test measured: printed after the run (``make faults`` for longer runs)."""
    report: dict = {}
    yield report
    if report:
        REPORTS.append(report)


@pytest.fixture(scope="session")
def private_postgres():
    """Our own PostgreSQL on 127.0.0.1 (55430-55439), removed after the session."""
    postgres = PrivatePostgres()
    try:
        postgres.start()
        yield postgres
    finally:
        postgres.stop()


@pytest.fixture(scope="session")
def fault_database(private_postgres) -> dict:
    """A migrated database on it, with a fact-checker's token and two sources to cite."""
    name = "claimtracker_faults"
    return {"name": name, "url": private_postgres.url(name)} | prepare_database(
        private_postgres, name
    )


@pytest.fixture
def start_app(fault_database):
    """Start gunicorn against the fault database (stopped after the test, even on failure)."""
    started: list[Gunicorn] = []

    def start(*, workers: int = 3, threads: int = 1, **environment: str) -> Gunicorn:
        app = Gunicorn(
            app_environment(fault_database["url"], **environment),
            workers=workers,
            threads=threads,
        )
        started.append(app)
        app.wait_ready()
        return app

    yield start
    for app in started:
        app.stop()


@pytest.fixture
def client_for(fault_database):
    """A client of an app, with the fact-checker's token."""
    return lambda app: Client(app.url, fault_database["token"])
