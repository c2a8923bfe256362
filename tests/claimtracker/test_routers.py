"""The read replica: anonymous API reads go to it; signed-in reads, the admin and writes do not.

The "replica" here is a second connection to the test database, read-only like a hot standby
(a write sent to it would fail). The data must be committed for it to see them, so these tests
are transactional. tests/faults/test_read_replica.py runs the same through DATABASE_REPLICA_URL
against a real server.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.utils import load_backend
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from claims.models import Claim
from claimtracker.routers import REPLICA, ReplicaRouter, replica_reads
from claimtracker.writes import fixture_writes
from tests.factories import UserFactory, claim_in_status, published_claim

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def replica(transactional_db, settings):
    """A read-only "replica" connection to the test database, with the router and middleware on.

    Settings are read once at start-up, so the connection is made here, as DATABASE_REPLICA_URL
    would have made it; like a hot standby, it refuses writes.
    """
    primary = connections[DEFAULT_DB_ALIAS].settings_dict
    replica_settings = {
        **primary,
        "OPTIONS": {**primary["OPTIONS"], "options": "-c default_transaction_read_only=on"},
    }
    connections[REPLICA] = load_backend(primary["ENGINE"]).DatabaseWrapper(
        replica_settings, REPLICA
    )
    settings.DATABASE_ROUTERS = ["claimtracker.routers.ReplicaRouter"]
    settings.MIDDLEWARE = ["claimtracker.routers.ReplicaReadsMiddleware", *settings.MIDDLEWARE]
    yield connections[REPLICA]
    connections[REPLICA].close()
    del connections[REPLICA]


def queries_on(alias: str) -> CaptureQueriesContext:
    return CaptureQueriesContext(connections[alias])


def claim_queries(captured: CaptureQueriesContext) -> list[str]:
    return [query["sql"] for query in captured if "claims_claim" in query["sql"]]


def token_client(group: str = "Fact-checkers") -> APIClient:
    user = UserFactory()
    user.groups.add(Group.objects.get(name=group))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def test_anonymous_api_reads_come_from_the_replica(replica):
    claim = published_claim()

    with queries_on(REPLICA) as on_replica, queries_on(DEFAULT_DB_ALIAS) as on_primary:
        listing = APIClient().get("/api/v1/claims/")
        detail = APIClient().get(f"/api/v1/claims/{claim.pk}/")

    assert listing.status_code == 200
    assert [item["id"] for item in listing.json()["results"]] == [claim.pk]
    assert detail.status_code == 200
    assert claim_queries(on_replica)
    # The primary may count throttles in the cache table; it never reads claims here.
    assert claim_queries(on_primary) == []


def test_signed_in_reads_come_from_the_primary_and_see_the_own_write(replica):
    claim = claim_in_status("draft")
    client = token_client()
    etag = client.get(f"/api/v1/claims/{claim.pk}/")["ETag"]

    with queries_on(REPLICA) as on_replica:
        written = client.patch(
            f"/api/v1/claims/{claim.pk}/", {"context": "Said twice"}, HTTP_IF_MATCH=etag
        )
        read = client.get(f"/api/v1/claims/{claim.pk}/")

    assert written.status_code == 200, written.json()
    assert read.json()["context"] == "Said twice"
    assert read["ETag"] == written["ETag"]
    assert len(on_replica) == 0


def test_admin_reads_come_from_the_primary(replica, client):
    published_claim()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    with queries_on(REPLICA) as on_replica:
        response = client.get("/admin/claims/claim/")

    assert response.status_code == 200
    assert len(on_replica) == 0


def test_anonymous_writes_never_touch_the_replica(replica):
    with queries_on(REPLICA) as on_replica:
        response = APIClient().post("/api/v1/claims/", {"text": "x"})

    assert response.status_code == 401
    assert len(on_replica) == 0


def test_an_object_read_from_the_replica_is_saved_to_the_primary(replica):
    claim = claim_in_status("draft")
    with replica_reads(), fixture_writes("a save by any path"):
        loaded = Claim.objects.get(pk=claim.pk)
        loaded.context = "Saved where it belongs"
        # The replica refuses writes: this would fail if it were sent there.
        loaded.save(update_fields=["context"])

    assert loaded._state.db == DEFAULT_DB_ALIAS
    assert Claim.objects.get(pk=claim.pk).context == "Saved where it belongs"


def test_reads_in_a_transaction_and_cache_reads_use_the_primary():
    router = ReplicaRouter()
    cache_entry = type("CacheEntry", (), {"_meta": type("Meta", (), {"app_label": "django_cache"})})

    assert router.db_for_read(Claim) == DEFAULT_DB_ALIAS
    with replica_reads():
        assert router.db_for_read(Claim) == REPLICA
        assert router.db_for_read(cache_entry) == DEFAULT_DB_ALIAS
        assert router.db_for_write(Claim) == DEFAULT_DB_ALIAS
        with transaction.atomic():
            assert router.db_for_read(Claim) == DEFAULT_DB_ALIAS
    assert router.allow_migrate(REPLICA, "claims") is False
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "claims") is True
