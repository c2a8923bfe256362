"""The default rating scale. Newsrooms may edit it in the admin afterwards."""

from django.db import migrations

DEFAULT_RATINGS = [
    # slug, label, value, order, description
    ("true", "True", 5, 10, "The claim is accurate and nothing significant is missing."),
    (
        "mostly-true",
        "Mostly true",
        4,
        20,
        "The claim is accurate but needs clarification or additional information.",
    ),
    (
        "half-true",
        "Half true",
        3,
        30,
        "The claim is partially accurate but leaves out important details or takes things "
        "out of context.",
    ),
    (
        "mostly-false",
        "Mostly false",
        2,
        40,
        "The claim contains an element of truth but ignores critical facts.",
    ),
    ("false", "False", 1, 50, "The claim is not accurate."),
    (
        "misleading",
        "Misleading",
        None,
        60,
        "The claim may be literally defensible but gives a false impression.",
    ),
    (
        "unverifiable",
        "Unverifiable",
        None,
        70,
        "The available evidence can neither prove nor disprove the claim.",
    ),
]


def create_ratings(apps, schema_editor):
    Rating = apps.get_model("claims", "Rating")
    for slug, label, value, order, description in DEFAULT_RATINGS:
        Rating.objects.get_or_create(
            slug=slug,
            defaults={"label": label, "value": value, "order": order, "description": description},
        )


def remove_ratings(apps, schema_editor):
    Rating = apps.get_model("claims", "Rating")
    Rating.objects.filter(slug__in=[row[0] for row in DEFAULT_RATINGS]).delete()


class Migration(migrations.Migration):
    dependencies = [("claims", "0001_initial")]

    operations = [migrations.RunPython(create_ratings, remove_ratings)]
