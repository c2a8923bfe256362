"""Languages over the API (issue 16): detection on create, RFC 4647 filtering, search in the
claim's language, Fact Check Tools parameters, speaker kind."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from claims.models import Claim, Speaker
from claimtracker.writes import fixture_writes
from tests.api.test_writes import client_for, member
from tests.factories import SpeakerFactory, published_claim

pytestmark = pytest.mark.django_db


@pytest.fixture
def checker():
    return client_for(member("Fact-checkers", username="checker"))


@pytest.fixture
def claims_in_languages():
    return {
        "fr": published_claim(text="Les élections présidentielles ont été truquées", language="fr"),
        "fr-FR": published_claim(text="Le prix de l'essence a doublé en France", language="fr-FR"),
        "fr-CA": published_claim(
            text="Le Québec interdit les voitures à essence", language="fr-CA"
        ),
        "de": published_claim(text="Die Wahl wurde gefälscht", language="de"),
        "en": published_claim(text="The presidential election was rigged", language="en"),
    }


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["results"]}


def test_a_claim_posted_without_a_language_gets_its_text_s(checker):
    created = checker.post(
        "/api/v1/claims/",
        {"text": "Le gouvernement a supprimé toutes les aides au logement cette année"},
        format="json",
    )
    assert created.status_code == 201, created.content
    assert Claim.objects.get(pk=created.json()["id"]).language == "fr"


def test_an_explicit_language_always_wins(checker):
    created = checker.post(
        "/api/v1/claims/",
        {"text": "Le gouvernement a supprimé toutes les aides", "language": "en"},
        format="json",
    )
    assert Claim.objects.get(pk=created.json()["id"]).language == "en"


def test_language_filter_is_rfc_4647_basic_filtering(api, claims_in_languages):
    claims = claims_in_languages
    french = {claims["fr"].pk, claims["fr-FR"].pk, claims["fr-CA"].pk}
    assert ids(api.get("/api/v1/claims/", {"language": "fr"})) == french
    assert ids(api.get("/api/v1/claims/", {"language": "FR"})) == french
    assert ids(api.get("/api/v1/claims/", {"language": "fr-fr"})) == {claims["fr-FR"].pk}
    both = ids(api.get("/api/v1/claims/?language=fr-CA&language=de"))
    assert both == {claims["fr-CA"].pk, claims["de"].pk}
    assert len(ids(api.get("/api/v1/claims/", {"language": "*"}))) == 5
    # The ClaimReview feed filters the same way.
    feed = api.get("/api/v1/claimreview/", {"language": "fr"}).json()["results"]
    assert {item["inLanguage"] for item in feed} == {"fr", "fr-FR", "fr-CA"}


@pytest.mark.parametrize("value", ["fr_FR", "fr--FR", "x" * 40, "fr;DROP"])
def test_a_bad_language_is_a_400_naming_the_parameter(api, value):
    for path in ("/api/v1/claims/", "/api/v1/claimreview/"):
        response = api.get(path, {"language": value})
        assert response.status_code == 400, (path, response.content)
        assert "language" in response.content.decode()
    response = api.get("/api/v1/claims/match/", {"text": "election", "language": value})
    assert response.status_code == 400 and "language" in response.content.decode()


def test_search_stems_in_the_claim_s_language(api, claims_in_languages):
    claims = claims_in_languages
    # "élection" (singular) finds "élections" only with the French stemmer.
    assert ids(api.get("/api/v1/claims/", {"q": "élection", "language": "fr"})) == {claims["fr"].pk}
    # With no language, every language present is searched, each with its own stemmer.
    found = ids(api.get("/api/v1/claims/", {"q": "élection"}))
    assert claims["fr"].pk in found
    assert ids(api.get("/api/v1/claims/", {"q": "elections"})) == {claims["en"].pk}
    assert ids(api.get("/api/v1/claims/", {"q": "Wahlen", "language": "de"})) == {claims["de"].pk}


def test_matching_filters_and_stems_by_language(api, claims_in_languages):
    claims = claims_in_languages
    response = api.get(
        "/api/v1/claims/match/", {"text": "l'élection présidentielle truquée", "language": "fr"}
    )
    assert response.status_code == 200
    results = response.json()["results"]
    assert results[0]["id"] == claims["fr"].pk
    assert {item["language"].split("-")[0] for item in results} == {"fr"}


def test_max_age_days_and_review_publisher(api, settings):
    settings.CLAIMTRACKER_ORGANIZATION_URL = "https://checks.example.org/"
    recent = published_claim(published_at=timezone.now() - dt.timedelta(days=2))
    old = published_claim(published_at=timezone.now() - dt.timedelta(days=40))
    assert ids(api.get("/api/v1/claims/", {"max_age_days": 7})) == {recent.pk}
    feed = api.get("/api/v1/claimreview/", {"max_age_days": 60}).json()["results"]
    assert len(feed) == 2
    ours = ids(api.get("/api/v1/claims/", {"review_publisher": "checks.example.org"}))
    assert ours == {recent.pk, old.pk}
    assert ids(api.get("/api/v1/claims/", {"review_publisher": "elsewhere.example.net"})) == set()
    assert api.get("/api/v1/claims/", {"max_age_days": "0"}).status_code == 400
    assert api.get("/api/v1/claims/", {"review_publisher": "not a site"}).status_code == 400


def test_review_publisher_finds_imported_reviews_for_staff(staff_api):
    from claims import services

    review = {
        "@type": "ClaimReview",
        "url": "https://www.verif.example.fr/2024/x",
        "claimReviewed": "Une affirmation importée",
        "author": {"@type": "Organization", "name": "Vérif"},
        "reviewRating": {"alternateName": "Faux"},
    }
    claim = services.claimreview_import_item(actor=None, review=review).claim
    published_claim()
    found = staff_api.get(
        "/api/v1/claims/", {"review_publisher": "verif.example.fr", "status": "imported"}
    )
    assert ids(found) == {claim.pk}


def test_speakers_filter_on_kind(api):
    person = SpeakerFactory(name="A Person")
    organisation = SpeakerFactory(name="A Ministry", kind=Speaker.Kind.ORGANISATION)
    # The public sees speakers with a published claim only.
    published_claim(speaker=person)
    published_claim(speaker=organisation)
    response = api.get("/api/v1/speakers/", {"kind": "organisation"})
    assert [item["slug"] for item in response.json()["results"]] == [organisation.slug]
    assert response.json()["results"][0]["kind"] == "organisation"
    assert api.get("/api/v1/speakers/", {"kind": "robot"}).status_code == 400


def test_a_claim_reviewed_over_75_characters_is_a_submission_problem(checker):
    from claims import services

    claim = published_claim(claim_reviewed="")
    with fixture_writes("a long claim with no short wording"):
        Claim.objects.filter(pk=claim.pk).update(text="x " * 60)
    claim.refresh_from_db()
    problems = services.submission_problems(claim)
    assert any("at most 75 characters" in problem for problem in problems)


def test_the_api_lists_submission_problems_before_submit(staff_api):
    claim = published_claim(claim_reviewed="")
    with fixture_writes("a long draft with no short wording"):
        Claim.objects.filter(pk=claim.pk).update(text="y " * 60, status=Claim.Status.DRAFT)
    detail = staff_api.get(f"/api/v1/claims/{claim.pk}/").json()
    assert any("at most 75 characters" in problem for problem in detail["submission_problems"])


def test_review_publisher_is_this_site_when_no_organisation_url_is_set(api, settings):
    settings.CLAIMTRACKER_ORGANIZATION_URL = ""
    ours = published_claim()
    assert ids(api.get("/api/v1/claims/", {"review_publisher": "testserver"})) == {ours.pk}
    feed = api.get("/api/v1/claimreview/", {"review_publisher": "elsewhere.example.org"})
    assert feed.json()["results"] == []
