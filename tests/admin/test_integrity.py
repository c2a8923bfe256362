"""Issue 13 in the admin: authorship recorded not typed, four eyes over every contributor,
published means frozen, versions on every form and bulk action, our rating scale."""

from __future__ import annotations

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from claims import services
from claims.models import MAX_TOPICS, Claim, Correction, Rating, VerdictContributor
from claimtracker.writes import fixture_writes
from tests.admin.test_claim_form import form_data as claim_form_data
from tests.admin.test_verdict_page import verdict_form
from tests.admin.test_workflow_buttons import change_url, press
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db


def verdict_url(claim: Claim) -> str:
    return reverse("admin:claims_verdict_change", args=[claim.verdict.pk])


# --- Reproduction 1: author and reviewer are not form input ------------------------------------


def test_the_verdict_page_has_no_author_or_reviewer_input(client, editor, ready_claim):
    claim = ready_claim("in_review")
    client.force_login(editor)
    page = client.get(verdict_url(claim)).content.decode()
    assert 'name="author"' not in page
    assert 'name="reviewer"' not in page
    claim_page = client.get(change_url(claim)).content.decode()
    assert 'name="verdict-0-author"' not in claim_page
    assert 'name="verdict-0-reviewer"' not in claim_page


def test_posting_another_author_changes_nothing_and_publishing_stays_refused(
    client, editor, member, ready_claim, shown_messages
):
    """Reproduction 1: the editor wrote the verdict, then names editor2 as its author."""
    claim = ready_claim("in_review")
    editor2 = member("Editors")
    client.force_login(editor)
    # The editor rewrites the summary on the verdict page, becoming a contributor...
    form = verdict_form(claim.verdict, note="Article 7.") | {
        "summary": "The editor's own words.",
        "author": editor2.pk,
        "reviewer": editor2.pk,
    }
    assert client.post(verdict_url(claim), form).status_code == 302
    claim.refresh_from_db()
    assert claim.verdict.author_id != editor2.pk
    assert claim.verdict.reviewer_id is None
    assert VerdictContributor.objects.filter(verdict=claim.verdict, user=editor).exists()

    # ...so publishing is still refused.
    response = press(client, claim, "publish")
    claim.refresh_from_db()
    assert claim.status == "in_review"
    assert any("Four eyes" in message for message in shown_messages(response))


def test_a_verdict_added_on_the_claim_page_is_by_whoever_wrote_it(client, fact_checker):
    client.force_login(fact_checker)
    data = claim_form_data(Claim(text="A new claim."), loaded_version=1) | {
        "text": "A new claim.",
        "verdict-TOTAL_FORMS": 1,
        "verdict-0-rating": Rating.objects.get(slug="false").pk,
        "verdict-0-summary": "False.",
        "verdict-0-analysis": "",
    }
    response = client.post(reverse("admin:claims_claim_add"), data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    claim = Claim.objects.get(text="A new claim.")
    assert claim.verdict.author == fact_checker
    assert list(claim.verdict.contributors.all()) == [fact_checker]


# --- Reproduction 3: no side door to a published fact-check -------------------------------------


@pytest.mark.parametrize("page", ["evidence", "appearance"])
def test_evidence_and_appearance_pages_are_read_only(client, fact_checker, ready_claim, page):
    claim = ready_claim("published")
    row = claim.verdict.evidence.get() if page == "evidence" else claim.appearances.get()
    client.force_login(fact_checker)
    change = reverse(f"admin:claims_{page}_change", args=[row.pk])
    assert client.get(change).context["has_change_permission"] is False
    assert client.post(change, {"note": "Sneaky.", "stance": "supports"}).status_code == 403
    assert client.get(reverse(f"admin:claims_{page}_add")).status_code == 403


def test_a_cited_source_keeps_its_url_in_the_admin(client, editor, ready_claim):
    claim = ready_claim("published")
    source = claim.verdict.evidence.get().source
    client.force_login(editor)
    response = client.post(
        reverse("admin:sources_source_change", args=[source.pk]),
        source_form(source, url="https://elsewhere.example.org/x"),
    )
    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.non_field_errors())
    assert "its URL cannot change" in errors
    source.refresh_from_db()
    assert source.url != "https://elsewhere.example.org/x"


def test_a_cited_source_edited_in_the_admin_is_a_public_update(client, editor, ready_claim):
    claim = ready_claim("published")
    source = claim.appearances.get().source
    client.force_login(editor)
    url = reverse("admin:sources_source_change", args=[source.pk])
    refused = client.post(url, source_form(source, title="Renamed"))
    assert "needs a public note" in " ".join(refused.context["adminform"].form.non_field_errors())
    response = client.post(url, source_form(source, title="Renamed", public_note="Title fixed."))
    assert response.status_code == 302
    [update] = Correction.objects.filter(claim=claim)
    assert (update.kind, update.note, update.corrected_by) == ("update", "Title fixed.", editor)


def source_form(source, **changes) -> dict:
    return {
        "url": source.url,
        "title": source.title,
        "publisher": source.publisher_id or "",
        "author": source.author,
        "kind": source.kind,
        "published_on": source.published_on.isoformat() if source.published_on else "",
        "accessed_at_0": "",
        "accessed_at_1": "",
        "archived_url": "",
        "notes": "",
        "public_note": "",
        "reported_speech-TOTAL_FORMS": "0",
        "reported_speech-INITIAL_FORMS": "0",
    } | changes


def test_the_public_update_form_swaps_a_dead_link(client, editor, ready_claim, shown_messages):
    claim = ready_claim("published")
    dead = claim.verdict.evidence.get().source
    archived = SourceFactory()
    client.force_login(editor)
    assert client.get(change_url(claim)).context["workflow"]["public_update_form"] is not None

    response = client.post(
        reverse("admin:claims_claim_public_update", args=[claim.pk]),
        {
            "update-text": claim.text,
            "update-claim_reviewed": claim.claim_reviewed,
            "update-context": claim.context,
            "update-analysis": claim.verdict.analysis,
            "update-replace_source": dead.pk,
            "update-with_source": archived.pk,
            "update-note": "The law moved; we link the archived copy.",
            "update-expected_version": claim.version,
        },
    )

    assert response.status_code == 302
    assert shown_messages(response)[-1].startswith("Updated: ")
    assert list(claim.verdict.evidence.values_list("source", flat=True)) == [archived.pk]
    assert Correction.objects.get(claim=claim).kind == "update"


def test_fact_checkers_get_no_public_update_form(client, fact_checker, ready_claim):
    claim = ready_claim("published")
    client.force_login(fact_checker)
    assert client.get(change_url(claim)).context["workflow"]["public_update_form"] is None


# --- Reproduction 4: lost updates ----------------------------------------------------------


def test_a_stale_verdict_save_is_refused_and_the_first_save_survives(
    client, editor, member, ready_claim
):
    """Two editors open the verdict page; the second save must not revert the first."""
    claim = ready_claim("draft")
    opened = verdict_form(claim.verdict, note="Opened by both.")
    first, second = member("Editors"), editor
    client.force_login(first)
    assert client.post(verdict_url(claim), opened | {"summary": "First."}).status_code == 302

    client.force_login(second)
    response = client.post(verdict_url(claim), opened | {"summary": "Second."})

    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.non_field_errors())
    assert "changed by someone else" in errors
    claim.verdict.refresh_from_db()
    assert claim.verdict.summary == "First."


def test_the_verdict_page_carries_the_claim_version(client, editor, ready_claim):
    claim = ready_claim("draft")
    client.force_login(editor)
    page = client.get(verdict_url(claim)).content.decode()
    assert f'name="loaded_version" value="{claim.version}"' in page


@pytest.mark.parametrize("page", ["claims_claim", "claims_claiminreview"])
def test_a_stale_bulk_publish_is_refused(client, editor, member, ready_claim, shown_messages, page):
    """Reproduction 4: the verdict changes after the editor read the list."""
    claim = ready_claim("in_review")
    changelist = reverse(f"admin:{page}_changelist")
    client.force_login(editor)
    listed = client.get(changelist).content.decode()
    assert f'name="seen_version_{claim.pk}" value="{claim.version}"' in listed
    seen = claim.version
    services.verdict_edited(claim=claim, actor=member("Fact-checkers"))

    response = client.post(
        changelist,
        {
            "action": "publish_selected",
            ACTION_CHECKBOX_NAME: [claim.pk],
            f"seen_version_{claim.pk}": seen,
        },
    )

    claim.refresh_from_db()
    assert claim.status == "in_review"
    [message] = shown_messages(response)
    assert "changed since you read it" in message


def test_a_bulk_action_without_the_version_is_refused(client, editor, ready_claim, shown_messages):
    claim = ready_claim("in_review")
    client.force_login(editor)
    response = client.post(
        reverse("admin:claims_claim_changelist"),
        {"action": "publish_selected", ACTION_CHECKBOX_NAME: [claim.pk]},
    )
    claim.refresh_from_db()
    assert claim.status == "in_review"
    assert "did not show you its current version" in shown_messages(response)[0]


# --- Reproduction 5: our scale only --------------------------------------------------------------


def test_the_correction_form_offers_only_our_scale(client, editor, ready_claim, shown_messages):
    with fixture_writes("test data written by hand"):
        external = Rating.objects.create(slug="pants-on-fire", label="Pants on Fire", external=True)
    claim = ready_claim("published")
    client.force_login(editor)
    form = client.get(change_url(claim)).context["workflow"]["correction_form"]
    assert external not in form.fields["rating"].queryset

    response = client.post(
        reverse("admin:claims_claim_correct_verdict", args=[claim.pk]),
        {
            "correction-rating": external.pk,
            "correction-note": "Re-rated.",
            "correction-expected_version": claim.version,
        },
    )
    assert "was not corrected" in shown_messages(response)[0]
    assert not Correction.objects.filter(claim=claim).exists()


def test_the_verdict_page_refuses_an_imported_rating(client, editor, ready_claim):
    with fixture_writes("test data written by hand"):
        external = Rating.objects.create(slug="pants-on-fire", label="Pants on Fire", external=True)
    claim = ready_claim("draft")
    client.force_login(editor)
    response = client.post(
        verdict_url(claim), verdict_form(claim.verdict, note="x") | {"rating": external.pk}
    )
    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.non_field_errors())
    assert "our own scale" in errors
    claim.verdict.refresh_from_db()
    assert claim.verdict.rating.slug == "false"


# --- Reproduction 9: list inputs capped in the admin too ------------------------------------


def test_the_claim_form_refuses_too_many_topics_before_looking_them_up(client, editor, monkeypatch):
    from django.forms import ModelMultipleChoiceField

    def looked_up(self, value):
        raise AssertionError("the topics were looked up before the cap was checked")

    monkeypatch.setattr(ModelMultipleChoiceField, "_check_values", looked_up)
    with fixture_writes("test data written by hand"):
        claim = Claim.objects.create(text="A draft.")
    client.force_login(editor)
    response = client.post(change_url(claim), claim_form_data(claim, topics=list(range(1, 500))))
    assert response.status_code == 200
    assert f"At most {MAX_TOPICS}" in str(response.context["adminform"].form.errors["topics"])
