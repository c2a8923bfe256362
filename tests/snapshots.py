"""Data that many tests start from, built once per test process and copied back in after.

Loading the demo through the services takes about 580 queries and half a second; the budget
tests' 120 published claims take a second. Dozens of tests start from each. So the first test
that asks for such data in a process builds it for real, and the rows that the build added are
kept (as JSON, per table). Every later test that asks for it, inside its own transaction, gets
those rows inserted back with triggers off (the history and search rows are among the kept
rows, so nothing is computed twice): the same database the build left, ids included, in a few
milliseconds. The test's rollback removes them as it would the built ones.

A copy is only used where it is exactly what building would give:
- the database must be as it was before the build that made the copy (a fingerprint of every
  table): a test that created rows of its own first gets a real build (and a copy of its own
  for the next test that starts the same way);
- the build may only add rows: one that updated or deleted a row is built every time;
- triggers can only be turned off by a superuser (the embedded PostgreSQL and the CI service
  connect as one); any other role builds every time.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection, transaction


@dataclass(frozen=True)
class Snapshot:
    added: dict[str, list[str]]  # table: its added rows, as JSON objects
    result: Any  # what the build returned, copied for each test


# The fixtures that give shared data: tests/conftest.py sets them up before a test's own.
SET_UP_FIRST: set[str] = set()


def fixture(function: Callable) -> Any:
    """A pytest fixture that gives shared data through ``built_once``. It is set up before the
    fixtures the test names itself (tests/conftest.py), so that ``def test_x(admin_client,
    demo)`` still starts from the database the copy was built on, not from one with a new
    superuser in it (a salted password and a login time that no other test shares)."""
    SET_UP_FIRST.add(function.__name__)
    return pytest.fixture(function)


# By name, then by the fingerprint of the database the build started from; None where the
# build changed rows that were there before (built every time).
_snapshots: dict[str, dict[str, Snapshot | None]] = {}


def built_once(name: str, build: Callable[[], Any]) -> Any:
    """What ``build()`` returns, with the rows it writes: built by the first caller in this
    process, copied in for the next ones (see the module's docstring for when)."""
    if not can_turn_off_triggers():
        return build()
    baseline = _fingerprint()
    known = _snapshots.setdefault(name, {})
    if baseline in known:
        snapshot = known[baseline]
        if snapshot is None:
            return build()
        restore(snapshot.added)
        return copy.deepcopy(snapshot.result)
    before = all_rows()
    result = build()
    after = all_rows()
    if any(set(rows) - set(after.get(table, ())) for table, rows in before.items()):
        known[baseline] = None
        return result
    added = {}
    for table, rows in after.items():
        kept = set(before.get(table, ()))
        if new_rows := [row for row in rows if row not in kept]:
            added[table] = new_rows
    known[baseline] = Snapshot(added=added, result=copy.deepcopy(result))
    return result


def restore(added: dict[str, list[str]], *, emptying: list[str] = ()) -> None:
    """Insert the rows back, triggers and foreign-key checks off (they held when built); the
    ``emptying`` tables are emptied first. One round trip: the parameters are bound on the
    client, which allows several statements."""
    quote = connection.ops.quote_name
    statements = ["SET LOCAL session_replication_role = replica"]
    statements += [f"DELETE FROM {quote(table)}" for table in emptying]
    parameters = []
    for table, rows in added.items():
        columns = ", ".join(quote(column) for column in _stored_columns(table))
        statements.append(
            f"INSERT INTO {quote(table)} ({columns}) SELECT {columns} "
            f"FROM json_populate_recordset(NULL::{quote(table)}, %s::json)"
        )
        parameters.append("[" + ",".join(rows) + "]")
    statements.append("SET LOCAL session_replication_role = origin")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(";\n".join(statements), parameters)


@functools.cache
def _tables() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind = 'r' AND NOT c.relispartition AND n.nspname = current_schema() "
            "ORDER BY c.relname"
        )
        return [name for (name,) in cursor.fetchall()]


@functools.cache
def _stored_columns(table: str) -> list[str]:
    """The columns an INSERT may set: not dropped, not generated (the search vector)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0 "
            "AND NOT attisdropped AND attgenerated = '' ORDER BY attnum",
            [connection.ops.quote_name(table)],
        )
        return [name for (name,) in cursor.fetchall()]


def all_rows() -> dict[str, list[str]]:
    """Every row of every table, as JSON objects (for comparing)."""
    quote = connection.ops.quote_name
    rows: dict[str, list[str]] = {}
    with connection.cursor() as cursor:
        for table in _tables():
            cursor.execute(f"SELECT row_to_json(t)::text FROM {quote(table)} t")
            rows[table] = [row for (row,) in cursor.fetchall()]
    return rows


def _fingerprint() -> str:
    """One digest of every table's rows, in one query (a few milliseconds on the template)."""
    quote = connection.ops.quote_name
    # Per table: its row count and the sum of its rows' hashes (order does not matter).
    parts = " UNION ALL ".join(
        f"SELECT {index} AS n, count(*) || ':' || coalesce(sum(hashtextextended(t::text, 0)), 0) "
        f"AS digest FROM {quote(table)} t"
        for index, table in enumerate(_tables())
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT md5(string_agg(digest, ',' ORDER BY n)) FROM ({parts}) d")
        return cursor.fetchone()[0]


@functools.cache
def can_turn_off_triggers() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        return bool(cursor.fetchone()[0])
