"""The editors' webhook pages: writes through the services, the log, test and redelivery."""

from __future__ import annotations

import pytest
from django.urls import reverse

from claims import services as claim_services
from claimtracker.writes import fixture_writes
from sync import services
from sync.chain import deliver_pending
from sync.models import WebhookDelivery, WebhookSubscription
from tests.factories import claim_in_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def test_an_editor_adds_a_subscription_through_the_service_and_sees_the_secret_once(
    editor_client, receiver, monkeypatch
):
    calls = []
    original = services.webhook_subscribe
    monkeypatch.setattr(
        services, "webhook_subscribe", lambda **kwargs: calls.append(kwargs) or original(**kwargs)
    )
    response = editor_client.post(
        reverse("admin:sync_webhooksubscription_add"),
        {"url": receiver.url, "events": ["claim.published"], "description": "CMS"},
        follow=True,
    )
    assert response.status_code == 200
    [subscription] = WebhookSubscription.objects.all()
    assert calls and calls[0]["url"] == receiver.url
    assert subscription.secret in response.content.decode()


def test_the_page_shows_the_delivery_log_and_its_buttons_work(
    editor_client, editor, second_editor, receiver
):
    subscription = services.webhook_subscribe(
        actor=editor, url=receiver.url, events=["claim.published"]
    )
    receiver.status = 500
    claim_services.claim_publish(claim=claim_in_status("in_review"), actor=second_editor)
    deliver_pending(subscription.pk)
    page = editor_client.get(
        reverse("admin:sync_webhooksubscription_change", args=[subscription.pk])
    )
    html = page.content.decode()
    assert "Send a test event" in html and "<td>500</td>" in html and "next retry" in html

    editor_client.post(reverse("admin:sync_webhooksubscription_send_test", args=[subscription.pk]))
    assert WebhookDelivery.objects.filter(subscription=subscription, is_test=True).exists()

    delivery = WebhookDelivery.objects.get(is_test=False)
    editor_client.post(
        reverse("admin:sync_webhookdelivery_changelist"),
        {"action": "redeliver", "_selected_action": [delivery.pk]},
    )
    assert WebhookDelivery.objects.filter(event=delivery.event).count() == 2


def test_a_disabled_subscription_is_announced_in_the_admin(
    editor_client, editor, receiver, settings
):
    subscription = services.webhook_subscribe(
        actor=editor, url=receiver.url, events=["claim.published"]
    )
    with fixture_writes("test data written by hand"):
        WebhookSubscription.objects.filter(pk=subscription.pk).update(
            is_active=False, disabled_reason="Disabled after 12 consecutive failed deliveries."
        )
    page = editor_client.get(reverse("admin:sync_webhooksubscription_changelist"))
    assert "is disabled: Disabled after 12 consecutive failed deliveries." in page.content.decode()
