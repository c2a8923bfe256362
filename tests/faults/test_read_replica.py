"""DATABASE_REPLICA_URL pointed at the same server, as a read-only role (like a hot standby),
and at a real streaming standby: anonymous API reads use it; token clients read their own
writes from the primary.

Here rather than beside tests/claimtracker/test_routers.py because it needs a server of its own
and the settings read from the environment by a real app process.
"""

from __future__ import annotations

from tests.faults.ledger import Client
from tests.faults.stack import PrivatePostgres

REPLICA_ROLE = "claimtracker_replica"


def replica_statements(postgres, since: int = 0) -> tuple[list[str], int]:
    """Statements the replica role ran (it logs them all) after offset ``since`` of the log."""
    with postgres.log.open("rb") as log:
        log.seek(since)
        lines = log.read().decode(errors="replace").splitlines()
        end = log.tell()
    return [line for line in lines if "statement: " in line], end


def test_anonymous_reads_use_the_replica_and_writers_read_the_primary(
    start_app, client_for, fault_database, private_postgres
):
    with private_postgres.connect() as connection:
        connection.execute(f"DROP ROLE IF EXISTS {REPLICA_ROLE}")
        connection.execute(f"CREATE ROLE {REPLICA_ROLE} LOGIN IN ROLE pg_read_all_data")
        # A standby refuses every write; so does this role. It logs what it runs.
        connection.execute(f"ALTER ROLE {REPLICA_ROLE} SET default_transaction_read_only = on")
        connection.execute(f"ALTER ROLE {REPLICA_ROLE} SET log_statement = 'all'")
    app = start_app(
        workers=2,
        DATABASE_REPLICA_URL=private_postgres.url(fault_database["name"], user=REPLICA_ROLE),
    )
    writer = client_for(app)
    _, start = replica_statements(private_postgres)

    created = writer.request("POST", "/api/v1/claims/", {"text": "Read from where?"})
    assert created.status == 201, created
    path = f"/api/v1/claims/{created.body['id']}/"
    edited = writer.request(
        "PATCH", path, {"context": "Edited"}, **{"If-Match": created.headers["etag"]}
    )
    assert edited.status == 200, edited
    read_back = writer.request("GET", path)
    assert read_back.body["context"] == "Edited"
    assert read_back.headers["etag"] == edited.headers["etag"]
    by_writer, start = replica_statements(private_postgres, start)
    assert by_writer == []

    anonymous = Client(app.url, token=None)
    for endpoint in ("/api/v1/claims/", "/api/v1/ratings/", "/api/v1/speakers/"):
        reply = anonymous.request("GET", endpoint)
        assert reply.status == 200, reply
    by_anonymous, _ = replica_statements(private_postgres, start)
    assert any('FROM "claims_claim"' in statement for statement in by_anonymous)
    assert any('FROM "claims_rating"' in statement for statement in by_anonymous)


def test_a_streaming_standby_serves_anonymous_reads(
    start_app, client_for, fault_database, private_postgres
):
    standby = PrivatePostgres()
    try:
        standby.start_standby_of(private_postgres)
        app = start_app(workers=2, DATABASE_REPLICA_URL=standby.url(fault_database["name"]))
        writer = client_for(app)
        created = writer.request("POST", "/api/v1/claims/", {"text": "Written to the primary"})
        assert created.status == 201, created
        assert writer.request("GET", f"/api/v1/claims/{created.body['id']}/").status == 200

        for endpoint in ("/api/v1/claims/", "/api/v1/ratings/", "/api/v1/topics/"):
            assert Client(app.url, token=None).request("GET", endpoint).status == 200
        with standby.connect() as connection:
            in_recovery, app_connections = connection.execute(
                "SELECT pg_is_in_recovery(), count(*) FROM pg_stat_activity WHERE datname = %s",
                [fault_database["name"]],
            ).fetchone()
    finally:
        standby.stop()

    assert in_recovery
    # The workers kept their replica connections open after the anonymous reads.
    assert app_connections >= 1
