"""The editors' day in a real browser: draft, review, publish, four eyes, stale edits, corrections.

Each step saves a screenshot in tests/e2e/artifacts/<test>/; a failing step also saves the
page HTML and names both files in the failure message.
"""

from __future__ import annotations

import re

import pytest

from tests.e2e.browser import skip_without_a_browser

skip_without_a_browser()

from django.contrib.auth.models import User  # noqa: E402
from playwright.sync_api import Page, expect  # noqa: E402

from claims.models import Claim, Correction, Verdict  # noqa: E402
from claimtracker.writes import fixture_writes  # noqa: E402
from tests.factories import claim_in_status  # noqa: E402

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

CLAIM_TEXT = "Chinese companies are never asked to hand over data to the state"


def choose(page: Page, field_id: str, search: str, option: str) -> None:
    """Pick ``option`` in an admin autocomplete (select2) field, as a person would."""
    page.locator(f"#{field_id} + .select2").click()
    page.locator(".select2-container--open .select2-search__field").fill(search)
    page.locator(".select2-results__option", has_text=option).first.click()


def claim_page(page: Page, claim_id: int) -> None:
    page.goto(f"/admin/claims/claim/{claim_id}/change/")


def press(page: Page, label: str, note: str = "") -> None:
    """Fill the workflow note and press a workflow button."""
    if note:
        page.fill("#claim-transition-form textarea", note)
    page.locator("#claim-transition-form").get_by_role("button", name=label, exact=True).click()
    page.wait_for_load_state()


def test_happy_path_from_draft_to_publication(sign_in, journal, live_server):
    checker = sign_in("checker")
    with journal.step(checker, "checker drafts a claim with an appearance and a verdict"):
        checker.goto("/admin/claims/claim/add/")
        checker.fill("#id_text", CLAIM_TEXT)
        checker.fill("#id_claim_reviewed", "China never asks companies for data")
        choose(checker, "id_speaker", "Ren", "Ren Zhengfei")
        checker.fill("#id_stated_on", "2019-01-15")
        choose(checker, "id_appearances-0-source", "Huawei founder", "Huawei founder Ren")
        checker.check("#id_appearances-0-is_first")
        choose(checker, "id_verdict-0-rating", "Mislead", "Misleading")
        checker.fill("#id_verdict-0-summary", "The 2017 law obliges cooperation.")
        checker.click("input[name=_continue]")
        expect(checker.locator(".messagelist")).to_contain_text("was added successfully")
    claim = Claim.objects.get(text=CLAIM_TEXT)

    with journal.step(checker, "checker cites the intelligence law as evidence, on the same page"):
        choose(checker, "id_evidence-0-source", "Intelligence", "National Intelligence Law")
        checker.select_option("#id_evidence-0-stance", "contradicts")
        checker.fill("#id_evidence-0-note", "Article 7")
        checker.click("input[name=_continue]")
        expect(checker.locator(".messagelist")).to_contain_text("changed successfully")

    with journal.step(checker, "checker submits the claim"):
        claim_page(checker, claim.pk)
        press(checker, "Submit for review")
        expect(checker.locator("#claim-workflow")).to_contain_text("In review")

    editor = sign_in("editor")
    with journal.step(editor, "editor finds it in the review queue and requests changes"):
        editor.goto("/admin/claims/claiminreview/")
        editor.get_by_role("link", name=re.compile("China never asks")).click()
        press(editor, "Request changes", note="Quote Article 7 in the summary.")
        expect(editor.locator("#claim-workflow")).to_contain_text("Changes requested")

    with journal.step(checker, "checker sees the note, edits and resubmits"):
        claim_page(checker, claim.pk)
        expect(checker.locator("body")).to_contain_text("Quote Article 7 in the summary.")
        checker.fill("#id_context", "Said at a press briefing in Shenzhen.")
        checker.click("input[name=_continue]")
        expect(checker.locator(".messagelist")).to_contain_text("changed successfully")
        press(checker, "Resubmit")
        expect(checker.locator("#claim-workflow")).to_contain_text("In review")

    editor2 = sign_in("editor2")
    with journal.step(editor2, "a second editor publishes"):
        claim_page(editor2, claim.pk)
        press(editor2, "Publish")
        expect(editor2.locator("#claim-workflow")).to_contain_text("Published")

    with journal.step(editor2, "the API lists it for Ren Zhengfei"):
        editor2.goto("/api/v1/claims/?speaker=ren-zhengfei&format=json")
        expect(editor2.locator("body")).to_contain_text(CLAIM_TEXT)
    with journal.step(editor2, "its ClaimReview is served"):
        editor2.goto(f"/api/v1/claims/{claim.pk}/claimreview/")
        expect(editor2.locator("body")).to_contain_text('"alternateName":"Misleading"')
    with journal.step(editor2, "its public page shows the verdict"):
        editor2.goto(f"/claims/{claim.pk}/")
        expect(editor2.locator("body")).to_contain_text("The 2017 law obliges cooperation.")
        expect(editor2.locator("body")).to_contain_text("Misleading")


def test_an_editor_cannot_publish_a_verdict_they_wrote(sign_in, journal):
    editor = sign_in("editor")
    claim = claim_in_status("in_review")
    with fixture_writes("the editor wrote the verdict"):
        Verdict.objects.filter(claim=claim).update(author=User.objects.get(username="editor"))
    with journal.step(editor, "the author tries to publish and is refused"):
        claim_page(editor, claim.pk)
        press(editor, "Publish")
        expect(editor.locator(".messagelist")).to_contain_text("Four eyes")
        expect(editor.locator("#claim-workflow")).to_contain_text("In review")
    claim.refresh_from_db()
    assert claim.status == "in_review"


def test_a_stale_edit_is_refused_and_the_first_edit_survives(sign_in, journal):
    claim = claim_in_status("draft")
    first, second = sign_in("checker"), sign_in("editor")
    with journal.step(first, "both open the claim; the first saves"):
        claim_page(first, claim.pk)
        claim_page(second, claim.pk)
        first.fill("#id_context", "First edit")
        first.click("input[name=_continue]")
        expect(first.locator(".messagelist")).to_contain_text("changed successfully")
    with journal.step(second, "the second save is refused with a clear message"):
        second.fill("#id_context", "Second edit")
        second.click("input[name=_continue]")
        expect(second.locator(".errornote, .errorlist").first).to_be_visible()
        expect(second.locator("body")).to_contain_text("changed by someone else")
    claim.refresh_from_db()
    assert claim.context == "First edit"


def test_a_correction_shows_on_the_public_page_and_the_api(sign_in, journal):
    claim = claim_in_status("published")
    editor = sign_in("editor")
    with journal.step(editor, "the editor corrects the published verdict"):
        claim_page(editor, claim.pk)
        form = editor.locator("#verdict-correction-form")
        form.locator("select").first.select_option(label="Mostly false")
        form.locator("textarea").last.fill("A new study qualifies the finding.")
        form.get_by_role("button", name="Correct verdict").click()
        expect(editor.locator(".messagelist")).to_contain_text("orrect")
    assert Correction.objects.filter(claim=claim).count() == 1
    with journal.step(editor, "the public page shows the correction"):
        editor.goto(f"/claims/{claim.pk}/")
        expect(editor.locator("body")).to_contain_text("A new study qualifies the finding.")
        expect(editor.locator("body")).to_contain_text("Mostly false")
    with journal.step(editor, "the API shows the correction"):
        editor.goto(f"/api/v1/claims/{claim.pk}/?format=json")
        expect(editor.locator("body")).to_contain_text("A new study qualifies the finding.")
