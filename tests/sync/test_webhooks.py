"""Webhooks: subscriptions through the API, signed deliveries in order, retries, SSRF."""

from __future__ import annotations

import datetime as dt
import itertools
import socket

import pytest
from django.db import connection, transaction
from rest_framework.test import APIClient
from standardwebhooks import Webhook

from claims import services as claim_services
from sync import services
from sync.chain import deliver_pending
from sync.models import ChangeEvent, DeliveryAttempt, WebhookDelivery, WebhookSubscription
from tests.factories import UserFactory, claim_in_status

pytestmark = pytest.mark.django_db

URL = "/api/v1/webhooks/"


def signed_in(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def subscribe(editor, url, events=("claim.published", "claim.corrected", "claim.retracted")):
    return services.webhook_subscribe(actor=editor, url=url, events=list(events))


def jobs_for(subscription) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM procrastinate_jobs WHERE queueing_lock = %s",
            [f"sync.webhooks:{subscription.pk}"],
        )
        return cursor.fetchone()[0]


# --- The API ----------------------------------------------------------------------------------


def test_an_editor_subscribes_and_sees_the_secret_once(editor, receiver):
    client = signed_in(editor)
    response = client.post(
        URL,
        {"url": receiver.url, "events": ["claim.published"], "description": "Our CMS"},
    )
    assert response.status_code == 201
    body = response.json()
    assert body["secret"].startswith("whsec_")
    assert body["events"] == ["claim.published"] and body["description"] == "Our CMS"
    listed = client.get(URL).json()["results"]
    assert [item["id"] for item in listed] == [body["id"]]
    assert "secret" not in listed[0]
    assert "secret" not in client.get(f"{URL}{body['id']}/").json()
    assert client.delete(f"{URL}{body['id']}/").status_code == 204
    assert not WebhookSubscription.objects.exists()


def test_anonymous_clients_and_fact_checkers_cannot_manage_webhooks(db):
    assert APIClient().get(URL).status_code == 401
    checker = UserFactory(is_staff=True)
    from django.contrib.auth.models import Group

    checker.groups.add(Group.objects.get(name="Fact-checkers"))
    assert signed_in(checker).get(URL).status_code == 403
    response = signed_in(checker).post(
        URL, {"url": "https://hooks.example.org/", "events": ["claim.published"]}
    )
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"url": "http://203.0.113.9/hook", "events": ["claim.published"]}, "url"),
        ({"url": "https://127.0.0.1/hook", "events": ["claim.published"]}, "url"),
        ({"url": "https://10.1.2.3/hook", "events": ["claim.published"]}, "url"),
        ({"url": "https://[::1]/hook", "events": ["claim.published"]}, "url"),
        ({"url": "https://169.254.169.254/latest", "events": ["claim.published"]}, "url"),
        ({"url": "https://203.0.113.9/hook", "events": ["claim.deleted"]}, "events"),
        ({"url": "https://203.0.113.9/hook", "events": []}, "events"),
        ({"events": ["claim.published"]}, "url"),
    ],
)
def test_a_bad_subscription_is_a_400_naming_the_field(editor, settings, body, field):
    settings.WEBHOOK_ALLOW_PRIVATE = False
    response = signed_in(editor).post(URL, body)
    assert response.status_code == 400
    assert field in response.json()
    assert not WebhookSubscription.objects.exists()


# --- Deliveries -------------------------------------------------------------------------------


def test_a_publication_is_delivered_signed_with_the_event_id(editor, second_editor, receiver):
    subscription = subscribe(editor, receiver.url)
    claim = claim_in_status("in_review")
    claim_services.claim_publish(claim=claim, actor=second_editor)
    event = ChangeEvent.objects.get()
    # The delivery and its job were written with the change.
    assert WebhookDelivery.objects.filter(subscription=subscription, event=event).exists()
    assert jobs_for(subscription) == 1

    deliver_pending(subscription.pk)

    [request] = receiver.requests
    headers = request["headers"]
    assert headers["webhook-id"] == str(event.pk)
    Webhook(subscription.secret).verify(request["body"], headers)  # raises if the signature is bad
    body = receiver.bodies()[0]
    assert body["id"] == event.pk and body["type"] == "claim.published"
    assert body["url"] == f"http://127.0.0.1:8000/api/v1/claims/{claim.pk}/"
    attempt = DeliveryAttempt.objects.get()
    assert attempt.status_code == 200
    assert len(attempt.response_excerpt) == 1024  # the receiver sent 5,000 bytes
    assert WebhookDelivery.objects.get().status == "delivered"


def test_a_rolled_back_change_queues_nothing(editor, second_editor, receiver):
    subscription = subscribe(editor, receiver.url)
    with pytest.raises(RuntimeError), transaction.atomic():
        claim_services.claim_publish(claim=claim_in_status("in_review"), actor=second_editor)
        raise RuntimeError("failed after the service")
    assert not WebhookDelivery.objects.exists()
    assert jobs_for(subscription) == 0


def test_only_the_subscribed_types_are_delivered(editor, second_editor, receiver):
    subscription = subscribe(editor, receiver.url, events=["claim.retracted"])
    claim = claim_in_status("in_review")
    claim_services.claim_publish(claim=claim, actor=second_editor)
    claim_services.claim_retract(claim=claim, actor=second_editor, note="Withdrawn.")
    deliver_pending(subscription.pk)
    assert [body["type"] for body in receiver.bodies()] == ["claim.retracted"]


def test_a_failing_receiver_holds_the_order_and_catches_up(
    editor, second_editor, receiver, settings
):
    settings.WEBHOOK_RETRY_BASE_SECONDS = 0
    subscription = subscribe(editor, receiver.url)
    claims = [claim_in_status("in_review") for _ in range(3)]
    receiver.status = 500
    for claim in claims:
        claim_services.claim_publish(claim=claim, actor=second_editor)
    deliver_pending(subscription.pk)
    # The first failed; the others wait behind it, so the receiver never sees them out of order.
    assert len(receiver.requests) == 1
    failed = DeliveryAttempt.objects.get()
    assert failed.status_code == 500 and failed.next_retry_at is not None
    subscription.refresh_from_db()
    assert subscription.consecutive_failures == 1 and subscription.failing_since

    receiver.status = 204
    deliver_pending(subscription.pk)
    ids = [int(request["headers"]["webhook-id"]) for request in receiver.requests]
    events = list(ChangeEvent.objects.order_by("id").values_list("id", flat=True))
    assert ids == [events[0], *events]  # the first twice (at least once), then in order
    subscription.refresh_from_db()
    assert subscription.consecutive_failures == 0 and subscription.failing_since is None


def test_consecutive_failures_disable_the_subscription(editor, second_editor, receiver, settings):
    settings.WEBHOOK_RETRY_BASE_SECONDS = 0
    settings.WEBHOOK_FAILURES_BEFORE_DISABLE = 3
    subscription = subscribe(editor, receiver.url)
    receiver.status = 503
    claim_services.claim_publish(claim=claim_in_status("in_review"), actor=second_editor)
    for _ in range(5):
        deliver_pending(subscription.pk)
    assert len(receiver.requests) == 3
    subscription.refresh_from_db()
    assert not subscription.is_active
    assert "3 consecutive failed deliveries" in subscription.disabled_reason
    # Disabled: new events are not queued for it; re-enabling sends what was pending.
    receiver.status = 200
    services.webhook_enable(actor=editor, subscription=subscription)
    deliver_pending(subscription.pk)
    assert len(receiver.requests) == 4
    assert WebhookDelivery.objects.get().status == "delivered"


def test_retries_back_off_exponentially_for_about_a_day(settings):
    settings.WEBHOOK_RETRY_BASE_SECONDS = 40
    settings.WEBHOOK_RETRY_MAX_SECONDS = 43200
    settings.WEBHOOK_FAILURES_BEFORE_DISABLE = 12
    delays = [services.retry_delay(n).total_seconds() for n in range(1, 13)]
    assert 30 <= delays[0] <= 50
    # Doubling, with at most ±25 % jitter: each of the first retries waits longer than the last.
    assert all(later > earlier for earlier, later in itertools.pairwise(delays[:4]))
    total = sum(delays[: settings.WEBHOOK_FAILURES_BEFORE_DISABLE - 1])
    assert 15 * 3600 <= total <= 30 * 3600


def test_a_test_event_and_a_redelivery_keep_their_webhook_id(editor, second_editor, receiver):
    subscription = subscribe(editor, receiver.url)
    claim_services.claim_publish(claim=claim_in_status("in_review"), actor=second_editor)
    deliver_pending(subscription.pk)
    services.webhook_redeliver(actor=editor, delivery=WebhookDelivery.objects.get())
    test = services.webhook_send_test(actor=editor, subscription=subscription)
    deliver_pending(subscription.pk)
    ids = [request["headers"]["webhook-id"] for request in receiver.requests]
    event_id = str(ChangeEvent.objects.get().pk)
    assert ids == [event_id, event_id, f"test_{test.pk}"]
    assert receiver.bodies()[2]["type"] == "webhook.test"


def test_the_address_is_checked_again_at_every_delivery(
    editor, second_editor, receiver, settings, monkeypatch
):
    """DNS rebinding: a host that was public when subscribed and is private when delivered."""
    settings.WEBHOOK_ALLOW_PRIVATE = False
    real_getaddrinfo = socket.getaddrinfo
    answers = {"hooks.example.org": "93.184.216.34"}

    def fake_getaddrinfo(host, port, *args, **kwargs):
        if host in answers:
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (answers[host], port))]
        return real_getaddrinfo(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake_getaddrinfo)
    subscription = subscribe(editor, "https://hooks.example.org/hook")
    answers["hooks.example.org"] = "127.0.0.1"
    claim_services.claim_publish(claim=claim_in_status("in_review"), actor=second_editor)
    deliver_pending(subscription.pk)
    attempt = DeliveryAttempt.objects.get()
    assert attempt.status_code is None
    assert "non-public address (127.0.0.1)" in attempt.error
    assert receiver.requests == []


def test_a_slow_receiver_is_cut_off_at_the_timeout(editor, second_editor, settings):
    settings.WEBHOOK_ALLOW_PRIVATE = True
    settings.WEBHOOK_TIMEOUT_SECONDS = 1
    with socket.socket() as silent:  # accepts connections, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/"
        subscription = subscribe(editor, url)
        claim_services.claim_publish(claim=claim_in_status("in_review"), actor=second_editor)
        started = dt.datetime.now()
        deliver_pending(subscription.pk)
        assert (dt.datetime.now() - started).total_seconds() < 5
    attempt = DeliveryAttempt.objects.get()
    assert attempt.status_code is None and "Timed out" in attempt.error
