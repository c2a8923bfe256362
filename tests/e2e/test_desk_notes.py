"""The desk in a real browser: notes between a fact-checker and an editor, the notification
of a change request, and the claim's timeline in plain words; at desktop and phone widths,
with axe-core on the thread, the notifications list and the timeline.

After signing in, every page is reached by clicking, never by typing its address. Each step
saves a screenshot in tests/e2e/artifacts/<test>/.
"""

from __future__ import annotations

import re

import pytest

from tests.e2e.browser import skip_without_a_browser

skip_without_a_browser()

from django.contrib.auth import get_user_model  # noqa: E402
from playwright.sync_api import Page, expect  # noqa: E402

from claims.models import Claim, ClaimNote, Verdict  # noqa: E402
from claimtracker.writes import fixture_writes  # noqa: E402
from notifications.models import Notification  # noqa: E402
from tests.e2e.accessibility import VIEWPORTS, axe_violations, require_axe  # noqa: E402
from tests.factories import claim_in_status  # noqa: E402

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

require_axe()


REQUEST = "Please cite the 2017 National Intelligence Law, Article 7."
REPLY = "Done: Article 7 is now the first piece of evidence."
THANKS = "Thanks, that reads well. I will publish it."


@pytest.fixture
def checkers_claim(newsroom) -> Claim:
    """A claim in review, drafted by the demo's fact-checker ("checker")."""
    claim = claim_in_status("in_review")
    checker = get_user_model().objects.get(username="checker")
    with fixture_writes("the checker drafted it"):
        Claim.objects.filter(pk=claim.pk).update(created_by=checker)
        Verdict.objects.filter(claim=claim).update(author=checker)
    return Claim.objects.get(pk=claim.pk)


def open_notifications(page: Page, unread: int) -> None:
    link = page.locator("#notifications-link")
    expect(link).to_have_attribute("aria-label", f"Notifications: {unread} unread")
    link.click()
    expect(page.locator("#result_list")).to_be_visible()


def add_note(page: Page, text: str) -> None:
    page.fill("#claim-note-form textarea", text)
    page.locator("#claim-note-form").get_by_role("button", name="Add note").click()
    expect(page.locator(".messagelist")).to_contain_text("Your note was added")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_fact_checker_and_an_editor_talk_through_a_change_request(
    sign_in, journal, checkers_claim, viewport
):
    claim = checkers_claim
    title = str(claim)[:30]
    failures: dict[str, list[str]] = {}

    editor = sign_in("editor", viewport)
    with journal.step(editor, f"{viewport} editor opens the claim from the review queue"):
        editor.get_by_role("link", name=re.compile("Review queue", re.I)).first.click()
        editor.get_by_role("link", name=re.compile(re.escape(title))).first.click()
        expect(editor.locator("#claim-notes")).to_contain_text("No notes yet")
    with journal.step(editor, f"{viewport} editor requests changes with a note"):
        editor.fill("#claim-transition-form textarea", REQUEST)
        editor.locator("#claim-transition-form").get_by_role(
            "button", name="Request changes", exact=True
        ).click()
        expect(editor.locator("#claim-workflow")).to_contain_text("Changes requested")
        expect(editor.locator("#claim-notes")).to_contain_text(REQUEST)

    checker = sign_in("checker", viewport)
    with journal.step(checker, f"{viewport} checker sees one unread notification"):
        expect(checker.locator("#notifications-link .unread-count")).to_have_text("1")
    with journal.step(checker, f"{viewport} checker reads the notification"):
        open_notifications(checker, unread=1)
        expect(checker.locator("#result_list")).to_contain_text("sent “")
        expect(checker.locator("#result_list")).to_contain_text(REQUEST)
        failures["notifications list"] = axe_violations(checker)
    with journal.step(checker, f"{viewport} checker follows it to the claim and its thread"):
        checker.locator("#result_list a.notification-link").first.click()
        expect(checker).to_have_url(re.compile(rf"/admin/claims/claim/{claim.pk}/change/"))
        expect(checker.locator("#claim-notes")).to_contain_text(REQUEST)
        expect(checker.locator("#claim-notes")).to_contain_text("Eddie Editor")
        expect(checker.locator("#notifications-link")).to_have_attribute(
            "aria-label", "Notifications: 0 unread"
        )
    with journal.step(checker, f"{viewport} checker replies in the thread"):
        add_note(checker, REPLY)
        expect(checker.locator("#claim-notes")).to_contain_text(REPLY)
        failures["notes thread"] = axe_violations(checker, "#claim-notes")

    with journal.step(editor, f"{viewport} editor is told of the reply and answers"):
        editor.get_by_role("link", name=re.compile("Home|Start", re.I)).first.click()
        open_notifications(editor, unread=1)
        editor.locator("#result_list a.notification-link", has_text=REPLY).click()
        expect(editor.locator("#claim-notes")).to_contain_text(REPLY)
        add_note(editor, THANKS)
        notes = editor.locator("#claim-notes .claim-note-body")
        expect(notes).to_have_text([REQUEST, REPLY, THANKS])

    with journal.step(editor, f"{viewport} editor reads the claim's timeline in plain words"):
        editor.locator("#claim-notes").get_by_role("link", name="Timeline").click()
        expect(editor.get_by_role("heading", level=1)).to_contain_text("Timeline of")
        timeline = editor.locator(".timeline")
        expect(timeline).to_contain_text("sent it back, asking for changes")
        expect(timeline).to_contain_text(REQUEST)
        expect(timeline).not_to_contain_text('{"')
        failures["timeline"] = axe_violations(editor)
    with journal.step(editor, f"{viewport} the claim page's Timeline button leads there too"):
        editor.get_by_role("link", name="Back to the claim").click()
        editor.locator(".object-tools a.historylink").click()
        expect(editor.get_by_role("heading", level=1)).to_contain_text("Timeline of")

    assert list(ClaimNote.objects.filter(claim=claim).values_list("body", flat=True)) == [
        REQUEST,
        REPLY,
        THANKS,
    ]
    assert Notification.objects.filter(recipient__username="checker", kind="note").count() == 1
    failures = {name: lines for name, lines in failures.items() if lines}
    assert failures == {}, "\n".join(
        f"{name}: {line}" for name, lines in failures.items() for line in lines
    )
