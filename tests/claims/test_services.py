"""The workflow services: the full transition table, roles, and the business rules."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from claims import services
from claims.models import (
    ALLOWED_TRANSITIONS,
    CLAIM_TEXT_MAX_LENGTH,
    Claim,
    ClaimAction,
    ClaimEvent,
    Verdict,
)
from claimtracker.exceptions import Conflict
from claimtracker.writes import fixture_writes
from tests.factories import ClaimFactory, UserFactory, claim_in_status

pytestmark = pytest.mark.django_db

SERVICES = {
    ClaimAction.SUBMIT: services.claim_submit,
    ClaimAction.REQUEST_CHANGES: services.claim_request_changes,
    ClaimAction.RESUBMIT: services.claim_resubmit,
    ClaimAction.PUBLISH: services.claim_publish,
    ClaimAction.REJECT: services.claim_reject,
    ClaimAction.RETRACT: services.claim_retract,
}
NOTES = {"note": "Because."}


def member(group: str, **kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get(name=group))
    return user


def call(action: str, claim: Claim, actor) -> Claim:
    return SERVICES[action](claim=claim, actor=actor, **NOTES)


@pytest.mark.parametrize("status", Claim.Status.values)
@pytest.mark.parametrize("action", list(ALLOWED_TRANSITIONS))
def test_transition_table_is_enforced_for_every_status_and_action(status, action):
    claim = claim_in_status(status)
    editor = member("Editors")
    sources, target = ALLOWED_TRANSITIONS[action]
    if status in sources:
        moved = call(action, claim, editor)
        assert moved.status == target
        event = ClaimEvent.objects.get(claim=claim)
        assert (event.action, event.from_status, event.to_status) == (action, status, target)
        assert event.actor == editor
        assert moved.version == 2
    else:
        with pytest.raises(services.TransitionNotAllowed) as excinfo:
            call(action, claim, editor)
        assert status in str(excinfo.value)
        assert excinfo.value.allowed == [
            name for name, (starts, _) in ALLOWED_TRANSITIONS.items() if status in starts
        ]
        claim.refresh_from_db()
        assert claim.status == status
        assert not ClaimEvent.objects.exists()


@pytest.mark.parametrize(
    ("action", "start", "checker_may"),
    [
        (ClaimAction.SUBMIT, "draft", True),
        (ClaimAction.RESUBMIT, "changes_requested", True),
        (ClaimAction.REQUEST_CHANGES, "in_review", False),
        (ClaimAction.REJECT, "in_review", False),
        (ClaimAction.PUBLISH, "in_review", False),
        (ClaimAction.RETRACT, "published", False),
    ],
)
def test_roles(action, start, checker_may):
    checker = member("Fact-checkers")
    claim = claim_in_status(start)
    if checker_may:
        assert call(action, claim, checker).status == ALLOWED_TRANSITIONS[action][1]
    else:
        with pytest.raises(PermissionDenied):
            call(action, claim, checker)
        claim.refresh_from_db()
        assert claim.status == start


def test_users_without_a_role_and_inactive_editors_cannot_act():
    claim = claim_in_status("draft")
    for actor in [UserFactory(), member("Editors", is_active=False)]:
        with pytest.raises(PermissionDenied):
            services.claim_submit(claim=claim, actor=actor)


def test_submit_lists_everything_missing_at_once():
    claim = ClaimFactory(speaker=None, stated_on=None)
    with pytest.raises(ValidationError) as excinfo:
        services.claim_submit(claim=claim, actor=member("Fact-checkers"))
    problems = excinfo.value.message_dict["claim"]
    assert len(problems) == 4
    assert any("speaker" in problem for problem in problems)
    assert any("stated_on" in problem for problem in problems)
    assert any("appearance" in problem for problem in problems)
    assert any("verdict" in problem for problem in problems)


def test_submit_names_each_missing_part_of_the_verdict():
    claim = claim_in_status("draft")
    with fixture_writes("a verdict with nothing in it"):
        Verdict.objects.filter(claim=claim).update(rating=None, summary="")
        claim.verdict.evidence.all().delete()
    with pytest.raises(ValidationError) as excinfo:
        services.claim_submit(claim=claim, actor=member("Fact-checkers"))
    problems = " ".join(excinfo.value.message_dict["claim"])
    assert "rating" in problems and "summary" in problems and "evidence" in problems


def test_author_cannot_publish_own_verdict():
    editor = member("Editors")
    claim = claim_in_status("in_review")
    with fixture_writes("the editor wrote the verdict"):
        Verdict.objects.filter(claim=claim).update(author=editor)
    with pytest.raises(PermissionDenied, match="Four eyes"):
        services.claim_publish(claim=claim, actor=editor)
    claim.refresh_from_db()
    assert claim.status == "in_review"
    published = services.claim_publish(claim=claim, actor=member("Editors"))
    assert published.status == "published"


def test_publish_stamps_the_claim_and_the_verdict():
    editor = member("Editors")
    claim = claim_in_status("in_review")
    before = timezone.now()
    published = services.claim_publish(claim=claim, actor=editor)
    assert published.published_at >= before
    verdict = Verdict.objects.get(claim=claim)
    assert verdict.reviewer == editor
    assert verdict.version == 2


@pytest.mark.parametrize(
    ("action", "start"),
    [
        (ClaimAction.REQUEST_CHANGES, "in_review"),
        (ClaimAction.REJECT, "in_review"),
        (ClaimAction.RETRACT, "published"),
    ],
)
def test_note_is_required_where_the_reason_matters(action, start):
    claim = claim_in_status(start)
    with pytest.raises(ValidationError) as excinfo:
        SERVICES[action](claim=claim, actor=member("Editors"), note="   ")
    assert "note" in excinfo.value.message_dict
    claim.refresh_from_db()
    assert claim.status == start


def test_system_jobs_act_without_an_actor():
    claim = claim_in_status("in_review")
    assert services.claim_publish(claim=claim, actor=None).status == "published"
    assert ClaimEvent.objects.get(claim=claim).actor is None


@pytest.mark.parametrize("status", [Claim.Status.PUBLISHED, Claim.Status.REJECTED])
def test_a_verdict_is_not_rewritten_once_its_claim_is_out_of_work(status):
    claim = claim_in_status(status)
    editor = UserFactory(is_superuser=True)
    with pytest.raises(Conflict, match="use a correction"):
        services.verdict_set(
            claim=claim, actor=editor, expected_version=None, rating=None, summary="New."
        )
    assert Claim.objects.get(pk=claim.pk).version == claim.version


def test_an_edit_checks_the_fields_it_changes_and_only_the_constraints_over_them():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    claim = ClaimFactory(status=Claim.Status.DRAFT)
    fact_checker = member("Fact-checkers")
    with pytest.raises(ValidationError) as refused:
        services.claim_update(
            claim=claim,
            actor=fact_checker,
            expected_version=None,
            context="x" * (CLAIM_TEXT_MAX_LENGTH + 1),
        )
    assert "context" in str(refused.value)
    with CaptureQueriesContext(connection) as queries:
        services.claim_update(
            claim=claim, actor=fact_checker, expected_version=None, context="Said on air."
        )
    checks = [query["sql"] for query in queries.captured_queries if "_check" in query["sql"]]
    assert len(checks) == 1 and "Said on air." in checks[0]
    claim.refresh_from_db()
    assert claim.context == "Said on air."
