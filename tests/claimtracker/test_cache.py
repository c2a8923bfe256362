"""The default cache is shared by all workers: the database table when REDIS_URL is unset."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection


@pytest.mark.skipif(bool(settings.REDIS_URL), reason="REDIS_URL is set: the cache is Redis")
def test_without_redis_the_cache_is_a_table_created_by_migrate(db):
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert settings.CACHE_TABLE in connection.introspection.table_names()

    cache.set("greeting", {"hello": "world"}, timeout=60)

    assert cache.get("greeting") == {"hello": "world"}


SETTINGS = (
    "SELECT current_setting('transaction_isolation'), current_setting('transaction_read_only')"
)


# Transactional (the snapshot opens only in autocommit); serialized_rollback as every other
# transactional test, or its flush's recreated content types break theirs.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_etag_and_its_body_are_read_in_one_read_only_snapshot_and_the_connection_recovers():
    from claimtracker.caching import one_snapshot

    with one_snapshot(), connection.cursor() as cursor:
        cursor.execute(SETTINGS)
        assert cursor.fetchone() == ("repeatable read", "on")
    with connection.cursor() as cursor:
        cursor.execute(SETTINGS)
        assert cursor.fetchone() == ("read committed", "off")
