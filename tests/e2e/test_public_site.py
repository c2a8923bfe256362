"""The public site in a real browser: a reader's way from the front page to a speaker's
scorecard, a topic and the corrections log; screenshots at desktop and phone widths; axe-core
on every page type, with no serious or critical violation.

axe-core comes from the npm registry (tests/e2e/package.json, installed by ``make test``).
It is injected by the test, as a test instrument, so the context bypasses the site's CSP for
that one script; the pages themselves run no script.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from claims import services
from claims.claimreview.render import claim_slug
from claims.demo import load_demo
from claims.models import Claim
from tests.e2e.accessibility import VIEWPORTS, axe_violations, require_axe

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

require_axe()

BACKDOORS_TITLE = "No law in China requires companies to install backdoors"
TAXES_TITLE = "Donald Trump massively cut taxes, to the benefit of business"


@pytest.fixture
def public_site(transactional_db):
    """The demo, with one correction and one retraction made through the services."""
    load_demo()
    editor = get_user_model().objects.create_user("site-editor", is_staff=True, is_superuser=True)
    backdoors = Claim.objects.get(text__startswith="No law in China")
    services.verdict_correct(
        claim=backdoors,
        actor=editor,
        note="We added the text of Article 7 of the National Intelligence Law.",
        summary="No Chinese law uses the word backdoor, but Article 7 of the 2017 National "
        "Intelligence Law obliges every organisation to support state intelligence work.",
    )
    retracted = Claim.objects.get(text__startswith="He dares to massively cut tax")
    services.claim_retract(
        claim=retracted, actor=editor, note="The quotation was cut in a way that changed it."
    )
    return {"backdoors": backdoors, "retracted": retracted}


def open_page(browser, live_server, viewport: str) -> Page:
    context = browser.new_context(
        base_url=live_server.url, viewport=VIEWPORTS[viewport], bypass_csp=True
    )
    context.set_default_timeout(10_000)
    return context.new_page()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_reader_goes_from_the_front_page_to_a_scorecard_a_topic_and_the_corrections(
    browser, live_server, journal, public_site, viewport
):
    page = open_page(browser, live_server, viewport)

    with journal.step(page, f"{viewport} front page lists the published fact-checks"):
        page.goto("/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Latest fact-checks")
        expect(page.get_by_role("link", name=BACKDOORS_TITLE)).to_be_visible()
        # Retracted since the demo loaded: no longer listed.
        expect(page.get_by_role("link", name=TAXES_TITLE)).to_have_count(0)

    with journal.step(page, f"{viewport} search finds the backdoors claim"):
        page.get_by_label("Search").fill("backdoor")
        page.get_by_role("button", name="Show").click()
        expect(page.locator(".checks li")).to_have_count(1)

    with journal.step(page, f"{viewport} Ren Zhengfei's scorecard"):
        page.locator(".checks").get_by_role("link", name="Ren Zhengfei").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Ren Zhengfei")
        expect(
            page.get_by_role("img", name="Fact-checks of Ren Zhengfei by rating")
        ).to_be_visible()
        expect(page.get_by_role("row", name="Misleading 1")).to_be_visible()

    with journal.step(page, f"{viewport} a topic page"):
        page.locator(".checks").get_by_role("link", name="Cybersecurity").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Cybersecurity")
        expect(page.get_by_role("link", name=BACKDOORS_TITLE)).to_be_visible()

    with journal.step(page, f"{viewport} the claim page, flagged as corrected"):
        page.get_by_role("link", name=BACKDOORS_TITLE).click()
        expect(page.locator(".flag")).to_contain_text("Corrected on")
        expect(page.locator("#corrections")).to_contain_text("Article 7")

    with journal.step(page, f"{viewport} the corrections log from the footer"):
        page.get_by_role("link", name="All corrections and retractions").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Corrections, updates and retractions"
        )
        expect(page.locator(".checks li")).to_have_count(2)

    with journal.step(page, f"{viewport} a retracted claim says so"):
        page.get_by_role("link", name=TAXES_TITLE).click()
        expect(page.locator(".retracted")).to_contain_text("The quotation was cut")


def test_feeds_and_sitemap_list_the_claims_in_the_browser(browser, live_server, public_site):
    page = open_page(browser, live_server, "desktop")
    claim = public_site["backdoors"]
    url = f"{live_server.url}/claims/{claim.pk}/{claim_slug(claim)}/"

    feed = page.goto("/feed.rss")
    assert feed.status == 200
    assert f"<link>{url}</link>" in feed.text()

    index = page.goto("/sitemap.xml")
    assert index.status == 200
    section = f"{live_server.url}/sitemap-fact-checks.xml"
    assert f"<loc>{section}</loc>" in index.text()
    sitemap = page.goto(section)
    assert sitemap.status == 200
    assert f"<loc>{url}</loc>" in sitemap.text()


PAGE_TYPES = {
    "front page": "/",
    "front page, filtered": "/?topic=cybersecurity&rating=misleading",
    "front page, bad filter": "/?rating=nonsense",
    "speakers": "/speakers/",
    "speaker": "/speakers/ren-zhengfei/",
    "topics": "/topics/",
    "topic": "/topics/us-china-relations/",
    "corrections": "/corrections/",
    "claim": "backdoors",
    "retracted claim": "retracted",
    "page not found": "/speakers/nobody/",
}


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_page_type_passes_axe_core(browser, live_server, journal, public_site, viewport):
    page = open_page(browser, live_server, viewport)
    failures = {}
    for name, path in PAGE_TYPES.items():
        if path in public_site:
            claim = public_site[path]
            path = f"/claims/{claim.pk}/{claim_slug(claim)}/"
        page.goto(path)
        journal.save(page, f"{viewport} {name}")
        violations = axe_violations(page)
        if violations:
            failures[name] = violations
    assert failures == {}, "\n".join(
        f"{name}: {line}" for name, lines in failures.items() for line in lines
    )


def test_axe_reports_a_serious_violation_when_there_is_one(browser, live_server, public_site):
    # The check above can fail: an image without a text alternative is a critical violation.
    page = open_page(browser, live_server, "desktop")
    page.goto("/")
    page.evaluate(
        "() => document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=x.png>')"
    )
    assert any(re.search(r"image-alt", line) for line in axe_violations(page))
