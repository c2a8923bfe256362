"""The table behind the database cache (settings.CACHES without REDIS_URL).

Created here, not by a separate ``createcachetable`` step, so that every database that has
been migrated has it: a fresh one, the test database, production. Created whether or not Redis
is configured today, so that unsetting REDIS_URL later needs no extra command.
"""

from django.core.management import call_command
from django.db import migrations

TABLE = "claimtracker_cache"


def create_cache_table(apps, schema_editor):
    # Django's own command, so the table has exactly the columns DatabaseCache expects.
    call_command("createcachetable", TABLE, database=schema_editor.connection.alias, verbosity=0)


def drop_cache_table(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [migrations.RunPython(create_cache_table, drop_cache_table)]
