"""Install pg_trgm where the server offers it; claim matching works without it.

The embedded development server (pgserver) ships no contrib extensions; a production
PostgreSQL usually has pg_trgm. Matching checks at run time whether it is installed.
"""

from django.db import DatabaseError, migrations, transaction


def install_pg_trgm(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
        if cursor.fetchone() is None:
            return
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if cursor.fetchone() is None:
            try:
                with transaction.atomic(using=schema_editor.connection.alias):
                    cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            except DatabaseError:
                # Not allowed to create extensions here: matching runs without trigrams.
                pass


class Migration(migrations.Migration):
    dependencies = [("claims", "0008_article_import")]

    operations = [migrations.RunPython(install_pg_trgm, migrations.RunPython.noop)]
