"""Who wrote a verdict (its contributors), and public updates as a kind of Correction.

Existing verdicts get their author as their first contributor.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

BACKFILL_SQL = """
INSERT INTO claims_verdictcontributor (verdict_id, user_id, first_contributed_at)
SELECT id, author_id, created_at FROM claims_verdict WHERE author_id IS NOT NULL
"""


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0017_rating_labels_data"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="VerdictContributor",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("first_contributed_at", models.DateTimeField(auto_now_add=True)),
            ],
            options={
                "ordering": ["first_contributed_at", "id"],
            },
        ),
        migrations.AddField(
            model_name="correction",
            name="kind",
            field=models.CharField(
                choices=[
                    ("correction", "Correction (the rating or summary changed)"),
                    ("update", "Public update (e.g. a dead link replaced; the verdict stands)"),
                ],
                db_default="correction",
                default="correction",
                max_length=10,
            ),
        ),
        # NOT VALID, then VALIDATE: the scan of existing corrections takes no exclusive lock
        # (docs/operations.md, "Migrations that keep the rules").
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddConstraint(
                    model_name="correction",
                    constraint=models.CheckConstraint(
                        condition=models.Q(("kind__in", ["correction", "update"])),
                        name="correction_kind_valid",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    'ALTER TABLE "claims_correction" ADD CONSTRAINT "correction_kind_valid" '
                    "CHECK (\"kind\" IN ('correction', 'update')) NOT VALID;",
                    reverse_sql='ALTER TABLE "claims_correction" '
                    'DROP CONSTRAINT "correction_kind_valid";',
                ),
                migrations.RunSQL(
                    'ALTER TABLE "claims_correction" VALIDATE CONSTRAINT "correction_kind_valid";',
                    reverse_sql=migrations.RunSQL.noop,
                ),
            ],
        ),
        migrations.AddField(
            model_name="verdictcontributor",
            name="user",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="verdict_contributions",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="verdictcontributor",
            name="verdict",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="contributions",
                to="claims.verdict",
            ),
        ),
        migrations.AddField(
            model_name="verdict",
            name="contributors",
            field=models.ManyToManyField(
                blank=True,
                help_text="Everyone who set or changed the rating, summary, analysis or evidence; recorded by the services. None of them may publish the verdict (four eyes).",
                related_name="verdicts_contributed",
                through="claims.VerdictContributor",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddConstraint(
            model_name="verdictcontributor",
            constraint=models.UniqueConstraint(
                fields=("verdict", "user"), name="verdictcontributor_unique"
            ),
        ),
        migrations.RunSQL(BACKFILL_SQL, reverse_sql=migrations.RunSQL.noop),
    ]
