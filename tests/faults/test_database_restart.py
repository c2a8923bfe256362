"""Fault 2: PostgreSQL restarted under load. The app recovers by itself within seconds (health-
checked connections); only requests made while the database is down fail, as 503 JSON with
Retry-After; nothing acknowledged is lost."""

from __future__ import annotations

import time

from tests.faults.conftest import FAULTS_SECONDS
from tests.faults.ledger import Ledger, run_writers, verify

# Seconds between restarts; "fast" ends the sessions cleanly, "immediate" is like a crash.
RESTART_EVERY_SECONDS = 2
MODES = ("fast", "immediate")
RECOVERY_BOUND_SECONDS = 5


def test_restarting_postgres_under_load_loses_nothing_and_recovers(
    start_app, client_for, fault_database, private_postgres, fault_report
):
    app = start_app(workers=3)
    restarts: list[tuple[float, float]] = []  # (stop began, accepting connections again)
    started = time.monotonic()
    # The load runs FAULTS_SECONDS, and on past the recovery bound after the last restart, so
    # that a slow recovery is measured as slow rather than missed.
    load_until = [float(FAULTS_SECONDS)]

    ledger = Ledger()

    def restart_postgres(elapsed: float) -> None:
        # Restart at 1.5 s and then every few seconds, within FAULTS_SECONDS; the first only
        # once a write has been acknowledged (a loaded machine may take longer to start the
        # app's workers), so that there is a before to compare the after with.
        due = 1.5 + len(restarts) * RESTART_EVERY_SECONDS
        if elapsed < due or elapsed > FAULTS_SECONDS or not ledger.ack_times:
            return
        began = time.monotonic()
        private_postgres.restart(mode=MODES[len(restarts) % len(MODES)])
        ready = time.monotonic()
        restarts.append((began, ready))
        load_until[0] = ready - started + RECOVERY_BOUND_SECONDS + 1

    ledger = run_writers(
        lambda: client_for(app),
        fault_database["sources"],
        writers=6,
        seconds=FAULTS_SECONDS,
        during=restart_postgres,
        until=lambda: load_until[0],
        ledger=ledger,
    )
    load_ended = time.monotonic()
    result = verify(ledger, fault_database["url"])

    # Seconds from each restart to the first write acknowledged after it and before the next
    # restart began; None when none was. A restart whose next one came sooner than the bound
    # is not judged by it (the last one always is: the load runs past the bound).
    ends = [began for began, _ in restarts[1:]] + [load_ended]
    recoveries = [
        min((at - ready for at in ledger.ack_times if ready < at < end), default=None)
        for (_, ready), end in zip(restarts, ends, strict=True)
    ]
    judged = [
        seconds is not None or end - ready >= RECOVERY_BOUND_SECONDS
        for (_, ready), end, seconds in zip(restarts, ends, recoveries, strict=True)
    ]
    # A request that neither ran nor waited while the database was down must not fail.
    while_up = [
        failure
        for failure in ledger.failures
        if not any(failure.started <= ready and failure.ended >= began for began, ready in restarts)
    ]
    fault_report.update(
        fault="restart PostgreSQL under load",
        seconds=FAULTS_SECONDS,
        restarts=len(restarts),
        modes=[MODES[number % len(MODES)] for number in range(len(restarts))],
        requests=ledger.requests,
        claims=result.claims,
        acknowledged=result.acknowledged,
        found=result.found,
        missing=len(result.missing),
        failed_requests=len(ledger.failures),
        failed_while_database_was_up=len(while_up),
        database_down_seconds=[round(ready - began, 2) for began, ready in restarts],
        seconds_to_first_write_after_restart=[
            None if seconds is None else round(seconds, 2) for seconds in recoveries
        ],
        restarts_judged=sum(judged),
        load_seconds_after_last_restart=round(load_ended - restarts[-1][1], 2)
        if restarts
        else None,
        committed_but_unacknowledged=result.unacknowledged_but_committed,
    )

    assert restarts
    assert ledger.failures, "no request met the restart; the test proved nothing"
    assert any(at < restarts[0][0] for at in ledger.ack_times)
    assert result.missing == []
    assert result.problems == []
    for failure in ledger.failures:
        assert failure.status == 503, failure
        assert failure.content_type == "application/json", failure
        assert failure.retry_after, failure
    assert while_up == []
    slow = [
        f"restart {number + 1}: "
        + ("no write acknowledged" if seconds is None else f"first write after {seconds:.2f} s")
        for number, (seconds, counts) in enumerate(zip(recoveries, judged, strict=True))
        if counts and (seconds is None or seconds >= RECOVERY_BOUND_SECONDS)
    ]
    assert judged[-1]
    assert not slow, (
        f"the app did not recover within {RECOVERY_BOUND_SECONDS} s of a PostgreSQL restart "
        f"({'; '.join(slow)}; load ran {load_ended - restarts[-1][1]:.2f} s past the last "
        f"restart, {ledger.requests} requests in all)"
    )
