"""Every model is in the admin, and its pages work with the demo loaded."""

from __future__ import annotations

import pghistory.models
import pytest
from django.contrib import admin
from django.urls import reverse

from claims.models import Claim, ClaimNote, ClaimTopic, Verdict

pytestmark = pytest.mark.django_db

PROJECT_APPS = {"claims", "sources"}
# Shown on their claim's page, not a page of their own: the internal thread of notes, and the
# topics (tracked for the timeline).
ON_THE_CLAIM_PAGE = {ClaimNote, ClaimTopic}


def project_models():
    return [model for model in admin.site._registry if model._meta.app_label in PROJECT_APPS]


def test_every_project_model_is_registered():
    from django.apps import apps

    expected = {
        model
        for app in PROJECT_APPS
        for model in apps.get_app_config(app).get_models()
        # History rows are shown through pghistory's admin and the claim page, not edited.
        if not model._meta.auto_created and not issubclass(model, pghistory.models.Event)
    } - ON_THE_CLAIM_PAGE
    assert expected <= set(admin.site._registry)


# Records that the workflow and the importers write, never a person: no add page, even for a
# superuser (403). Every other model's add page opens for one (200).
WRITTEN_BY_THE_SYSTEM = {
    "claims.correction",  # verdict_correct
    "claims.claimevent",  # the workflow's log
    "claims.claiminreview",  # the review queue: a view of claims
    "claims.externalreview",  # import_claimreview
    "sources.reportedspeech",  # the article import
    "claims.verdictcontributor",  # verdict_set and the other verdict services
    # Read-only pages: appearances and evidence are edited on their claim's page, where a
    # published claim's change is a public update.
    "claims.appearance",
    "claims.evidence",
    # Aliases are written with their speaker (speaker_create, speaker_aliases_add): read-only.
    "claims.speakeralias",
}


def test_changelists_and_add_pages_render(admin_client, demo):
    add_pages = {}
    for model in project_models():
        opts = model._meta
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        assert admin_client.get(changelist).status_code == 200, changelist
        assert admin_client.get(changelist, {"q": "Huawei"}).status_code == 200, changelist
        add = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
        add_pages[opts.label_lower] = admin_client.get(add).status_code

    assert add_pages == {
        label: 403 if label in WRITTEN_BY_THE_SYSTEM else 200 for label in add_pages
    }


def test_claim_page_shows_appearances_verdict_and_corrections(admin_client, demo):
    claim = Claim.objects.get(text__startswith="No law in China")
    response = admin_client.get(reverse("admin:claims_claim_change", args=[claim.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Huawei founder Ren Zhengfei denies firm poses spying risk" in page
    assert "appearances-TOTAL_FORMS" in page
    assert "verdict-TOTAL_FORMS" in page
    assert "corrections-TOTAL_FORMS" in page


def test_verdict_page_edits_evidence_inline(admin_client, demo):
    verdict = Verdict.objects.get(claim__text__startswith="No law in China")
    response = admin_client.get(reverse("admin:claims_verdict_change", args=[verdict.pk]))
    assert response.status_code == 200
    assert "evidence-TOTAL_FORMS" in response.content.decode()
    assert "National Intelligence Law" in response.content.decode()


def test_speaker_autocomplete_finds_by_alias(admin_client, demo):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "claims", "model_name": "claim", "field_name": "speaker", "term": "Mr Ren"},
    )
    assert response.status_code == 200
    assert [row["text"] for row in response.json()["results"]] == ["Ren Zhengfei"]


def test_claim_list_filters_by_status(admin_client, demo):
    response = admin_client.get(reverse("admin:claims_claim_changelist"), {"status": "published"})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 2


def test_status_is_not_editable_in_the_claim_form(admin_client, demo):
    claim = Claim.objects.get(text__startswith="No law in China")
    response = admin_client.get(reverse("admin:claims_claim_change", args=[claim.pk]))
    assert 'name="status"' not in response.content.decode()


def test_verdict_rating_autocomplete_offers_only_our_scale(admin_client):
    from tests.factories import RatingFactory

    RatingFactory(slug="pants-on-fire", label="Pants on Fire", external=True)
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "claims", "model_name": "verdict", "field_name": "rating", "term": ""},
    )
    labels = [row["text"] for row in response.json()["results"]]
    assert "Pants on Fire" not in labels
    assert "Misleading" in labels


def _last_user(obj) -> int | None:
    event = obj.history.order_by("pgh_id").last()
    return event.pgh_context.metadata.get("user") if event.pgh_context else None


def spy(monkeypatch, module, name: str) -> list[dict]:
    """Record the keyword arguments of every call to ``module.name``, still calling it."""
    calls, real = [], getattr(module, name)

    def recording(**kwargs):
        calls.append(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(module, name, recording)
    return calls


def test_speaker_saved_in_the_admin_goes_through_the_service(admin_client, superuser, monkeypatch):
    from claims import services
    from claims.models import Speaker

    calls = spy(monkeypatch, services, "speaker_create")

    response = admin_client.post(
        reverse("admin:claims_speaker_add"),
        {
            "name": "Meng Wanzhou",
            "slug": "meng-wanzhou",
            "kind": "person",
            "role": "CFO",
            "affiliation": "",
            "country": "CN",
            "same_as": "",
            "verified": "on",
            "aliases-TOTAL_FORMS": "1",
            "aliases-INITIAL_FORMS": "0",
            "aliases-0-name": "Ms Meng",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    speaker = Speaker.objects.get(slug="meng-wanzhou")
    assert list(speaker.aliases.values_list("name", flat=True)) == ["Ms Meng"]
    assert _last_user(speaker) == superuser.pk
    assert [call["actor"] for call in calls] == [superuser]


def test_source_edited_in_the_admin_goes_through_the_service(admin_client, superuser, monkeypatch):
    from sources import services
    from tests.factories import SourceFactory

    calls = spy(monkeypatch, services, "source_update")

    source = SourceFactory(url="https://example.org/report")
    response = admin_client.post(
        reverse("admin:sources_source_change", args=[source.pk]),
        {
            "url": source.url,
            "title": "Renamed report",
            "publisher": source.publisher_id,
            "author": "",
            "kind": "news_article",
            "published_on": "",
            "accessed_at_0": "",
            "accessed_at_1": "",
            "archived_url": "",
            "notes": "",
            "reported_speech-TOTAL_FORMS": "0",
            "reported_speech-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    source.refresh_from_db()
    assert source.title == "Renamed report"
    assert _last_user(source) == superuser.pk
    assert [call["title"] for call in calls] == ["Renamed report"]
