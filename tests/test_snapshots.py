"""The copies of shared test data (tests/snapshots.py) are exactly what building it leaves."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction

from claims.demo import load_demo
from claims.models import Rating, Speaker
from claimtracker.writes import fixture_writes
from tests import snapshots
from tests.factories import SpeakerFactory

pytestmark = pytest.mark.django_db


class Counted:
    """A build that counts how often it really ran."""

    def __init__(self, build):
        self.build, self.runs = build, 0

    def __call__(self):
        self.runs += 1
        return self.build()


def every_row() -> dict[str, list[str]]:
    return {table: sorted(rows) for table, rows in snapshots.all_rows().items()}


def in_a_rolled_back_transaction(action):
    with transaction.atomic():
        result = action()
        transaction.set_rollback(True)
    return result


def test_the_copy_of_the_demo_is_row_for_row_what_loading_it_left():
    build = Counted(load_demo)

    def load_and_read():
        snapshots.built_once("test: demo", build)
        return every_row()

    built = in_a_rolled_back_transaction(load_and_read)
    copied = in_a_rolled_back_transaction(load_and_read)

    assert build.runs == 1
    # Every column of every table (search vectors, JSON, history rows, timestamps) alike.
    assert copied == built
    assert len(built["claims_claim"]) == 7


def test_what_the_build_returns_is_a_fresh_copy_for_each_caller():
    def build():
        return {"speaker": SpeakerFactory(slug="ren")}

    def fetch():
        return in_a_rolled_back_transaction(lambda: snapshots.built_once("test: copy", build))

    built = fetch()
    built["speaker"].name = "changed by the test that built it"
    first_copy = fetch()
    first_copy["speaker"].name = "changed by a test given a copy"
    second_copy = fetch()

    assert second_copy["speaker"].pk == built["speaker"].pk
    assert second_copy["speaker"].name not in {
        "changed by the test that built it",
        "changed by a test given a copy",
    }


def test_a_test_that_starts_with_rows_of_its_own_gets_a_real_build():
    build = Counted(lambda: SpeakerFactory(slug="built"))
    in_a_rolled_back_transaction(lambda: snapshots.built_once("test: baseline", build))

    def own_rows_first():
        SpeakerFactory(slug="mine")
        snapshots.built_once("test: baseline", build)

    in_a_rolled_back_transaction(own_rows_first)

    assert build.runs == 2


def test_a_build_that_changes_an_existing_row_is_built_every_time():
    def relabel():
        with fixture_writes("a test's data"):
            Rating.objects.filter(slug="false").update(label="Wrong")

    build = Counted(relabel)
    for _ in range(2):
        in_a_rolled_back_transaction(lambda: snapshots.built_once("test: update", build))

    assert build.runs == 2


def test_shared_data_is_set_up_before_the_fixtures_a_test_names_first(admin_client, demo):
    """``admin_client`` comes first in the signature, yet its superuser is created after the
    demo: the demo started from the database its copy was built on (tests/conftest.py)."""
    root = get_user_model().objects.get(username="root")
    assert Speaker.objects.exists()
    assert Speaker.objects.latest("created_at").created_at < root.date_joined
