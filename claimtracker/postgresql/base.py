"""Django's PostgreSQL backend, with a cheaper connection health check.

Django checks a persistent connection at the start of each request that uses it
(CONN_HEALTH_CHECKS) by sending ``SELECT 1``: a round trip to PostgreSQL on every request, a
twentieth of an uncached list request's CPU in the benchmark (docs/performance.md). An idle
connection has nothing to read until the server ends it: a restart, a crash or
pg_terminate_backend sends an error and closes the socket, which makes it readable. So the
socket is polled first, without waiting; only when something is there (or the driver already
knows the connection is bad) does ``SELECT 1`` decide, as Django's own check does.
"""

from __future__ import annotations

import select

from django.db.backends.postgresql import base
from psycopg import pq


class DatabaseWrapper(base.DatabaseWrapper):
    """PostgreSQL, health-checked by polling the socket before any query."""

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
