"""Fault 3: fifty PATCHes sent at once with the same ETag to several gunicorn workers: exactly one
succeeds, the version goes up by one, and there is one history event."""

from __future__ import annotations

import threading

import psycopg

from tests.faults.ledger import version_of

RACERS = 50


def test_fifty_parallel_patches_with_one_etag_make_exactly_one_change(
    start_app, client_for, fault_database, fault_report
):
    app = start_app(workers=4, threads=4)
    client = client_for(app)
    created = client.request("POST", "/api/v1/claims/", {"text": "Fifty editors, one claim"})
    assert created.status == 201, created
    claim_id, etag = created.body["id"], created.headers["etag"]
    barrier = threading.Barrier(RACERS)
    replies = [None] * RACERS

    def race(number: int) -> None:
        racer = client_for(app)
        barrier.wait(timeout=30)
        replies[number] = racer.request(
            "PATCH",
            f"/api/v1/claims/{claim_id}/",
            {"context": f"Edit {number}"},
            **{"If-Match": etag},
        )

    threads = [threading.Thread(target=race, args=(number,)) for number in range(RACERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)

    statuses = sorted(reply.status for reply in replies)
    winner = next(number for number, reply in enumerate(replies) if reply.status == 200)
    url = fault_database["url"].replace("postgres://", "postgresql://", 1)
    with psycopg.connect(url) as connection:
        version, context = connection.execute(
            "SELECT version, context FROM claims_claim WHERE id = %s", [claim_id]
        ).fetchone()
        events = connection.execute(
            "SELECT pgh_label, version FROM claims_claimhistory WHERE pgh_obj_id = %s "
            "ORDER BY pgh_id",
            [claim_id],
        ).fetchall()
    fault_report.update(
        fault="50 parallel PATCHes with one ETag",
        gunicorn="4 workers x 4 threads",
        succeeded=statuses.count(200),
        refused_412=statuses.count(412),
        other=len(statuses) - statuses.count(200) - statuses.count(412),
        version_before=version_of(etag),
        version_after=version,
        update_events=sum(label == "update" for label, _ in events),
    )

    assert statuses == [200] + [412] * (RACERS - 1)
    assert version == version_of(etag) + 1
    assert context == f"Edit {winner}"
    assert events == [("insert", 1), ("update", 2)]
    # Every loser is told the version that won.
    assert {version_of(reply.headers["etag"]) for reply in replies} == {version}
