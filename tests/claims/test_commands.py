"""Management commands: demo users and publish_claims (a dry run unless told otherwise)."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from claims.models import Claim, ClaimEvent
from tests.factories import UserFactory, claim_in_status

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=out)
    return out.getvalue()


def test_demo_users_have_their_roles_and_the_given_password(settings, monkeypatch, tmp_path):
    settings.DEBUG = True
    monkeypatch.setenv("DEMO_PASSWORD", "a demo password")
    run("load_demo", "--system", "--commit")
    User = get_user_model()
    for username, group in [
        ("checker", "Fact-checkers"),
        ("editor", "Editors"),
        ("editor2", "Editors"),
    ]:
        user = User.objects.get(username=username)
        assert user.check_password("a demo password")
        assert user.is_staff and not user.is_superuser
        assert list(user.groups.values_list("name", flat=True)) == [group]


def test_generated_demo_password_is_shown_once(settings, monkeypatch, tmp_path):
    from claims.management.commands import load_demo

    settings.DEBUG = True
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    monkeypatch.setattr(load_demo, "PASSWORD_FILE", tmp_path / "demo-password")
    first = run("load_demo", "--system", "--commit")
    password = (tmp_path / "demo-password").read_text().strip()
    assert password in first
    assert get_user_model().objects.get(username="editor").check_password(password)
    second = run("load_demo", "--system", "--commit")
    assert password not in second
    assert "already exist" in second


def test_no_demo_users_when_debug_is_off(settings, monkeypatch):
    settings.DEBUG = False
    monkeypatch.setenv("DEMO_PASSWORD", "a demo password")
    output = run("load_demo", "--system", "--commit")
    assert "no demo users" in output
    assert not get_user_model().objects.filter(username__in=["checker", "editor"]).exists()


@pytest.fixture
def editor():
    user = UserFactory(username="editor")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def test_publish_claims_is_a_dry_run_by_default(editor):
    claim = claim_in_status("in_review")
    output = run("publish_claims", str(claim.pk), "--as", "editor")
    assert "Dry run" in output
    assert Claim.objects.get(pk=claim.pk).status == "in_review"


def test_publish_claims_commits_through_the_service(editor):
    claims = [claim_in_status("in_review"), claim_in_status("in_review")]
    run("publish_claims", "--all-in-review", "--as", "editor", "--commit")
    for claim in claims:
        assert Claim.objects.get(pk=claim.pk).status == "published"
        assert ClaimEvent.objects.get(claim=claim, action="publish").actor == editor


def test_publish_claims_reports_refusals_and_fails(editor):
    in_review, draft = claim_in_status("in_review"), claim_in_status("draft")
    with pytest.raises(CommandError, match="1 claim"):
        run("publish_claims", str(in_review.pk), str(draft.pk), "--as", "editor", "--commit")
    assert Claim.objects.get(pk=in_review.pk).status == "published"
    assert Claim.objects.get(pk=draft.pk).status == "draft"


def test_publish_claims_refuses_a_user_without_the_role():
    UserFactory(username="visitor")
    claim = claim_in_status("in_review")
    with pytest.raises(CommandError):
        run("publish_claims", str(claim.pk), "--as", "visitor", "--commit")
    assert Claim.objects.get(pk=claim.pk).status == "in_review"


def test_publish_claims_names_unknown_ids(editor):
    with pytest.raises(CommandError, match="999999"):
        run("publish_claims", "999999", "--as", "editor")


def test_publish_claims_dry_run_refuses_what_the_real_run_refuses():
    checker = UserFactory(username="checker")
    checker.groups.add(Group.objects.get(name="Fact-checkers"))
    claim = claim_in_status("in_review")
    # A fact-checker may not publish: the dry run says so, as the real run does.
    with pytest.raises(CommandError, match="would not be published"):
        run("publish_claims", str(claim.pk), "--as", "checker")
    with pytest.raises(CommandError, match="not published"):
        run("publish_claims", str(claim.pk), "--as", "checker", "--commit")
    assert Claim.objects.get(pk=claim.pk).status == "in_review"


def test_publish_claims_dry_run_reports_what_would_happen_and_changes_nothing(editor):
    claim = claim_in_status("in_review")
    output = run("publish_claims", str(claim.pk), "--as", "editor")
    assert f"Would publish #{claim.pk}" in output
    assert Claim.objects.get(pk=claim.pk).status == "in_review"
    assert not ClaimEvent.objects.filter(claim=claim).exists()


@pytest.mark.parametrize(
    "command",
    [["publish_claims", "--all-in-review"], ["load_demo"], ["import_claimreview", "-"]],
)
def test_a_command_that_writes_needs_a_user_or_system(command):
    with pytest.raises(CommandError, match="one of the arguments --as --system is required"):
        run(*command)


def test_a_system_run_is_recorded_as_such_in_the_audit_trail():
    claim = claim_in_status("in_review")
    run("publish_claims", str(claim.pk), "--system", "--commit")
    context = claim.history.order_by("pgh_id").last().pgh_context
    assert context.metadata["command"] == "publish_claims"
    assert context.metadata["system"] is True
    assert context.metadata.get("user") is None


def test_load_demo_dry_run_changes_nothing():
    output = run("load_demo", "--system")
    assert "Dry run: would load" in output
    assert not Claim.objects.exists()
