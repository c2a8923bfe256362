"""The desk in the admin: the claim's thread, the notifications list and header count, the
claim's timeline in plain words."""

from __future__ import annotations

import pytest
from django.urls import reverse

from claims import services
from claims.models import ClaimNote, Rating
from notifications import services as notification_services
from notifications.models import Notification
from tests.factories import SourceFactory, TopicFactory
from tests.notifications.conftest import make_member

pytestmark = pytest.mark.django_db


def claim_page(claim) -> str:
    return reverse("admin:claims_claim_change", args=[claim.pk])


def timeline(claim) -> str:
    return reverse("admin:claims_claim_history", args=[claim.pk])


class TestThread:
    def test_the_claim_page_shows_the_thread_and_adds_a_note(
        self, client, claim_of, fact_checker, editor
    ):
        claim = claim_of("in_review", fact_checker)
        services.claim_request_changes(claim=claim, actor=editor, note="Cite the report.")
        client.force_login(fact_checker)
        page = client.get(claim_page(claim)).content.decode()
        assert 'id="claim-notes"' in page
        assert "Cite the report." in page
        response = client.post(
            reverse("admin:claims_claim_note_add", args=[claim.pk]),
            {"note-body": "Done, see the evidence."},
        )
        assert response.status_code == 302
        assert ClaimNote.objects.filter(claim=claim).last().body == "Done, see the evidence."
        assert "Done, see the evidence." in client.get(claim_page(claim)).content.decode()

    def test_an_empty_note_is_refused_with_a_message(self, client, claim_of, fact_checker):
        claim = claim_of("draft", fact_checker)
        client.force_login(fact_checker)
        response = client.post(
            reverse("admin:claims_claim_note_add", args=[claim.pk]), {"note-body": ""}, follow=True
        )
        assert "The note was not added" in response.content.decode()
        assert not ClaimNote.objects.exists()

    def test_adding_a_note_needs_post(self, client, claim_of, fact_checker):
        claim = claim_of("draft", fact_checker)
        client.force_login(fact_checker)
        assert (
            client.get(reverse("admin:claims_claim_note_add", args=[claim.pk])).status_code == 405
        )


class TestNotificationsPages:
    def test_the_header_counts_unread_notifications(self, client, claim_of, fact_checker, editor):
        claim = claim_of("in_review", fact_checker)
        services.claim_request_changes(claim=claim, actor=editor, note="Cite it.")
        client.force_login(fact_checker)
        page = client.get(reverse("admin:index")).content.decode()
        assert 'aria-label="Notifications: 1 unread"' in page
        client.force_login(editor)
        page = client.get(reverse("admin:index")).content.decode()
        assert 'aria-label="Notifications: 0 unread"' in page

    def test_the_list_shows_only_ones_own_newest_first_and_opens_the_claim(
        self, client, claim_of, fact_checker, editor
    ):
        first = claim_of("in_review", fact_checker)
        second = claim_of("in_review", fact_checker)
        services.claim_request_changes(claim=first, actor=editor, note="First note.")
        services.claim_request_changes(claim=second, actor=editor, note="Second note.")
        services.note_add(claim=first, actor=fact_checker, body="For the editor.")
        client.force_login(fact_checker)
        page = client.get(reverse("admin:notifications_notification_changelist")).content.decode()
        assert page.index("Second note.") < page.index("First note.")
        assert "For the editor." not in page
        mine = Notification.objects.get(recipient=fact_checker, claim=first)
        response = client.get(reverse("admin:notifications_notification_open", args=[mine.pk]))
        assert response.status_code == 302
        assert response["Location"] == claim_page(first)
        mine.refresh_from_db()
        assert mine.read_at is not None
        theirs = Notification.objects.get(recipient=editor)
        response = client.get(reverse("admin:notifications_notification_open", args=[theirs.pk]))
        assert response.status_code == 404
        theirs.refresh_from_db()
        assert theirs.read_at is None

    def test_mark_all_read(self, client, claim_of, fact_checker, editor):
        for _ in range(2):
            claim = claim_of("in_review", fact_checker)
            services.claim_request_changes(claim=claim, actor=editor, note="Fix.")
        services.claim_submit(claim=claim_of("draft", fact_checker), actor=fact_checker)
        client.force_login(fact_checker)
        url = reverse("admin:notifications_notification_mark_all_read")
        assert client.get(url).status_code == 405
        assert client.post(url).status_code == 302
        assert not Notification.objects.filter(recipient=fact_checker, read_at=None).exists()
        assert Notification.objects.filter(recipient=editor, read_at=None).exists()

    def test_mark_selected_as_read(self, client, claim_of, fact_checker, editor):
        claims = [claim_of("in_review", fact_checker) for _ in range(2)]
        for claim in claims:
            services.claim_request_changes(claim=claim, actor=editor, note="Fix.")
        chosen = Notification.objects.get(claim=claims[0])
        client.force_login(fact_checker)
        client.post(
            reverse("admin:notifications_notification_changelist"),
            {"action": "mark_read", "_selected_action": [chosen.pk]},
        )
        assert list(Notification.objects.filter(read_at__isnull=False)) == [chosen]


def edit_nine_times(claim, fact_checker, editor, topics=("Economy", "Health")):
    """Take a draft through nine versions by the services, as the admin would."""
    first, second = (TopicFactory(name=name) for name in topics)
    rating = Rating.objects.get(slug="mostly-false")
    services.claim_update(
        claim=claim, actor=fact_checker, expected_version=None, context="At a rally."
    )
    services.claim_update(claim=claim, actor=fact_checker, expected_version=None, topics=[first])
    services.claim_update(
        claim=claim,
        actor=fact_checker,
        expected_version=None,
        topics=[second],
        stated_on=claim.stated_on,
    )
    services.verdict_set(
        claim=claim,
        actor=fact_checker,
        expected_version=None,
        rating=rating,
        summary="Mostly wrong.",
        evidence=[
            services.EvidenceItem(
                source=SourceFactory(title="Statistics office"), stance="contradicts"
            )
        ],
    )
    services.claim_submit(claim=claim, actor=fact_checker)
    services.claim_request_changes(claim=claim, actor=editor, note="Cite the 2023 report.")
    services.claim_update(
        claim=claim, actor=fact_checker, expected_version=None, context="At a rally in May."
    )
    services.claim_resubmit(claim=claim, actor=fact_checker)


class TestTimeline:
    def test_the_editor_reads_the_timeline_in_plain_words(
        self, client, claim_of, fact_checker, editor
    ):
        claim = claim_of("draft", fact_checker)
        edit_nine_times(claim, fact_checker, editor)
        claim.refresh_from_db()
        assert claim.version == 9
        client.force_login(editor)
        response = client.get(timeline(claim))
        assert response.status_code == 200
        page = response.content.decode()
        assert "Fay Checker</strong> edited the claim" in page
        assert "Context</span> changed from “At a rally.” to “At a rally in May.”" in page
        assert "Verdict rating</span> changed from “False” to “Mostly false”" in page
        assert "Topic</span> added: “Economy”" in page
        assert "Topic</span> removed: “Economy”" in page
        assert "Evidence</span> added: “Statistics office (contradicts the claim)”" in page
        assert "Edna Editor</strong> sent it back, asking for changes" in page
        assert "Cite the 2023 report." in page
        assert "resubmitted it for review" in page
        for version in range(2, 10):
            assert f"version {version}<" in page, version
        assert '{"' not in page and "_id" not in page

    def test_fact_checkers_read_the_timeline_of_their_own_claims_only(
        self, client, claim_of, fact_checker, editor
    ):
        own = claim_of("draft", fact_checker)
        other = claim_of("draft", make_member("Fact-checkers"))
        client.force_login(fact_checker)
        assert client.get(timeline(own)).status_code == 200
        assert client.get(timeline(other)).status_code == 403
        assert f'href="{timeline(own)}"' in client.get(claim_page(own)).content.decode()
        assert f'href="{timeline(other)}"' not in client.get(claim_page(other)).content.decode()

    def test_the_claim_page_links_to_the_timeline_not_to_raw_events(
        self, client, claim_of, fact_checker
    ):
        claim = claim_of("draft", fact_checker)
        client.force_login(fact_checker)
        page = client.get(claim_page(claim)).content.decode()
        assert f'href="{timeline(claim)}"' in page
        assert "events-admin" not in page

    def test_the_timeline_costs_the_same_queries_whatever_its_length(
        self, client, claim_of, fact_checker, editor, django_assert_num_queries
    ):
        short = claim_of("draft", fact_checker)
        edit_nine_times(short, fact_checker, editor)
        long = claim_of("draft", fact_checker)
        edit_nine_times(long, fact_checker, editor, topics=("Energy", "Housing"))
        for number in range(20):  # twenty more versions, each a change of its own
            services.claim_update(
                claim=long, actor=fact_checker, expected_version=None, context=f"Take {number}."
            )
        assert long.history.count() > 2 * short.history.count()
        client.force_login(editor)
        client.get(timeline(short))  # warm the session and permission caches
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as few:
            assert client.get(timeline(short)).status_code == 200
        with django_assert_num_queries(len(few.captured_queries)):
            assert client.get(timeline(long)).status_code == 200


def test_the_list_filters_unread_notifications(client, claim_of, fact_checker, editor):
    claims = [claim_of("in_review", fact_checker) for _ in range(2)]
    services.claim_request_changes(claim=claims[0], actor=editor, note="Read this one.")
    services.claim_request_changes(claim=claims[1], actor=editor, note="Still unread.")
    notification_services.notifications_mark_read(
        actor=fact_checker, notification_ids=[Notification.objects.get(claim=claims[0]).pk]
    )
    client.force_login(fact_checker)
    page = client.get(
        reverse("admin:notifications_notification_changelist"), {"read": "no"}
    ).content.decode()
    assert "Still unread." in page and "Read this one." not in page
