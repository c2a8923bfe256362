"""The rating labels ClaimTracker ships: our scale's names in en, fr, de, es, pt, it and ar
(exported as ClaimReview alternateName), and wordings other fact-checkers use.

Editors maintain the table in the admin afterwards (claims.RatingLabel).
"""

import re

from django.contrib.auth.management import create_permissions
from django.db import migrations

# rating slug -> language -> our label (exported) then other wordings that mean the same.
LABELS = {
    "false": {
        "en": ["False", "Pants on fire", "Fake", "Incorrect", "Wrong", "Fabricated"],
        "fr": ["Faux", "Fausse information", "Infox", "Inventé"],
        "de": ["Falsch", "Frei erfunden", "Fake"],
        "es": ["Falso", "Bulo", "Fake"],
        "pt": ["Falso", "Fake"],
        "it": ["Falso", "Panzana pazzesca", "Bufala"],
        "ar": ["زائف", "خطأ", "كاذب", "مزيف"],
        "zh": ["錯誤", "错误", "假"],
        "hi": ["गलत", "ग़लत", "फर्जी", "फ़र्ज़ी"],
    },
    "mostly-false": {
        "en": ["Mostly false", "Mostly incorrect"],
        "fr": ["Plutôt faux", "Largement faux"],
        "de": ["Größtenteils falsch", "Überwiegend falsch"],
        "es": ["Mayormente falso", "Casi falso"],
        "pt": ["Majoritariamente falso", "Exagerado"],
        "it": ["Prevalentemente falso", "Pinocchio andante"],
        "ar": ["زائف في معظمه", "غالبا زائف"],
    },
    "misleading": {
        "en": ["Misleading", "Missing context", "Out of context", "Distorted"],
        "fr": ["Trompeur", "Manque de contexte", "Hors contexte", "Sorti de son contexte"],
        "de": ["Irreführend", "Fehlender Kontext", "Aus dem Kontext gerissen"],
        "es": ["Engañoso", "Sacado de contexto", "Falta contexto"],
        "pt": ["Enganoso", "Distorcido", "Fora de contexto", "Sem contexto"],
        "it": ["Fuorviante", "Fuori contesto"],
        "ar": ["مضلل", "خارج السياق"],
        "zh": ["誤導", "误导", "易生誤解"],
        "hi": ["भ्रामक"],
    },
    "half-true": {
        "en": ["Half true", "Mixture", "Mixed", "Partly true", "Partly false", "Half truth"],
        "fr": ["À moitié vrai", "Partiellement vrai", "Partiellement faux", "Mitigé"],
        "de": ["Halb wahr", "Teilweise falsch", "Teilweise richtig"],
        "es": ["Verdad a medias", "Parcialmente falso", "Parcialmente cierto"],
        "pt": ["Meia verdade", "Impreciso", "Parcialmente falso", "Verdadeiro, mas"],
        "it": ["Mezza verità", "Nì", "Parzialmente vero"],
        "ar": ["نصف صحيح", "صحيح جزئيا"],
        "zh": ["部分錯誤", "部分错误"],
        "hi": ["आंशिक रूप से सही"],
    },
    "mostly-true": {
        "en": ["Mostly true", "Mostly correct"],
        "fr": ["Plutôt vrai", "Globalement vrai"],
        "de": ["Größtenteils richtig", "Überwiegend richtig"],
        "es": ["Mayormente verdadero", "Casi cierto"],
        "pt": ["Majoritariamente verdadeiro"],
        "it": ["Prevalentemente vero", "C'eri quasi"],
        "ar": ["صحيح في معظمه"],
    },
    "true": {
        "en": ["True", "Correct", "Accurate"],
        "fr": ["Vrai", "Exact"],
        "de": ["Richtig", "Wahr", "Stimmt"],
        "es": ["Verdadero", "Cierto", "Verdad"],
        "pt": ["Verdadeiro", "Verdade"],
        "it": ["Vero"],
        "ar": ["صحيح"],
        "zh": ["正確", "正确"],
        "hi": ["सच", "सही"],
    },
    "unverifiable": {
        "en": ["Unverifiable", "Unproven", "Unverified", "Unsupported"],
        "fr": ["Invérifiable", "Non prouvé", "Infondé"],
        "de": ["Nicht belegbar", "Unbelegt", "Unbewiesen"],
        "es": ["Inverificable", "Sin evidencia", "No verificable"],
        "pt": ["Inverificável", "Insustentável", "Sem provas"],
        "it": ["Non verificabile"],
        "ar": ["غير قابل للتحقق", "لا يمكن التحقق منه"],
    },
}
# Exported (alternateName) in these languages; the others only map imported wordings.
EXPORTED_LANGUAGES = {"en", "fr", "de", "es", "pt", "it", "ar"}


def label_key(label: str) -> str:
    # The same normalisation as claims.claimreview.ratings.rating_key (frozen here).
    return " ".join(re.sub(r"[-_]", " ", label).casefold().split())


def create_labels(apps, schema_editor):
    Rating = apps.get_model("claims", "Rating")
    RatingLabel = apps.get_model("claims", "RatingLabel")
    ratings = {rating.slug: rating for rating in Rating.objects.filter(slug__in=LABELS)}
    for slug, languages in LABELS.items():
        if slug not in ratings:
            continue  # a newsroom renamed its scale: it maps the labels itself
        for language, labels in languages.items():
            for position, label in enumerate(labels):
                RatingLabel.objects.get_or_create(
                    key=label_key(label),
                    language=language,
                    defaults={
                        "rating": ratings[slug],
                        "label": label,
                        "exported": position == 0 and language in EXPORTED_LANGUAGES,
                    },
                )


def remove_labels(apps, schema_editor):
    apps.get_model("claims", "RatingLabel").objects.all().delete()


def editors_map_labels(apps, schema_editor):
    # Permissions are normally created after all migrations; the group needs them now.
    app_config = apps.get_app_config("claims")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="claims",
        codename__in=[f"{verb}_ratinglabel" for verb in ("add", "change", "delete", "view")],
    )
    for group in Group.objects.filter(name="Editors"):
        group.permissions.add(*permissions)
    for group in Group.objects.filter(name="Fact-checkers"):
        group.permissions.add(*permissions.filter(codename="view_ratinglabel"))


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0016_rating_labels"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(create_labels, remove_labels),
        migrations.RunPython(editors_map_labels, migrations.RunPython.noop),
    ]
