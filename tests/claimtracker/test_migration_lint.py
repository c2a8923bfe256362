"""The extra check of make lint-migrations: a CHECK constraint must be added NOT VALID."""

from __future__ import annotations

import pytest

lint = pytest.importorskip("claimtracker.settings.migration_lint")


def test_a_check_added_to_an_existing_table_at_once_is_refused():
    sql = ['ALTER TABLE "claims_claim" ADD CONSTRAINT "c" CHECK (LENGTH("text") <= 10);']
    assert lint._check_without_not_valid(sql)


def test_a_check_added_not_valid_passes():
    sql = [
        'ALTER TABLE "claims_claim" ADD CONSTRAINT "c" CHECK (LENGTH("text") <= 10) NOT VALID;',
        'ALTER TABLE "claims_claim" VALIDATE CONSTRAINT "c";',
    ]
    assert not lint._check_without_not_valid(sql)


def test_a_check_on_a_table_created_in_the_same_migration_passes():
    sql = [
        'CREATE TABLE "claims_new" ("id" bigint NOT NULL PRIMARY KEY);',
        'ALTER TABLE "claims_new" ADD CONSTRAINT "c" CHECK ("id" > 0);',
    ]
    assert not lint._check_without_not_valid(sql)


def test_every_reviewed_exception_names_a_migration_that_exists():
    from django.db.migrations.loader import MigrationLoader

    names = {name for app, name in MigrationLoader(None).disk_migrations if app in lint.LINTED_APPS}
    assert set(lint.REVIEWED_MIGRATIONS) <= names
