"""Multilingual fact-checks (issue 16): the ClaimReview shapes real publishers write, ratings
in other languages, language detection, search in the claim's language, the export.

Fixtures: tests/data/claimreview/shapes.json, written for these tests in fr, de, es, pt, it,
ar and zh.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from django.db import connection
from rest_framework.test import APIClient

from claims import services
from claims.claimreview.ratings import scale_value
from claims.models import Claim, ExternalReview, Rating, RatingLabel, Speaker
from claims.search import SEARCH_CONFIGS
from claimtracker.writes import fixture_writes
from sources.models import Publisher, Source
from tests.factories import SpeakerFactory, UserFactory, published_claim

pytestmark = pytest.mark.django_db

SHAPES = json.loads(
    (Path(__file__).resolve().parent.parent / "data" / "claimreview" / "shapes.json").read_text(
        encoding="utf-8"
    )
)


def shape(name: str):
    return copy.deepcopy(SHAPES[name])


def imported(name: str, **options):
    items = services.claimreview_items(shape(name)).items
    report = services.claimreview_import(actor=None, reviews=items, **options)
    assert not report.skipped, [item.reason for item in report.skipped]
    return report


def rating(slug: str) -> Rating:
    return Rating.objects.get(slug=slug)


def test_graph_with_typed_arrays_person_author_and_detected_french():
    report = imported("fr_graph_person_author")
    review = report.items[0].review
    claim = review.claim
    assert claim.language == "fr"  # no inLanguage: detected from the claim
    assert review.rating == rating("false")  # "Faux"
    assert review.external_review.publisher.name == "Vérif Exemple"  # the Organization
    assert review.external_review.fact_checker == "Camille Exemple"  # the Person author
    assert claim.verdict.summary == "Un ARN messager n'entre pas dans le noyau des cellules."
    urls = [a.source.url for a in claim.appearances.all()]
    assert urls == ["https://video.example.fr/watch/123"]  # itemReviewed.url


def test_datafeed_with_a_number_only_and_no_worst_rating_maps_to_false():
    report = imported("de_datafeed_number_only")
    review = report.items[0].review
    assert review.claim.language == "de"
    assert review.rating == rating("false")  # 1 of 1..5 (worstRating assumed 1)
    assert review.speaker.kind == Speaker.Kind.ORGANISATION
    assert review.speaker.role == ""


def test_list_scheme_less_url_and_a_social_post_that_is_not_an_identity():
    report = imported("es_list_schemeless_social")
    review = report.items[0].review
    assert review.external_review.url == "https://verifica.example.es/2024/bulo-agua-limon"
    assert review.claim.language == "es"
    assert review.rating == rating("misleading")  # "Engañoso"; the -1..-1 scale says nothing
    assert review.speaker.same_as == ["https://www.wikidata.org/wiki/Q4115189"]
    urls = [a.source.url for a in review.claim.appearances.all()]
    assert urls == ["https://x.com/lucia_ejemplo/status/1790000000000000000"]


def test_relative_urls_resolve_against_the_page_and_a_sentence_rating_maps_by_its_first_word():
    report = imported(
        "pt_relative_url", base_url="https://checagem.example.com.br/2024/05/pagina.html"
    )
    review = report.items[0].review
    assert (
        review.external_review.url
        == "https://checagem.example.com.br/checagem/2024/urnas-fraudadas"
    )
    assert [a.source.url for a in review.claim.appearances.all()] == [
        "https://checagem.example.com.br/2024/videos/urnas"
    ]
    assert review.claim.language == "pt-BR"
    assert review.rating == rating("false")
    assert review.external_review.rating_text == "Falso: não há registro de fraude"


def test_a_relative_url_without_a_page_address_is_refused_naming_it():
    report = services.claimreview_import(actor=None, reviews=[shape("pt_relative_url")])
    assert report.skipped and "relative address" in report.skipped[0].reason


@pytest.mark.parametrize(
    ("name", "expected", "language"),
    [
        ("it_reversed_scale", "false", "it"),
        ("ar_label", "false", "ar"),
        ("zh_label", "false", "zh-Hant"),
    ],
)
def test_ratings_in_other_languages_and_reversed_scales_map_to_ours(name, expected, language):
    review = imported(name).items[0].review
    assert review.rating == rating(expected)
    assert review.claim.language == language


@pytest.mark.parametrize(
    ("review_rating", "value"),
    [
        ({"ratingValue": 4, "bestRating": 5}, 4),  # no worstRating: 1 assumed
        ({"ratingValue": 1, "bestRating": 1, "worstRating": 5}, 5),  # reversed
        ({"ratingValue": -2, "bestRating": 2, "worstRating": -2}, 1),  # negative
        ({"ratingValue": -1, "bestRating": -1, "worstRating": -1}, None),  # one point
    ],
)
def test_numeric_fallback(review_rating, value):
    assert scale_value(review_rating) == value


def test_a_long_sentence_as_rating_never_becomes_a_rating():
    review = shape("ar_label")
    sentence = "The claim is based on a misreading of a study published in a journal last year"
    review["reviewRating"] = {"@type": "Rating", "alternateName": sentence}
    result = services.claimreview_import_item(actor=None, review=review)
    assert result.rating is None
    assert not Rating.objects.filter(label__startswith="The claim").exists()
    assert result.external_review.rating_text == sentence


def test_unknown_labels_are_listed_then_mapping_one_updates_imported_reviews():
    review = shape("ar_label")
    review["reviewRating"] = {"@type": "Rating", "alternateName": "Bobard total"}
    report = services.claimreview_import(actor=None, reviews=[review])
    external = report.items[0].review.rating
    assert external.external and report.unmapped_ratings == ["Bobard total"]

    editor = UserFactory(is_superuser=True, is_staff=True)
    services.rating_label_create(
        actor=editor, rating=rating("false"), label="bobard-total", language="fr"
    )
    claim = report.items[0].review.claim
    claim.verdict.refresh_from_db()
    assert claim.verdict.rating == rating("false")
    assert not Rating.objects.filter(pk=external.pk).exists()
    # The next import of the same wording maps at once.
    review["url"] = "https://tahaqaq.example.org/ar/2024/other"
    again = services.claimreview_import(actor=None, reviews=[review])
    assert again.items[0].review.rating == rating("false") and not again.unmapped_ratings


def test_the_shipped_labels_cover_seven_languages_and_seven_ratings():
    slugs = [
        "false",
        "mostly-false",
        "misleading",
        "half-true",
        "mostly-true",
        "true",
        "unverifiable",
    ]
    for language in ["en", "fr", "de", "es", "pt", "it", "ar"]:
        exported = RatingLabel.objects.filter(language=language, exported=True)
        assert sorted(exported.values_list("rating__slug", flat=True)) == sorted(slugs), language


def test_the_sql_search_configuration_matches_the_python_table():
    with connection.cursor() as cursor:
        for code, config in [*SEARCH_CONFIGS.items(), ("zh", "simple"), ("ja", "simple")]:
            cursor.execute("SELECT claims_search_config(%s)::text", [f"{code}-XX"])
            assert cursor.fetchone()[0] == config, code


def test_round_trip_export_then_import_into_an_empty_database():
    api = APIClient()
    organisation = SpeakerFactory(
        name="Ministère Exemple", kind=Speaker.Kind.ORGANISATION, role="Un ministère"
    )
    claim = published_claim(
        text="Le chômage a baissé de moitié en un an",
        claim_reviewed="Le chômage a baissé de moitié en un an",
        language="fr",
        speaker=organisation,
        rating=rating("mostly-false"),
    )
    summary, first = claim.verdict.summary, claim.appearances.get().source.url
    exported = api.get("/api/v1/claimreview/").json()["results"]
    assert exported[0]["reviewRating"]["alternateName"] == "Plutôt faux"
    assert exported[0]["inLanguage"] == "fr"
    assert exported[0]["reviewBody"] == summary
    assert exported[0]["itemReviewed"]["author"]["@type"] == "Organization"
    assert "jobTitle" not in exported[0]["itemReviewed"]["author"]

    # An empty database: nothing of the claim, its speaker or its sources is left.
    with fixture_writes("an empty database to import into"):
        Claim.objects.all().delete()
        Speaker.objects.all().delete()
        Source.objects.all().delete()
        Publisher.objects.all().delete()
    report = services.claimreview_import(actor=None, reviews=exported)
    review = report.items[0].review
    assert review.claim.language == "fr"
    assert review.rating == rating("mostly-false")
    assert review.speaker.kind == Speaker.Kind.ORGANISATION
    assert [a.source.url for a in review.claim.appearances.all()] == [first]
    assert review.claim.verdict.summary == summary
    assert ExternalReview.objects.count() == 1


def test_editors_may_map_wordings_and_fact_checkers_may_not():
    from django.contrib.auth.models import Group
    from django.core.exceptions import PermissionDenied

    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    label = services.rating_label_create(
        actor=editor, rating=rating("misleading"), label="Détourné", language="fr"
    )
    assert label.key == "détourné"
    checker = UserFactory(is_staff=True)
    checker.groups.add(Group.objects.get(name="Fact-checkers"))
    with pytest.raises(PermissionDenied):
        services.rating_label_create(actor=checker, rating=rating("false"), label="Intox")
