"""A database guard for published claims, and the Fact-checkers and Editors groups.

The guard is a deferred constraint trigger: at commit, a published claim must have a verdict
with a rating, whatever wrote it (the workflow, the admin, a bulk update or raw SQL).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GUARD_SQL = """
CREATE FUNCTION claims_published_has_rated_verdict() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    target bigint;
BEGIN
    IF TG_TABLE_NAME = 'claims_claim' THEN
        target := NEW.id;
    ELSE
        target := OLD.claim_id;
    END IF;
    IF EXISTS (
        SELECT 1 FROM claims_claim c
        WHERE c.id = target AND c.status = 'published'
          AND NOT EXISTS (
              SELECT 1 FROM claims_verdict v WHERE v.claim_id = c.id AND v.rating_id IS NOT NULL
          )
    ) THEN
        RAISE EXCEPTION 'claim % is published without a rated verdict', target
            USING ERRCODE = 'check_violation', CONSTRAINT = 'claim_published_has_rated_verdict';
    END IF;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER claim_published_has_rated_verdict
    AFTER INSERT OR UPDATE OF status ON claims_claim
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (NEW.status = 'published')
    EXECUTE FUNCTION claims_published_has_rated_verdict();

CREATE CONSTRAINT TRIGGER verdict_kept_while_published
    AFTER UPDATE OF rating_id, claim_id OR DELETE ON claims_verdict
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW
    EXECUTE FUNCTION claims_published_has_rated_verdict();
"""

DROP_GUARD_SQL = """
DROP TRIGGER IF EXISTS verdict_kept_while_published ON claims_verdict;
DROP TRIGGER IF EXISTS claim_published_has_rated_verdict ON claims_claim;
DROP FUNCTION IF EXISTS claims_published_has_rated_verdict();
"""

RESEARCH_MODELS = [
    ("claims", "claim"),
    ("claims", "appearance"),
    ("claims", "verdict"),
    ("claims", "evidence"),
    ("claims", "speaker"),
    ("claims", "speakeralias"),
    ("sources", "source"),
    ("sources", "publisher"),
]
GROUPS = {
    "Fact-checkers": {
        "models": {model: ["add", "change", "view"] for model in RESEARCH_MODELS}
        | {("claims", "topic"): ["add", "view"], ("claims", "rating"): ["view"]}
        | {("claims", "correction"): ["view"], ("claims", "claimevent"): ["view"]},
        "custom": ["submit_claim"],
    },
    "Editors": {
        "models": {model: ["add", "change", "view"] for model in RESEARCH_MODELS}
        | {("claims", "topic"): ["add", "change", "view"], ("claims", "rating"): ["view"]}
        | {("claims", "correction"): ["view"], ("claims", "claimevent"): ["view"]},
        "custom": ["submit_claim", "review_claim", "publish_claim", "correct_verdict"],
    },
}


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, spec in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        codenames = [
            (app_label, f"{verb}_{model}")
            for (app_label, model), verbs in spec["models"].items()
            for verb in verbs
        ] + [("claims", codename) for codename in spec["custom"]]
        for app_label, codename in codenames:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0003_workflow"),
        ("sources", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunSQL(GUARD_SQL, DROP_GUARD_SQL),
        migrations.RunPython(create_groups, remove_groups),
    ]
