"""Each claim's search vector in its own language's text-search configuration.

claims_search_config(language) maps a BCP-47 tag's primary subtag to a configuration that
PostgreSQL ships (Snowball stemmers), and to 'simple' otherwise (claims/search.py holds the same
table). It is IMMUTABLE so that the stored generated column may use it: the mapping only
changes through a new migration, which rebuilds the column.
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.conf import settings
from django.db import migrations, models

SEARCH_CONFIG_FUNCTION = """
CREATE OR REPLACE FUNCTION claims_search_config(language text) RETURNS regconfig
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
    SELECT CASE lower(split_part(language, '-', 1))
        WHEN 'ar' THEN 'arabic'::regconfig
        WHEN 'hy' THEN 'armenian'::regconfig
        WHEN 'eu' THEN 'basque'::regconfig
        WHEN 'ca' THEN 'catalan'::regconfig
        WHEN 'da' THEN 'danish'::regconfig
        WHEN 'nl' THEN 'dutch'::regconfig
        WHEN 'en' THEN 'english'::regconfig
        WHEN 'fi' THEN 'finnish'::regconfig
        WHEN 'fr' THEN 'french'::regconfig
        WHEN 'de' THEN 'german'::regconfig
        WHEN 'el' THEN 'greek'::regconfig
        WHEN 'hi' THEN 'hindi'::regconfig
        WHEN 'hu' THEN 'hungarian'::regconfig
        WHEN 'id' THEN 'indonesian'::regconfig
        WHEN 'ga' THEN 'irish'::regconfig
        WHEN 'it' THEN 'italian'::regconfig
        WHEN 'lt' THEN 'lithuanian'::regconfig
        WHEN 'ne' THEN 'nepali'::regconfig
        WHEN 'no' THEN 'norwegian'::regconfig
        WHEN 'nb' THEN 'norwegian'::regconfig
        WHEN 'nn' THEN 'norwegian'::regconfig
        WHEN 'pt' THEN 'portuguese'::regconfig
        WHEN 'ro' THEN 'romanian'::regconfig
        WHEN 'ru' THEN 'russian'::regconfig
        WHEN 'sr' THEN 'serbian'::regconfig
        WHEN 'es' THEN 'spanish'::regconfig
        WHEN 'sv' THEN 'swedish'::regconfig
        WHEN 'ta' THEN 'tamil'::regconfig
        WHEN 'tr' THEN 'turkish'::regconfig
        WHEN 'yi' THEN 'yiddish'::regconfig
        ELSE 'simple'::regconfig
    END
$$
"""


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0014_claim_modified_at"),
        ("sources", "0004_text_max_lengths"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunSQL(SEARCH_CONFIG_FUNCTION, "DROP FUNCTION claims_search_config(text)"),
        # PostgreSQL cannot change a generated column's expression: drop it and add it again
        # (with its index), which computes every row's vector anew.
        migrations.RemoveIndex(model_name="claim", name="claim_search_vector_gin"),
        migrations.RemoveField(model_name="claim", name="search_vector"),
        migrations.AddField(
            model_name="claim",
            name="search_vector",
            field=models.GeneratedField(
                db_persist=True,
                expression=django.contrib.postgres.search.CombinedSearchVector(
                    django.contrib.postgres.search.CombinedSearchVector(
                        django.contrib.postgres.search.SearchVector(
                            "claim_reviewed",
                            config=models.Func(
                                models.F("language"),
                                function="claims_search_config",
                                output_field=models.TextField(),
                            ),
                            weight="A",
                        ),
                        "||",
                        django.contrib.postgres.search.SearchVector(
                            "text",
                            config=models.Func(
                                models.F("language"),
                                function="claims_search_config",
                                output_field=models.TextField(),
                            ),
                            weight="A",
                        ),
                        django.contrib.postgres.search.SearchConfig(
                            models.Func(
                                models.F("language"),
                                function="claims_search_config",
                                output_field=models.TextField(),
                            )
                        ),
                    ),
                    "||",
                    django.contrib.postgres.search.SearchVector(
                        "context",
                        config=models.Func(
                            models.F("language"),
                            function="claims_search_config",
                            output_field=models.TextField(),
                        ),
                        weight="C",
                    ),
                    django.contrib.postgres.search.SearchConfig(
                        models.Func(
                            models.F("language"),
                            function="claims_search_config",
                            output_field=models.TextField(),
                        )
                    ),
                ),
                output_field=django.contrib.postgres.search.SearchVectorField(),
            ),
        ),
        migrations.AddIndex(
            model_name="claim",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_vector"], name="claim_search_vector_gin"
            ),
        ),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(fields=["language"], name="claim_language_idx"),
        ),
    ]
