"""Where the database comes from: DATABASE_URL, or the embedded PostgreSQL."""

from __future__ import annotations

import json
import os
import select

import psycopg
import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from claimtracker import database, environment


def test_database_url_wins_and_starts_nothing(monkeypatch):
    def must_not_start():
        raise AssertionError("the embedded server must not start when DATABASE_URL is set")

    monkeypatch.setattr(database, "_embedded_database_url", must_not_start)
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/claimtracker")
    assert database.database_url() == "postgres://postgres@127.0.0.1:5432/claimtracker"


def test_blank_database_url_means_embedded(monkeypatch, tmp_path):
    (tmp_path / "PG_VERSION").write_text("15")
    monkeypatch.setattr(database, "EMBEDDED_DATA_DIR", tmp_path)
    monkeypatch.setattr(database, "_embedded_database_url", lambda: "postgres://embedded/x")
    monkeypatch.setenv("DATABASE_URL", "  ")
    assert database.database_url() == "postgres://embedded/x"


def test_a_command_never_creates_a_second_empty_embedded_server(monkeypatch, tmp_path):
    # As after `make run` with EMBEDDED_PGDATA=elsewhere, then a command run without it.
    def must_not_start():
        raise AssertionError("no embedded server may be created outside `database start`")

    data_dir = tmp_path / "pgdata"
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setattr(database, "EMBEDDED_DATA_DIR", data_dir)
    monkeypatch.setattr(database, "_embedded_database_url", must_not_start)

    with pytest.raises(ImproperlyConfigured) as refused:
        database.database_url()

    assert str(data_dir) in str(refused.value)
    assert "EMBEDDED_PGDATA" in str(refused.value)
    assert "make run" in str(refused.value)
    assert not data_dir.exists()


def test_the_local_env_file_is_read_but_the_environment_wins(monkeypatch, tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("CLAIMTRACKER_TEST_FROM_FILE=file\nCLAIMTRACKER_TEST_BOTH=file\n")
    monkeypatch.setattr(environment, "ENV_FILE", env_file)
    monkeypatch.delenv("CLAIMTRACKER_TEST_FROM_FILE", raising=False)
    monkeypatch.setenv("CLAIMTRACKER_TEST_BOTH", "environment")

    environment.load_local_environment()

    assert os.environ.pop("CLAIMTRACKER_TEST_FROM_FILE") == "file"
    assert os.environ["CLAIMTRACKER_TEST_BOTH"] == "environment"


def test_settings_use_the_server_database_url_names(monkeypatch):
    url = database.database_url()
    expected_host = psycopg.conninfo.conninfo_to_dict(
        url.replace("postgres://", "postgresql://", 1)
    ).get("host", "")
    assert settings.DATABASES["default"]["HOST"] == expected_host
    assert settings.DATABASES["default"]["ENGINE"] == "claimtracker.postgresql"
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


def connect(url: str) -> psycopg.Connection:
    return psycopg.connect(url.replace("postgres://", "postgresql://", 1), autocommit=True)


@pytest.mark.slow  # starts a PostgreSQL server; `make test-fast` leaves it out
def test_embedded_server_initialises_on_first_use_and_keeps_its_data(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    data_dir = tmp_path / "pgdata"
    monkeypatch.setattr(database, "EMBEDDED_DATA_DIR", data_dir)
    try:
        url = database.database_url(create=True)  # as `make db` does
        assert (data_dir / "PG_VERSION").exists()
        with connect(url) as connection:
            connection.execute("CREATE TABLE kept (value text)")
            connection.execute("INSERT INTO kept VALUES ('still here')")
        # Still running: the next process gets the same server at once.
        assert database.database_url() == url

        database.main(["database", "stop"])
        assert not (data_dir / "postmaster.pid").exists()
        # Started again on the same folder: no new initdb, the data are still there.
        with connect(database.database_url()) as connection:
            assert connection.execute("SELECT value FROM kept").fetchone() == ("still here",)
    finally:
        database.main(["database", "stop"])


def test_a_half_written_process_list_is_waited_out_and_an_empty_one_mended(tmp_path, monkeypatch):
    monkeypatch.setattr(database, "EMBEDDED_DATA_DIR", tmp_path)
    monkeypatch.setattr(database.time, "sleep", lambda seconds: None)
    process_list = tmp_path / database.PROCESS_LIST
    process_list.write_text("")  # as a process killed mid-write leaves it
    reads = []

    class FakePgserver:
        @staticmethod
        def get_server(path, cleanup_mode):
            reads.append(path)
            return json.loads(process_list.read_text())

    assert database._get_server(FakePgserver, attempts=4) == []
    assert len(reads) == 4  # three reads of the empty list, then one of the mended list
    assert process_list.read_text() == "[]"


def test_other_errors_starting_the_server_are_not_retried(tmp_path, monkeypatch):
    monkeypatch.setattr(database, "EMBEDDED_DATA_DIR", tmp_path)

    class FakePgserver:
        @staticmethod
        def get_server(path, cleanup_mode):
            raise PermissionError(path)

    with pytest.raises(PermissionError):
        database._get_server(FakePgserver, attempts=4)


@pytest.mark.django_db
def test_database_sessions_never_jit_compile_a_query():
    # A JIT compile costs tens of milliseconds on a plan the planner thinks expensive (claim
    # matching at a million claims), more than running the query (docs/performance.md).
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


def _terminate_backend_of(connection) -> int:
    """End the server session of ``connection`` from another one, as a restart would; its pid."""
    pid = connection.connection.info.backend_pid
    params = connection.settings_dict
    with psycopg.connect(
        dbname=params["NAME"],
        user=params["USER"],
        password=params["PASSWORD"],
        host=params["HOST"],
        port=params["PORT"],
        autocommit=True,
    ) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])
    # The server's farewell reaches the socket: wait for it rather than for a fixed time.
    select.select([connection.connection.pgconn.socket], [], [], 5)
    return pid


# Transactional, with serialized_rollback as every other such test: a health check runs on a
# connection outside a transaction, as at the start of a request.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_session_the_server_ended_is_replaced_before_the_next_request_uses_it():
    from django.db import connection

    connection.ensure_connection()
    pid = _terminate_backend_of(connection)
    connection.health_check_done = False  # as when a request starts (close_old_connections)
    connection.close_if_health_check_failed()

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        assert cursor.fetchone()[0] != pid


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_healthy_session_is_checked_without_a_round_trip(monkeypatch):
    from django.db import connection
    from django.db.backends.postgresql.base import DatabaseWrapper

    connection.ensure_connection()

    def select_one(self):
        raise AssertionError("SELECT 1 was sent to check a healthy connection")

    monkeypatch.setattr(DatabaseWrapper, "is_usable", select_one)
    assert connection.is_usable()


def _prepared_statements(connection, fragment: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            [f"%{fragment}%"],
        )
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_a_prepared_cursor_prepares_a_statement_once_per_connection_and_logs_it():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        for value in (1, 2, 3):
            with connection.prepared_cursor() as cursor:
                cursor.execute("SELECT %s::int + 40 AS prepared_probe", [value])
                assert cursor.fetchone()[0] == value + 40

    assert [query["sql"] for query in captured] == [
        f"SELECT {value}::int + 40 AS prepared_probe" for value in (1, 2, 3)
    ]
    assert _prepared_statements(connection, "prepared_probe") == 1
