"""The admin's home page: named for the organisation, the user's desk with counts, and links
grouped as Desk, Fact-checks and Settings, internal tables left out."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from claims.models import Claim
from claimtracker.writes import fixture_writes
from tests.factories import ClaimFactory, published_claim

pytestmark = pytest.mark.django_db

INDEX = reverse("admin:index")
CLAIMS = reverse("admin:claims_claim_changelist")


def desk(response) -> dict[str, int]:
    return {line["label"]: line["count"] for line in response.context["desk"]}


def make_claim(status: str, **fields) -> Claim:
    with fixture_writes("claims in each state, by hand"):
        return ClaimFactory(status=status, **fields)


def test_the_header_and_the_title_name_the_organisation(client, editor, settings):
    settings.CLAIMTRACKER_ORGANIZATION_NAME = "Full Fact"
    client.force_login(editor)
    page = client.get(INDEX).content.decode()
    assert '<div id="site-name"><a href="/admin/">Full Fact</a></div>' in page
    assert "<title>Desk | Full Fact desk</title>" in page
    assert "Django administration" not in page


def test_the_home_page_groups_the_links_and_leaves_internal_tables_out(client, editor):
    client.force_login(editor)
    response = client.get(INDEX)
    groups = {
        app["name"]: [model["name"] for model in app["models"]]
        for app in response.context["app_list"]
    }
    assert list(groups) == ["Desk", "Fact-checks", "Settings"]
    assert groups["Desk"] == [
        "Review queue",
        "Notifications",
        "My drafts",
        "Sent back to me",
        "Waiting for my review",
        "Assigned to me",
        "Recently published",
    ]
    assert groups["Fact-checks"] == ["Claims", "Speakers", "Topics", "Sources", "Corrections"]
    assert groups["Settings"][:3] == ["Ratings", "Rating labels", "Publishers"]
    page = response.content.decode()
    for internal in ["verdict", "evidence", "appearance", "claimevent", "verdictcontributor"]:
        assert reverse(f"admin:claims_{internal}_changelist") not in page


def test_an_apps_page_leaves_internal_tables_out_too(client, editor):
    client.force_login(editor)
    response = client.get(reverse("admin:app_list", args=["claims"]))
    [claims] = response.context["app_list"]
    names = {model["object_name"] for model in claims["models"]}
    assert {"Claim", "Speaker", "ClaimInReview"} <= names
    assert not names & {"Verdict", "Evidence", "Appearance", "ClaimEvent"}


def test_view_site_leads_to_the_public_front_page(client, editor):
    client.force_login(editor)
    response = client.get(INDEX)
    assert response.context["site_url"] == "/"
    assert client.get("/").status_code == 200


@pytest.fixture
def desk_claims(member):
    """A fact-checker's and an editor's claims in each line of their desk."""
    checker, editor, other = member("Fact-checkers"), member("Editors"), member("Fact-checkers")
    make_claim("draft", created_by=checker)
    make_claim("draft", created_by=other)
    make_claim("changes_requested", created_by=checker)
    make_claim("in_review", created_by=checker)
    make_claim("in_review", created_by=other, assigned_to=editor)
    make_claim("in_review", created_by=editor)  # the editor's own: not theirs to review
    make_claim("draft", created_by=other, assigned_to=checker)
    with fixture_writes("an old and a new publication"):
        published_claim()
        published_claim(published_at=timezone.now() - dt.timedelta(days=30))
    return checker, editor


def test_the_desk_counts_each_line_for_each_role(client, desk_claims):
    checker, editor = desk_claims
    client.force_login(checker)
    assert desk(client.get(INDEX)) == {
        "My drafts": 2,
        "Sent back to me": 1,
        "Assigned to me": 1,
        "Recently published": 1,
    }
    client.force_login(editor)
    assert desk(client.get(INDEX)) == {
        "My drafts": 0,
        "Sent back to me": 0,
        "Waiting for my review": 2,
        "Assigned to me": 1,
        "Recently published": 1,
    }


def test_each_line_links_to_the_claim_list_filtered_to_it(client, desk_claims):
    checker, _ = desk_claims
    client.force_login(checker)
    for line in client.get(INDEX).context["desk"]:
        listed = client.get(line["url"]).context["cl"]
        assert listed.result_count == line["count"], line["label"]
    assigned = client.get(f"{CLAIMS}?desk=assigned").context["cl"].result_list
    assert [claim.assigned_to for claim in assigned] == [checker]


def test_the_desk_runs_the_same_queries_for_few_and_many_claims(client, editor):
    client.force_login(editor)
    make_claim("draft", created_by=editor)
    client.get(INDEX)  # warm caches (content types, permissions)
    with CaptureQueriesContext(connection) as few:
        client.get(INDEX)
    for _ in range(15):
        make_claim("draft", created_by=editor)
        make_claim("in_review")
    with CaptureQueriesContext(connection) as many:
        response = client.get(INDEX)
    assert desk(response)["My drafts"] == 16
    assert len(many) == len(few)
    assert sum("claims_claim" in query["sql"] for query in many) == 1
