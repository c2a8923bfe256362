"""make restore-check: back up under write load and restore, as docs/operations.md says.

    .venv/bin/python bench/restore_check.py [--seconds 6] [--writers 4]

On a private PostgreSQL of its own (127.0.0.1, a port in 55430-55439, removed afterwards) it
runs the commands of docs/operations.md, with only the host and port added:

1. "Production set-up": ``createuser claimtracker``, ``createdb --owner=claimtracker
   claimtracker``, then ``manage.py migrate`` as that role;
2. gunicorn on the database, and writers editing claims through the API for ``--seconds``;
3. "Backups": ``pg_dump --format=custom`` halfway through, as the app's role;
4. "Restore": ``createdb --owner=claimtracker claimtracker_restored``, then as the app's role
   ``pg_restore --no-owner --exit-on-error``, ``manage.py migrate --check`` and
   ``manage.py retire_public_cache``;

then compares: every write acknowledged before the dump started is in the restore, every table
is owned by the app's role and holds no more rows than the original, the triggers and functions
are all there, the app's role can write to the restored database (``manage.py create_user``),
and the restored database's cache keys differ from the original's. Exits 1 if anything differs.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.faults.ledger import Client, run_writers  # noqa: E402
from tests.faults.stack import Gunicorn, PrivatePostgres, app_environment, manage  # noqa: E402

ROLE = "claimtracker"
SETUP_SCRIPT = """
import json
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from rest_framework.authtoken.models import Token
from sources.models import Source

user = get_user_model().objects.create_user("restore-checker")
user.groups.add(Group.objects.get(name="Fact-checkers"))
sources = [
    Source.objects.create(url=f"https://example.org/restore/{n}", title=f"Source {n}")
    for n in range(2)
]
print(json.dumps({"token": Token.objects.create(user=user).key,
                  "sources": {s.pk: s.url for s in sources}}))
"""
IDENTITY_SCRIPT = "from claimtracker.caching import database_identity; print(database_identity())"
COUNTS_SQL = """
SELECT c.relname, c.relowner::regrole::text
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 1
"""


def tool(postgres: PrivatePostgres, program: str, *args: str, user: str = "postgres") -> None:
    """A PostgreSQL client program of the server's version, against the private server."""
    command = [str(postgres.bin / program), "-h", "127.0.0.1", "-p", str(postgres.port)]
    if program not in {"pg_dump", "pg_restore"}:
        command += ["-U", user]
    subprocess.run([*command, *args], check=True, capture_output=True, timeout=300)


def tables(postgres: PrivatePostgres, database: str) -> dict[str, tuple[str, int]]:
    """Each table: its owner and its row count."""
    with postgres.connect(database) as connection:
        owners = connection.execute(COUNTS_SQL).fetchall()
        return {
            name: (owner, connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0])
            for name, owner in owners
        }


def catalogue(postgres: PrivatePostgres, database: str) -> tuple[int, int]:
    """The number of (non-internal) triggers and of functions in the public schema."""
    with postgres.connect(database) as connection:
        return connection.execute(
            "SELECT (SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal), "
            "(SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE n.nspname = 'public')"
        ).fetchone()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=6.0)
    parser.add_argument("--writers", type=int, default=4)
    options = parser.parse_args()

    postgres = PrivatePostgres()
    problems: list[str] = []
    figures: dict = {}
    app = None
    try:
        postgres.start()
        # Production set-up (docs/operations.md), as the PostgreSQL superuser.
        tool(postgres, "createuser", ROLE)
        tool(postgres, "createdb", f"--owner={ROLE}", "claimtracker")
        app_url = postgres.url("claimtracker", user=ROLE)
        environment = app_environment(app_url)
        manage(environment, "migrate", "--noinput")
        setup = json.loads(
            manage(environment, "shell", "-c", SETUP_SCRIPT).strip().splitlines()[-1]
        )
        sources = {int(pk): url for pk, url in setup["sources"].items()}

        app = Gunicorn(environment, workers=2)
        app.wait_ready()
        dump = postgres.folder / "claimtracker.dump"
        dumped: dict[str, float] = {}

        def dump_halfway(elapsed: float) -> None:
            if "started" not in dumped and elapsed >= options.seconds / 2:
                dumped["started"] = time.monotonic()
                # Backups (docs/operations.md), as the app's role, while the writers write.
                tool(
                    postgres, "pg_dump", "--format=custom", f"--file={dump}", f"--dbname={app_url}"
                )
                dumped["ended"] = time.monotonic()

        ledger = run_writers(
            lambda: Client(app.url, setup["token"]),
            sources,
            writers=options.writers,
            seconds=options.seconds,
            during=dump_halfway,
        )
        app.stop()
        app = None

        # Restore (docs/operations.md): the database by the superuser, the rest as the app's role.
        tool(postgres, "createdb", f"--owner={ROLE}", "claimtracker_restored")
        restored_url = postgres.url("claimtracker_restored", user=ROLE)
        tool(
            postgres,
            "pg_restore",
            "--no-owner",
            "--exit-on-error",
            f"--dbname={restored_url}",
            str(dump),
        )
        restored_environment = app_environment(restored_url)
        manage(restored_environment, "migrate", "--check")
        manage(restored_environment, "retire_public_cache")

        # Compare.
        before = [
            ack
            for ack, at in zip(ledger.acks, ledger.ack_times, strict=True)
            if at < dumped["started"]
        ]
        with postgres.connect("claimtracker_restored") as connection:
            history = {
                (claim_id, version, context)
                for claim_id, version, context in connection.execute(
                    "SELECT pgh_obj_id, version, context FROM claims_claimhistory"
                )
            }
        missing = [ack for ack in before if (ack.claim_id, ack.version, ack.context) not in history]
        if missing:
            problems.append(f"{len(missing)} writes acknowledged before the dump are missing")
        original, restored = (
            tables(postgres, "claimtracker"),
            tables(postgres, "claimtracker_restored"),
        )
        if set(original) != set(restored):
            problems.append(f"tables differ: {sorted(set(original) ^ set(restored))}")
        not_owned = [name for name, (owner, _) in restored.items() if owner != ROLE]
        if not_owned:
            problems.append(f"tables not owned by {ROLE}: {not_owned}")
        # The cache table is left out: the restore's own generation is a row of its own.
        more = [
            name
            for name in restored
            if name in original
            and name != "claimtracker_cache"
            and restored[name][1] > original[name][1]
        ]
        if more:
            problems.append(f"restored tables with more rows than the original: {more}")
        if catalogue(postgres, "claimtracker") != catalogue(postgres, "claimtracker_restored"):
            problems.append("triggers or functions differ")
        # The app's role can write to the restored database (no "permission denied").
        manage(
            {**restored_environment, "CLAIMTRACKER_USER_PASSWORD": "restored and writable 1"},
            "create_user",
            "restore-editor",
            "--role",
            "editor",
        )
        identities = {
            manage(env, "shell", "-c", IDENTITY_SCRIPT).strip()
            for env in (environment, restored_environment)
        }
        if len(identities) != 2:
            problems.append("the restored database shares the original's cache keys")
        figures = {
            "acknowledged_writes": len(ledger.acks),
            "acknowledged_before_dump": len(before),
            "missing": len(missing),
            "dump_seconds": round(dumped["ended"] - dumped["started"], 2),
            "dump_bytes": dump.stat().st_size,
            "claims_original": original["claims_claim"][1],
            "claims_restored": restored["claims_claim"][1],
            "triggers_functions": catalogue(postgres, "claimtracker_restored"),
        }
        if not before:
            problems.append("no write was acknowledged before the dump: nothing was checked")
    finally:
        if app is not None:
            app.stop()
        postgres.stop()
    print(json.dumps(figures))
    for problem in problems:
        print(f"restore-check: {problem}", file=sys.stderr)
    print("restore-check:", "FAILED" if problems else "passed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
