"""Django's PostgreSQL backend, with a cheaper connection health check, prepared statements
for the hottest single-row reads, and JIT compilation off.

**Health check.** Django checks a persistent connection at the start of each request that uses
it (CONN_HEALTH_CHECKS) by sending ``SELECT 1``: a round trip to PostgreSQL on every request, a
twentieth of an uncached list request's CPU in the benchmark (docs/performance.md). An idle
connection has nothing to read until the server ends it: a restart, a crash or
pg_terminate_backend sends an error and closes the socket, which makes it readable. So the
socket is polled first, without waiting; only when something is there (or the driver already
knows the connection is bad) does ``SELECT 1`` decide, as Django's own check does.

**Prepared statements** (``prepared_cursor``). Django binds parameters on the client, so
PostgreSQL parses and plans every statement anew. For a lookup by id (a claim's ETag, its
detail) planning took three times as long as running it at a million claims (1.2 ms against
0.4 ms). A prepared cursor binds on the server and prepares each statement once per
connection; PostgreSQL then plans it anew only until it settles on a generic plan. Only for
statements whose best plan does not depend on the values: lookups by primary key.

**JIT off** in every session. PostgreSQL compiles any plan estimated above jit_above_cost
(100,000), and the claim matching query passes it at a million claims, where compiling took
64 ms for 20 ms of work (docs/performance.md). The API's queries are short; none gains from
it. A SET rather than a startup option, which a connection pooler may refuse.
https://www.postgresql.org/docs/current/jit-decision.html
"""

from __future__ import annotations

import select
import sys

from django.db.backends.postgresql import base, operations
from django.utils.asyncio import async_unsafe
from psycopg import pq

SESSION_SETTINGS = "SET jit = off"


class PreparedCursor(base.ServerBindingCursor):
    """A server-binding cursor that prepares every statement it runs (psycopg keeps the
    connection's most recent 100)."""

    def execute(self, query, params=None, *, prepare=None, binary=None):
        return super().execute(query, params, prepare=True, binary=binary)


class DatabaseOperations(operations.DatabaseOperations):
    """Django's, naming what a prepared cursor ran with its values, as for any other cursor
    (where queries are logged: debug, tests)."""

    def last_executed_query(self, cursor, sql, params):
        if isinstance(cursor, PreparedCursor):
            return self.compose_sql(sql, params)
        return super().last_executed_query(cursor, sql, params)


class DatabaseWrapper(base.DatabaseWrapper):
    """PostgreSQL, health-checked by polling the socket before any query, without JIT."""

    ops_class = DatabaseOperations

    def is_usable(self) -> bool:
        if self.connection is None:
            return False
        pgconn = self.connection.pgconn
        if pgconn.status != pq.ConnStatus.OK:
            return False
        if pgconn.transaction_status == pq.TransactionStatus.IDLE:
            try:
                readable, _, _ = select.select([pgconn.socket], [], [], 0)
            except (OSError, ValueError):
                readable = True
            if not readable:
                return True
        return super().is_usable()

    def init_connection_state(self) -> None:
        super().init_connection_state()
        self.connection.execute(SESSION_SETTINGS)
        if not self.get_autocommit():
            self.connection.commit()

    @async_unsafe
    def get_new_connection(self, conn_params):
        connection = super().get_new_connection(conn_params)
        if connection.prepare_threshold is None:
            # psycopg prepares nothing without a threshold, even when asked to; with one this
            # high, only what PreparedCursor asks for (Django's cursors bind on the client and
            # never prepare).
            connection.prepare_threshold = sys.maxsize
        return connection

    @async_unsafe
    def prepared_cursor(self):
        """A cursor (logged and wrapped as ``cursor()``'s) whose statements are prepared."""
        self.close_if_health_check_failed()
        self.ensure_connection()
        with self.wrap_database_errors:
            return self._prepare_cursor(PreparedCursor(self.connection))
