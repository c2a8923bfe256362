"""A transactional test's database: the template's rows at its start, empty tables at its end
(tests/databases.py does both in one statement each, in place of Django's flush and restore)."""

from __future__ import annotations

import pytest
from django.core.management.color import no_style
from django.db import connection

from claims.models import Rating, Speaker
from tests import snapshots
from tests.factories import SpeakerFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def model_rows() -> dict[str, list[str]]:
    tables = set(connection.introspection.django_table_names(only_existing=True))
    return {table: sorted(rows) for table, rows in snapshots.all_rows().items() if table in tables}


def test_the_flush_empties_every_table_and_the_restore_brings_back_the_template():
    template = model_rows()
    assert Rating.objects.exists()  # the data migrations' rows, restored before the test
    SpeakerFactory()

    tables = connection.introspection.django_table_names(only_existing=True)
    connection.ops.execute_sql_flush(connection.ops.sql_flush(no_style(), tables))
    assert {table: rows for table, rows in model_rows().items() if rows} == {}

    SpeakerFactory()
    connection.creation.deserialize_db_from_string(connection._test_serialized_contents)
    assert model_rows() == template
    assert not Speaker.objects.exists()
