"""Fault 1: gunicorn workers killed with SIGKILL while writes are in flight lose nothing
acknowledged and leave no half-written claim."""

from __future__ import annotations

import os
import random
import signal
import time

from tests.faults.conftest import FAULTS_SECONDS
from tests.faults.ledger import run_writers, verify

KILL_EVERY_SECONDS = 1.0


def test_killing_workers_mid_write_loses_no_acknowledged_write(
    start_app, client_for, fault_database, fault_report
):
    app = start_app(workers=3)
    chooser = random.Random(9)
    kills: list[float] = []

    def kill_a_worker(elapsed: float) -> None:
        # After a second of load, so that there are writes in flight to cut, and not in the
        # last two seconds, which show that writing goes on.
        if elapsed < 1 + len(kills) * KILL_EVERY_SECONDS or elapsed > FAULTS_SECONDS - 2:
            return
        workers = app.worker_pids()
        if workers:
            victim = chooser.choice(workers)
            os.kill(victim, signal.SIGKILL)
            kills.append(time.monotonic())

    ledger = run_writers(
        lambda: client_for(app),
        fault_database["sources"],
        writers=6,
        seconds=FAULTS_SECONDS,
        during=kill_a_worker,
    )
    result = verify(ledger, fault_database["url"])
    cut = [failure for failure in ledger.failures if failure.status is None]
    fault_report.update(
        fault="kill -9 a gunicorn worker",
        seconds=FAULTS_SECONDS,
        workers_killed=len(kills),
        requests=ledger.requests,
        claims=result.claims,
        acknowledged=result.acknowledged,
        found=result.found,
        missing=len(result.missing),
        requests_cut=len(cut),
        other_failures=len(ledger.failures) - len(cut),
        committed_but_unacknowledged=result.unacknowledged_but_committed,
        stale_412=ledger.stale,
    )

    assert len(kills) >= 2
    assert cut, "no kill hit a request in flight; the test proved nothing"
    # Writes went on after the last kill: the master replaced the workers it lost.
    assert any(at > kills[-1] + 0.5 for at in ledger.ack_times)
    assert result.missing == []
    assert result.problems == []
    # Only the requests a dying worker held may fail, and only by a broken connection.
    assert [failure for failure in ledger.failures if failure.status is not None] == []
