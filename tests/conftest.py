"""Fixtures shared by the whole suite."""

from __future__ import annotations

import gc
import inspect

import pytest

from claims.demo import load_demo
from tests import databases, snapshots
from tests.factories import UserFactory

# Collect garbage less often. A test builds many short-lived objects (querysets, forms,
# requests); at Python's default thresholds (700, 10, 10) the collector took 15 to 18 s of
# `make test-fast`'s CPU on this 2-core machine (measured with gc.callbacks), at these about
# 6.5 s. The largest process's peak memory went from 300 to 321 MB.
gc.set_threshold(10_000, 50, 100)


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_use_migrations,
    django_db_createdb,
    django_db_modify_db_settings,
):
    """The test database as a copy of a migrated template (tests/databases.py); pytest-django's
    own set-up when that does not apply (another database alias, or --nomigrations)."""
    if not (django_db_use_migrations and databases.can_copy_a_template()):
        yield from _pytest_django_db_setup(request, django_db_blocker)
        return
    with django_db_blocker.unblock():
        original_name = databases.create_test_database(rebuild=django_db_createdb)
    yield
    with django_db_blocker.unblock():
        databases.destroy_test_database(original_name)


def _pytest_django_db_setup(request, django_db_blocker):
    from django.test.utils import setup_databases, teardown_databases

    verbosity = request.config.option.verbose
    with django_db_blocker.unblock():
        config = setup_databases(verbosity=verbosity, interactive=False)
    yield
    with django_db_blocker.unblock():
        teardown_databases(config, verbosity=verbosity)


@pytest.fixture
def superuser(db):
    """A superuser, for the admin."""
    return UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client(client, superuser):
    """A test client signed in as a superuser."""
    client.force_login(superuser)
    return client


@snapshots.fixture
def demo(db):
    """The demo data from the BBC article (loaded once per process, copied in after)."""
    snapshots.built_once("demo", load_demo)


def pytest_collection_modifyitems(items):
    """Shared data (``@snapshots.fixture``) is set up before the test's own fixtures, whatever
    order the test names them in: it is copied in only onto the database it was first built on
    (tests/snapshots.py). Otherwise a test asking for ``admin_client, demo`` would create its
    superuser first and load the demo for real (half a second): 14 times in one process's run
    of tests/admin, api and website, against once with this hook."""
    for item in items:
        names = item.fixturenames
        shared = [name for name in names if name in snapshots.SET_UP_FIRST]
        if not shared or not hasattr(item, "function"):
            continue
        own = inspect.signature(item.function).parameters
        rest = [name for name in names if name not in shared]
        first_own = next((index for index, name in enumerate(rest) if name in own), len(rest))
        names[:] = rest[:first_own] + shared + rest[first_own:]
