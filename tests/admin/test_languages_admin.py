"""The admin's side of issue 16: rating labels through their service, speaker kind, a new
claim's language left to detection."""

from __future__ import annotations

import pytest

from claims import services
from claims.models import Claim, Rating, RatingLabel, Speaker
from tests.factories import SpeakerFactory

pytestmark = pytest.mark.django_db


def test_an_editor_maps_an_external_wording_from_the_admin(client, editor):
    review = {
        "@type": "ClaimReview",
        "url": "https://verif.example.fr/x",
        "claimReviewed": "Une affirmation",
        "reviewRating": {"alternateName": "Carrément bidon"},
    }
    imported = services.claimreview_import_item(actor=None, review=review)
    assert imported.rating.external
    client.force_login(editor)
    add_page = client.get("/admin/claims/ratinglabel/add/", {"label": "Carrément bidon"})
    assert add_page.status_code == 200 and "Carrément bidon" in add_page.content.decode()
    response = client.post(
        "/admin/claims/ratinglabel/add/",
        {
            "label": "Carrément bidon",
            "language": "fr",
            "rating": Rating.objects.get(slug="false").pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert RatingLabel.objects.filter(key="carrément bidon", language="fr").exists()
    imported.claim.verdict.refresh_from_db()
    assert imported.claim.verdict.rating.slug == "false"


def test_the_external_ratings_list_links_to_mapping(admin_client):
    services.claimreview_import_item(
        actor=None,
        review={
            "@type": "ClaimReview",
            "url": "https://verif.example.fr/y",
            "claimReviewed": "Une autre affirmation",
            "reviewRating": {"alternateName": "Intox notoire"},
        },
    )
    page = admin_client.get("/admin/claims/rating/", {"external__exact": "1"}).content.decode()
    assert "Map to our scale" in page and "ratinglabel/add/?label=Intox+notoire" in page


def test_speakers_filter_by_kind_in_the_admin(admin_client):
    SpeakerFactory(name="Zed Person")
    SpeakerFactory(name="Zed Ministry", kind=Speaker.Kind.ORGANISATION)
    page = admin_client.get("/admin/claims/speaker/", {"kind__exact": "organisation"})
    content = page.content.decode()
    assert "Zed Ministry" in content and "Zed Person" not in content


def test_a_new_claim_without_a_language_gets_its_text_s(admin_client):
    response = admin_client.post(
        "/admin/claims/claim/add/",
        {
            "text": "Die Regierung hat alle Renten um zwanzig Prozent gekürzt",
            "claim_reviewed": "",
            "context": "",
            "language": "",
            "appearances-TOTAL_FORMS": "0",
            "appearances-INITIAL_FORMS": "0",
            "verdict-TOTAL_FORMS": "0",
            "verdict-INITIAL_FORMS": "0",
            "evidence-TOTAL_FORMS": "0",
            "evidence-INITIAL_FORMS": "0",
            "corrections-TOTAL_FORMS": "0",
            "corrections-INITIAL_FORMS": "0",
            "events-TOTAL_FORMS": "0",
            "events-INITIAL_FORMS": "0",
        },
    )
    claim = Claim.objects.get(text__startswith="Die Regierung")
    assert response.status_code == 302 and claim.language == "de"
