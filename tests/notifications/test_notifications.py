"""Who is told of each step on a claim, never the actor, and how (rows now, e-mail after commit)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import connection, transaction
from procrastinate.contrib.django import app

from claims import services
from notifications.models import Notification
from tests.notifications.conftest import make_member


def told(kind: str | None = None) -> list[tuple[int, str]]:
    rows = Notification.objects.order_by("recipient_id")
    if kind:
        rows = rows.filter(kind=kind)
    return list(rows.values_list("recipient_id", "kind"))


def queued_email_jobs() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM procrastinate_jobs WHERE task_name = 'notifications.send_emails'"
        )
        return cursor.fetchone()[0]


@pytest.mark.django_db
class TestWhoIsTold:
    def test_submitting_tells_the_editors(self, claim_of, fact_checker, editor, second_editor):
        claim = claim_of("draft", fact_checker)
        services.claim_submit(claim=claim, actor=fact_checker)
        assert told() == sorted([(editor.pk, "submitted"), (second_editor.pk, "submitted")])
        text = Notification.objects.get(recipient=editor).text
        assert text.startswith("Fay Checker submitted “")

    def test_an_editor_who_submits_is_not_told(self, claim_of, editor, second_editor):
        claim = claim_of("draft", editor)
        services.claim_submit(claim=claim, actor=editor)
        assert told() == [(second_editor.pk, "submitted")]

    def test_a_change_request_tells_the_fact_checker_with_the_note(
        self, claim_of, fact_checker, editor
    ):
        claim = claim_of("in_review", fact_checker)
        services.claim_request_changes(claim=claim, actor=editor, note="Cite the report.")
        assert told() == [(fact_checker.pk, "changes_requested")]
        notification = Notification.objects.get()
        assert notification.actor == editor
        assert "Edna Editor sent “" in notification.text
        assert notification.text.endswith("back to you: Cite the report.")

    def test_publishing_tells_the_author_and_contributors(
        self, claim_of, fact_checker, editor, second_editor
    ):
        claim = claim_of("in_review", fact_checker)
        helper = make_member("Fact-checkers")
        services.verdict_set(
            claim=claim,
            actor=helper,
            expected_version=None,
            rating=claim.verdict.rating,
            summary="A better summary.",
            evidence=None,
        )
        services.claim_publish(claim=claim, actor=editor)
        assert told("published") == sorted(
            [(fact_checker.pk, "published"), (helper.pk, "published")]
        )

    def test_assignment_tells_the_assignee_once(self, claim_of, fact_checker, editor):
        claim = claim_of("draft", editor)
        services.claim_update(
            claim=claim, actor=editor, expected_version=None, assigned_to=fact_checker
        )
        services.claim_update(
            claim=claim, actor=editor, expected_version=None, assigned_to=fact_checker
        )
        assert told() == [(fact_checker.pk, "assigned")]
        assert "Edna Editor assigned “" in Notification.objects.get().text

    def test_assigning_oneself_tells_nobody(self, claim_of, fact_checker):
        claim = claim_of("draft", None)
        services.claim_update(
            claim=claim, actor=fact_checker, expected_version=None, assigned_to=fact_checker
        )
        assert told() == []

    def test_a_note_tells_the_other_participants(self, claim_of, fact_checker, editor):
        claim = claim_of("in_review", fact_checker)
        services.claim_request_changes(claim=claim, actor=editor, note="Cite it.")
        services.note_add(claim=claim, actor=fact_checker, body="Which one?")
        assert told("note") == [(editor.pk, "note")]
        services.note_add(claim=claim, actor=editor, body="The 2023 one.")
        assert told("note") == sorted([(editor.pk, "note"), (fact_checker.pk, "note")])
        assert Notification.objects.filter(recipient=fact_checker, kind="note").get().text == (
            f"Edna Editor wrote a note on “{claim}”: The 2023 one."
        )


@pytest.mark.django_db
def test_notifications_and_their_email_job_are_written_with_the_step(
    claim_of, fact_checker, editor
):
    claim = claim_of("in_review", fact_checker)
    services.claim_request_changes(claim=claim, actor=editor, note="Cite it.")
    assert queued_email_jobs() == 1


@pytest.mark.django_db
def test_people_without_an_email_address_get_no_email_job(claim_of, editor):
    author = make_member("Fact-checkers", email="")
    claim = claim_of("in_review", author)
    services.claim_request_changes(claim=claim, actor=editor, note="Cite it.")
    assert told() == [(author.pk, "changes_requested")]
    assert queued_email_jobs() == 0


def run_worker() -> None:
    """A real worker, until no job is left (what `manage.py procrastinate worker` runs)."""
    with app.replace_connector(app.connector.get_worker_connector()):
        app.run_worker(wait=False, install_signal_handlers=False, listen_notify=False)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
class TestEmails:
    def test_a_rolled_back_step_sends_nothing(self, claim_of, fact_checker, editor):
        claim = claim_of("in_review", fact_checker)
        with pytest.raises(RuntimeError), transaction.atomic():
            services.claim_request_changes(claim=claim, actor=editor, note="Cite it.")
            raise RuntimeError("the request failed after the step")
        run_worker()
        assert mail.outbox == []
        assert told() == []

    def test_a_committed_step_sends_one_email_per_recipient(self, claim_of, fact_checker):
        editors = [make_member("Editors") for _ in range(2)]
        silent = make_member("Editors", email="")
        claim = claim_of("draft", fact_checker)
        services.claim_submit(claim=claim, actor=fact_checker)
        assert mail.outbox == []  # sent by the worker, after commit
        run_worker()
        run_worker()  # a second run finds nothing left to send
        assert sorted(message.to[0] for message in mail.outbox) == sorted(
            user.email for user in editors
        )
        message = mail.outbox[0]
        assert "submitted" in message.subject
        assert f"/admin/claims/claim/{claim.pk}/change/" in message.body
        assert Notification.objects.filter(recipient=silent).exists()
        assert (
            not Notification.objects.filter(emailed_at__isnull=True)
            .exclude(recipient__email="")
            .exists()
        )


@pytest.mark.django_db
def test_an_inactive_user_is_not_told(claim_of, fact_checker):
    gone = make_member("Editors", is_active=False)
    claim = claim_of("draft", fact_checker)
    services.claim_submit(claim=claim, actor=fact_checker)
    assert not Notification.objects.filter(recipient=gone).exists()
