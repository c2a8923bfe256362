"""The editors' desk in a real browser (issue 18's "Done when"), without typing a URL after
signing in: a fact-checker drafts a claim with its verdict and evidence on one page and
submits; the editor finds it on the desk, sends it back with a note; the fact-checker sees the
note at the top, fixes and resubmits; the editor publishes and follows the link to the public
page. The review page and the desk are checked at 1366x768 and 390x844: no horizontal
overflow, and axe-core reports no serious or critical violation.

The steps that belong to the notes branch (the notes thread, notifications, the timeline) are
not here yet. Each step saves a screenshot in tests/e2e/artifacts/<test>/.
"""

from __future__ import annotations

import re

import pytest

from tests.e2e.browser import skip_without_a_browser

skip_without_a_browser()

from django.contrib.auth.models import User  # noqa: E402
from playwright.sync_api import Page, expect  # noqa: E402

from claims.models import Claim  # noqa: E402
from claimtracker.writes import fixture_writes  # noqa: E402
from tests.e2e.accessibility import VIEWPORTS, axe_violations  # noqa: E402
from tests.e2e.test_review_workflow import choose  # noqa: E402
from tests.factories import claim_in_status  # noqa: E402

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

CLAIM_TEXT = "Chinese companies are never asked to hand over data to the state"
SHORT_CLAIM = "China never asks companies for data"
NOTE = "Quote Article 7 in the summary."


def overflow(page: Page) -> int:
    """How many pixels the page is wider than the window (0: no horizontal scrolling)."""
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def assert_fits_and_is_accessible(page: Page) -> None:
    assert overflow(page) == 0
    assert axe_violations(page) == []


def home(page: Page) -> None:
    """Back to the desk through the header's link, as a person would."""
    page.locator("#site-name a").click()
    page.wait_for_load_state()


def open_desk_line(page: Page, label: str, count: int | None = None) -> None:
    line = page.locator("#desk a", has_text=label)
    if count is not None:
        expect(line.locator(".desk-count")).to_have_text(str(count))
    line.click()
    page.wait_for_load_state()


def press(page: Page, label: str, note: str = "") -> None:
    if note:
        page.fill("#claim-transition-form textarea", note)
    page.locator("#claim-transition-form").get_by_role("button", name=label, exact=True).click()
    page.wait_for_load_state()


def test_a_claim_goes_from_draft_to_the_public_page_without_typing_a_url(sign_in, journal):
    checker = sign_in("checker", "desktop")
    with journal.step(checker, "checker's desk"):
        expect(checker.locator("#site-name")).to_have_text("ClaimTracker")
        expect(checker.locator("#desk")).to_contain_text("My drafts")
        assert_fits_and_is_accessible(checker)

    with journal.step(
        checker, "checker drafts claim, verdict, evidence and appearance on one page"
    ):
        checker.locator('a.addlink[aria-describedby="factchecks-claim"]').click()
        checker.fill("#id_text", CLAIM_TEXT)
        checker.fill("#id_claim_reviewed", SHORT_CLAIM)
        choose(checker, "id_speaker", "Ren", "Ren Zhengfei")
        checker.fill("#id_stated_on", "2019-01-15")
        choose(checker, "id_verdict-0-rating", "Mislead", "Misleading")
        checker.fill("#id_verdict-0-summary", "The 2017 law obliges cooperation.")
        choose(checker, "id_evidence-0-source", "Intelligence", "National Intelligence Law")
        checker.select_option("#id_evidence-0-stance", "contradicts")
        checker.fill("#id_evidence-0-note", "Article 7")
        choose(checker, "id_appearances-0-source", "Huawei founder", "Huawei founder Ren")
        checker.check("#id_appearances-0-is_first")
        checker.click("input[name=_continue]")
        expect(checker.locator(".messagelist")).to_contain_text("was added successfully")
        expect(checker.locator("#submit-checklist")).to_contain_text("Ready for review")
    claim = Claim.objects.get(text=CLAIM_TEXT)
    assert claim.verdict.evidence.get().note == "Article 7"

    with journal.step(checker, "the review page fits and passes axe"):
        assert_fits_and_is_accessible(checker)

    with journal.step(checker, "checker submits"):
        press(checker, "Submit for review")
        expect(checker.locator(".messagelist")).to_contain_text(
            f"Submitted for review: “{SHORT_CLAIM}”."
        )
        expect(checker.locator("#claim-workflow")).to_contain_text("In review")

    editor = sign_in("editor", "desktop")
    with journal.step(editor, "editor sees it waiting on the desk and opens it"):
        open_desk_line(editor, "Waiting for my review")
        editor.get_by_role("link", name=SHORT_CLAIM).click()
        expect(editor.locator("#evidence-group")).to_contain_text("National Intelligence Law")

    with journal.step(editor, "editor sends it back with a note"):
        press(editor, "Request changes", note=NOTE)
        expect(editor.locator(".messagelist")).to_contain_text(
            "Sent back to the fact-checker with your note"
        )
        expect(editor.locator("body")).not_to_contain_text("is now changes requested")

    with journal.step(checker, "checker finds it sent back and reads the note at the top"):
        home(checker)
        open_desk_line(checker, "Sent back to me", count=1)
        checker.get_by_role("link", name=SHORT_CLAIM).click()
        expect(checker.locator("#last-word")).to_contain_text("Sent back to the fact-checker")
        expect(checker.locator("#last-word")).to_contain_text(NOTE)
        expect(checker.locator("#last-word")).to_contain_text("Eddie Editor")

    with journal.step(checker, "checker fixes the summary and resubmits"):
        checker.fill(
            "#id_verdict-0-summary",
            "Article 7 of the 2017 law obliges every organisation to cooperate.",
        )
        checker.click("input[name=_continue]")
        expect(checker.locator(".messagelist")).to_contain_text("was changed successfully")
        press(checker, "Resubmit")
        expect(checker.locator(".messagelist")).to_contain_text("Resubmitted for review")

    with journal.step(editor, "editor publishes from the desk"):
        home(editor)
        open_desk_line(editor, "Waiting for my review")
        editor.get_by_role("link", name=SHORT_CLAIM).click()
        press(editor, "Publish")
        expect(editor.locator(".messagelist")).to_contain_text(f"Published: “{SHORT_CLAIM}”.")

    with journal.step(editor, "editor follows the link to the public page"):
        editor.get_by_role("link", name="See it on the public site").click()
        editor.wait_for_load_state()
        expect(editor.locator("body")).to_contain_text("Article 7 of the 2017 law obliges")
        expect(editor.locator("body")).to_contain_text("Misleading")
        assert re.search(rf"/claims/{claim.pk}/", editor.url)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_desk_and_the_review_page_fit_and_pass_axe(sign_in, journal, viewport):
    claim = claim_in_status("changes_requested")
    with fixture_writes("the checker's claim"):
        Claim.objects.filter(pk=claim.pk).update(created_by=User.objects.get(username="checker"))
    checker = sign_in("checker", viewport)
    with journal.step(checker, f"{viewport} desk"):
        expect(checker.locator("#desk")).to_be_visible()
        assert_fits_and_is_accessible(checker)
    with journal.step(checker, f"{viewport} the claim list filtered to what was sent back"):
        open_desk_line(checker, "Sent back to me", count=1)
        assert overflow(checker) == 0
        if viewport == "desktop":
            # Every column in view beside the filters, the claim on a line or three.
            table = checker.locator("#result_list").bounding_box()
            assigned = checker.locator("#result_list th.column-assigned_to").bounding_box()
            title = checker.locator("#result_list tbody .field-title").first.bounding_box()
            assert assigned["x"] + assigned["width"] <= table["x"] + table["width"] <= 1366
            assert title["height"] < 80
    with journal.step(checker, f"{viewport} review page"):
        checker.get_by_role("link", name=str(claim)).click()
        expect(checker.locator("#claim-workflow")).to_contain_text("Changes requested")
        assert_fits_and_is_accessible(checker)
