"""One review page per claim: the claim, its verdict, evidence and appearances saved together
through the services; what submit needs, linked to its fields; the last note at the top;
links to the public page."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from claims import services
from claims.models import Claim, Evidence, Rating, VerdictContributor
from tests.admin.test_claim_form import form_data
from tests.factories import ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db


def change_url(claim: Claim) -> str:
    return reverse("admin:claims_claim_change", args=[claim.pk])


def test_the_verdict_and_its_evidence_are_saved_from_the_claims_page(client, fact_checker):
    claim = ClaimFactory()
    law, article = SourceFactory(), SourceFactory()
    client.force_login(fact_checker)
    data = form_data(claim) | {
        "verdict-TOTAL_FORMS": 1,
        "verdict-0-rating": Rating.objects.get(slug="false").pk,
        "verdict-0-summary": "The law says otherwise.",
        "verdict-0-analysis": "Article 7.",
        "evidence-TOTAL_FORMS": 2,
        "evidence-0-source": law.pk,
        "evidence-0-stance": "contradicts",
        "evidence-0-note": "Article 7",
        "evidence-1-source": article.pk,
        "evidence-1-stance": "context",
        "evidence-1-note": "",
    }
    response = client.post(change_url(claim), data)

    assert response.status_code == 302, response.context["errors"]
    claim.refresh_from_db()
    assert (claim.verdict.rating.slug, claim.verdict.summary) == (
        "false",
        "The law says otherwise.",
    )
    assert set(Evidence.objects.filter(verdict=claim.verdict).values_list("source", "stance")) == {
        (law.pk, "contradicts"),
        (article.pk, "context"),
    }
    # verdict_set recorded the fact-checker as the verdict's author and contributor.
    assert claim.verdict.author == fact_checker
    assert VerdictContributor.objects.filter(verdict=claim.verdict, user=fact_checker).exists()
    assert not [
        need for need in services.submission_requirements(claim) if need.field != "appearances"
    ]


def test_evidence_alone_can_be_changed_on_the_claims_page(client, editor, ready_claim):
    claim = ready_claim("draft")
    evidence = claim.verdict.evidence.get()
    client.force_login(editor)
    data = form_data(claim) | {
        "verdict-TOTAL_FORMS": 1,
        "verdict-INITIAL_FORMS": 1,
        "verdict-0-id": claim.verdict.pk,
        "verdict-0-claim": claim.pk,
        "verdict-0-rating": claim.verdict.rating_id,
        "verdict-0-summary": claim.verdict.summary,
        "verdict-0-analysis": claim.verdict.analysis,
        "evidence-TOTAL_FORMS": 1,
        "evidence-INITIAL_FORMS": 1,
        "evidence-0-id": evidence.pk,
        "evidence-0-verdict": claim.verdict.pk,
        "evidence-0-source": evidence.source_id,
        "evidence-0-stance": evidence.stance,
        "evidence-0-note": "Now with the page number.",
    }
    response = client.post(change_url(claim), data)
    assert response.status_code == 302, response.context["errors"]
    assert claim.verdict.evidence.get().note == "Now with the page number."
    before = claim.version
    claim.refresh_from_db()
    assert claim.version > before


def test_the_checklist_links_each_missing_requirement_to_its_field(client, editor):
    claim = ClaimFactory(speaker=None, stated_on=None, claim_reviewed="x" * 90)
    client.force_login(editor)
    response = client.get(change_url(claim))
    page = response.content.decode()
    checklist = response.context["checklist"]
    assert [item["url"] for item in checklist] == [
        "#id_speaker",
        "#id_stated_on",
        "#id_claim_reviewed",
        "#appearances-group",
        "#verdict-group",
    ]
    for item in checklist:
        # The link is on the page, and leads to an element that is there.
        assert f'<a href="{item["url"]}">{item["message"]}</a>' in page
        assert re.search(rf'id="{item["url"][1:]}"', page), item["url"]


def test_the_checklist_links_the_verdicts_own_fields(client, editor, ready_claim):
    claim = ready_claim("draft")
    services.verdict_set(
        claim=claim, actor=editor, expected_version=None, rating=None, summary="", evidence=[]
    )
    client.force_login(editor)
    response = client.get(change_url(claim))
    page = response.content.decode()
    urls = [item["url"] for item in response.context["checklist"]]
    assert urls == ["#id_verdict-0-rating", "#id_verdict-0-summary", "#evidence-group"]
    for url in urls:
        assert f'id="{url[1:]}"' in page


def test_a_ready_claim_says_so(client, editor, ready_claim):
    client.force_login(editor)
    page = client.get(change_url(ready_claim("draft"))).content.decode()
    assert "Ready for review: nothing is missing." in page


def test_the_editors_note_is_at_the_top_of_the_page_sent_back(
    client, editor, fact_checker, ready_claim
):
    claim = ready_claim("in_review")
    services.claim_request_changes(claim=claim, actor=editor, note="Quote Article 7.")
    client.force_login(fact_checker)
    page = client.get(change_url(claim)).content.decode()
    top = page[page.index('id="claim-workflow"') : page.index('id="claim_form"')]
    assert "Sent back to the fact-checker" in top
    assert "Quote Article 7." in top
    assert "request_changes" not in page and "changes_requested" not in page


def test_the_notes_thread_has_its_place_beside_the_workflow(client, editor, ready_claim):
    client.force_login(editor)
    response = client.get(change_url(ready_claim("draft")))
    assert "admin/claims/claim/_notes_thread.html" in [t.name for t in response.templates]
    page = response.content.decode()
    assert page.index('class="desk-top"') < page.index('id="claim-workflow"')


def test_view_on_site_only_for_a_published_claim(client, editor, ready_claim):
    published, draft = ready_claim("published"), ready_claim("draft")
    client.force_login(editor)
    page = client.get(change_url(published)).content.decode()
    assert f'href="/claims/{published.pk}/"' in page
    assert client.get(f"/claims/{published.pk}/", follow=True).status_code == 200
    assert client.get(change_url(draft)).context["has_absolute_url"] is False


def test_the_publish_message_links_to_the_public_page(client, member, ready_claim, shown_messages):
    claim = ready_claim("in_review")
    client.force_login(member("Editors"))
    response = client.post(
        reverse("admin:claims_claim_transition", args=[claim.pk, "publish"]),
        {"workflow-expected_version": claim.version, "workflow-note": ""},
    )
    [message] = shown_messages(response)
    assert message == (
        f'Published: “{claim}”. <a href="/claims/{claim.pk}/">See it on the public site</a>.'
    )


def test_the_verdict_page_lands_back_on_the_claim(client, editor, ready_claim):
    from tests.admin.test_verdict_page import verdict_form

    claim = ready_claim("draft")
    client.force_login(editor)
    response = client.post(
        reverse("admin:claims_verdict_change", args=[claim.verdict.pk]),
        verdict_form(claim.verdict, note="Page 3."),
    )
    assert response.status_code == 302
    assert response.url == change_url(claim)
