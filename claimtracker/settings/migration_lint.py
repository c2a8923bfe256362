"""Settings for ``make lint-migrations``: the test settings plus django-migration-linter.

The linter refuses a migration that old code cannot run beside (a NOT NULL column without a
database default, a dropped or renamed column) or that locks a table while it works (a plain
CREATE INDEX, and, checked here in addition, a CHECK constraint added without NOT VALID to a
table that already exists), unless the migration is listed in REVIEWED_MIGRATIONS.

docs/operations.md ("Migrations that keep the rules") says how to write a migration that
passes, and how to add a reviewed exception: one entry below, with the reason.
"""

import re
from importlib.util import find_spec
from pathlib import Path

from django_migration_linter.sql_analyser.base import Check, CheckMode, CheckType
from django_migration_linter.sql_analyser.postgresql import PostgresqlAnalyser

from claimtracker.settings.test import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "django_migration_linter"]  # noqa: F405

# Migrations whose locks or incompatibilities were reviewed and accepted: name -> why (the
# linter matches the migration's name, in any linted app). Each
# needs a maintenance window when upgrading across it (docs/operations.md lists them). Add a
# new one only after review, with its reason, and list it in docs/operations.md too.
REVIEWED_MIGRATIONS: dict[str, str] = {
    "0005_list_order_index": "claims: plain DROP/CREATE INDEX on claims_claim (blocks writes)",
    "0008_article_import": "claims: NOT NULL columns whose database default is dropped",
    "0010_imported_reviews": "claims: NOT NULL column without a database default; CHECKs "
    "re-added without NOT VALID (claims_claim, claims_claimevent)",
    "0011_text_max_lengths": "claims: CHECKs without NOT VALID on six tables",
    "0012_claimreview_feed_index": "claims: plain CREATE INDEX on claims_claim",
    "0015_search_in_claim_language": "claims: the generated search_vector column dropped and "
    "added again (PostgreSQL before 17 cannot change a generation expression; the table is "
    "rewritten) and its GIN index rebuilt; plain CREATE INDEX on claims_claim.language",
    "0004_text_max_lengths": "sources: CHECKs without NOT VALID",
}


def _first_party(app: str) -> bool:
    """An app of this project (its package is in the checkout, not in site-packages)."""
    spec = find_spec(app.split(".")[0])
    origin = Path(spec.origin) if spec and spec.origin else None
    return bool(origin and origin.is_relative_to(BASE_DIR) and "site-packages" not in origin.parts)  # noqa: F405


# Every app of this project, a new one included, is linted; third-party apps' migrations are
# theirs to review.
LINTED_APPS = [app.split(".")[0] for app in INSTALLED_APPS if _first_party(app)]

MIGRATION_LINTER_OPTIONS = {
    "include_apps": LINTED_APPS,
    "ignore_name": list(REVIEWED_MIGRATIONS),
    "sql_analyser": "postgresql",
    "warnings_as_errors": True,
}


def _check_without_not_valid(sql_statements: list[str], **kwargs) -> bool:
    """An ALTER TABLE ... ADD CONSTRAINT ... CHECK without NOT VALID on a table that is not
    created in the same migration: PostgreSQL scans the table under an ACCESS EXCLUSIVE lock."""
    created = {
        match.group(1)
        for sql in sql_statements
        if (match := re.match(r'CREATE TABLE ("[^"]+")', sql))
    }
    for sql in sql_statements:
        match = re.match(r'ALTER TABLE ("[^"]+") ADD CONSTRAINT .* CHECK', sql, re.DOTALL)
        if match and "NOT VALID" not in sql and match.group(1) not in created:
            return True
    return False


if not any(
    check.code == "CHECK_WITHOUT_NOT_VALID" for check in PostgresqlAnalyser.migration_checks
):
    PostgresqlAnalyser.migration_checks.append(
        Check(
            code="CHECK_WITHOUT_NOT_VALID",
            fn=_check_without_not_valid,
            message="CHECK constraint validated at once (add it NOT VALID, then VALIDATE "
            "CONSTRAINT)",
            mode=CheckMode.TRANSACTION,
            type=CheckType.ERROR,
        )
    )
