"""The test database, copied from a migrated template instead of migrated for every run.

Migrating an empty database takes about ten seconds, more than the quick loop can spare, and
each xdist worker needs a database of its own. So the first run migrates a template database
(``test_<name>_template``) once and labels it with a digest of every migration file of every
installed app; each run, and each worker, then gets a fresh copy of it (PostgreSQL's
``CREATE DATABASE ... TEMPLATE``, well under a second). A migration added, edited or upgraded
with its package changes the digest, and the template is built again; ``pytest --create-db``
rebuilds it on demand. A fresh copy per run, unlike ``--reuse-db``, never inherits what a
transactional test's flush left behind (the data migrations' rows gone).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.loader import MigrationLoader

from tests import snapshots


def migrations_digest() -> str:
    """A digest of the text of every migration on disk, of this project and of its packages."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    digest = hashlib.sha256()
    for key in sorted(loader.disk_migrations):
        module = __import__(loader.disk_migrations[key].__module__, fromlist=["Migration"])
        digest.update(repr(key).encode())
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()[:32]


def can_copy_a_template() -> bool:
    """Only the one PostgreSQL database the settings name (no mirror or second alias)."""
    return (
        list(settings.DATABASES) == [DEFAULT_DB_ALIAS]
        and connections[DEFAULT_DB_ALIAS].vendor == "postgresql"
    )


def create_test_database(*, rebuild: bool) -> str:
    """Create this run's (or worker's) test database as a copy of the template, building the
    template first if it is missing, stale, or ``rebuild`` is asked. Returns the name the
    connection used before, for ``destroy_test_database``."""
    connection = connections[DEFAULT_DB_ALIAS]
    creation = connection.creation
    quote = connection.ops.quote_name
    original_name = connection.settings_dict["NAME"]
    test_name = creation._get_test_db_name()
    # xdist workers' names end in _gw0, _gw1...: they share one template.
    template = re.sub(r"_gw\d+$", "", test_name) + "_template"
    digest = migrations_digest()
    with creation._nodb_cursor() as cursor:
        # Workers starting together build the template once; the others wait for it.
        cursor.execute("SELECT pg_advisory_lock(hashtext(%s))", [template])
        try:
            cursor.execute(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
                [template],
            )
            row = cursor.fetchone()
            if rebuild or row is None or row[0] != digest:
                _build_template(template)
                cursor.execute(f"COMMENT ON DATABASE {quote(template)} IS %s", [digest])
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(test_name)}")
            cursor.execute(f"CREATE DATABASE {quote(test_name)} TEMPLATE {quote(template)}")
        finally:
            cursor.execute("SELECT pg_advisory_unlock(hashtext(%s))", [template])
    connection.close()
    settings.DATABASES[DEFAULT_DB_ALIAS]["NAME"] = test_name
    connection.settings_dict["NAME"] = test_name
    # What serialized_rollback restores after a transactional test's flush, as
    # create_test_db(serialize=True) would keep it.
    connection._test_serialized_contents = creation.serialize_db_to_string()
    connection.ensure_connection()
    _quick_transactional_tests(connection)
    return original_name


def _quick_transactional_tests(connection) -> None:
    """A transactional test starts from the template's rows and ends with the tables emptied,
    in a few milliseconds each instead of about 0.3 s: Django's flush truncates about 100 tables
    (new files for each table and index), and serialized_rollback saves the template's objects
    back one by one. Here both are one statement with triggers off (tests/snapshots.py), which
    needs a role that may turn them off; any other role keeps Django's way.

    The one place the suite replaces Django's test machinery, on this connection only: the
    flush's SQL (``ops.sql_flush``, which TransactionTestCase runs after each test) and the
    restore (``creation.deserialize_db_from_string``, which it runs before each test with
    ``serialized_rollback``). tests/test_databases.py holds both.
    """
    if not snapshots.can_turn_off_triggers():
        return
    ops, creation = connection.ops, connection.creation
    tables = sorted(connection.introspection.django_table_names(only_existing=True))
    template_rows = {
        table: rows for table, rows in snapshots.all_rows().items() if table in tables and rows
    }
    truncate = ops.sql_flush

    def sql_flush(style, tables, *, reset_sequences=False, allow_cascade=False):
        if not tables or reset_sequences:
            return truncate(
                style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        quote = ops.quote_name
        deletes = [f"DELETE FROM {quote(table)}" for table in tables]
        return [";\n".join(["SET LOCAL session_replication_role = replica", *deletes])]

    ops.sql_flush = sql_flush
    creation.deserialize_db_from_string = lambda data: snapshots.restore(
        template_rows, emptying=tables
    )


def _build_template(template: str) -> None:
    """Migrate a new database named ``template``, as Django creates a test database."""
    connection = connections[DEFAULT_DB_ALIAS]
    test_settings = connection.settings_dict["TEST"]
    original_name, original_test_name = connection.settings_dict["NAME"], test_settings["NAME"]
    test_settings["NAME"] = template
    try:
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    finally:
        connection.close()  # a template must have no open connection to be copied
        test_settings["NAME"] = original_test_name
        settings.DATABASES[DEFAULT_DB_ALIAS]["NAME"] = original_name
        connection.settings_dict["NAME"] = original_name


def destroy_test_database(original_name: str) -> None:
    """Drop this run's copy; the template stays for the next run."""
    connections[DEFAULT_DB_ALIAS].creation.destroy_test_db(original_name, verbosity=0)
