"""The search index's pending list kept small (256 kB): claims.models, Claim.Meta.

Changing the option is a catalog update (no rebuild, SHARE UPDATE EXCLUSIVE lock, writes go
on); what the pending list holds is merged into the index at once.
"""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("claims", "0020_notes_and_topic_history")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    "ALTER INDEX claim_search_vector_gin SET (gin_pending_list_limit = 256);"
                    " SELECT gin_clean_pending_list('claim_search_vector_gin'::regclass);",
                    "ALTER INDEX claim_search_vector_gin RESET (gin_pending_list_limit);",
                ),
            ],
            state_operations=[
                migrations.RemoveIndex(model_name="claim", name="claim_search_vector_gin"),
                migrations.AddIndex(
                    model_name="claim",
                    index=GinIndex(
                        fields=["search_vector"],
                        gin_pending_list_limit=256,
                        name="claim_search_vector_gin",
                    ),
                ),
            ],
        ),
    ]
