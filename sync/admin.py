"""The editors' webhook pages: subscriptions, their delivery log, test and redelivery."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from sync import services
from sync.models import (
    ChangeEvent,
    ChangeType,
    DeliveryAttempt,
    WebhookDelivery,
    WebhookSubscription,
)

RECENT_ATTEMPTS = 25


class WebhookSubscriptionForm(forms.ModelForm):
    events = forms.MultipleChoiceField(
        choices=ChangeType.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = WebhookSubscription
        fields = ["url", "events", "description", "is_active"]


def _report(request, modeladmin, call) -> bool:
    """Run a service; show its domain error to the editor instead of a 500."""
    try:
        call()
    except (ValidationError, PermissionDenied) as error:
        text = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        modeladmin.message_user(request, text, messages.ERROR)
        return False
    return True


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(admin.ModelAdmin):
    form = WebhookSubscriptionForm
    change_form_template = "admin/sync/webhooksubscription/change_form.html"
    list_display = ["__str__", "url", "event_types", "state", "consecutive_failures", "created_at"]
    list_filter = ["is_active"]
    readonly_fields = [
        "state",
        "consecutive_failures",
        "failing_since",
        "disabled_at",
        "disabled_reason",
        "created_by",
        "created_at",
        "delivery_log",
    ]
    actions = ["send_test_event", "enable"]

    @admin.display(description="events")
    def event_types(self, subscription: WebhookSubscription) -> str:
        return ", ".join(subscription.events)

    @admin.display(description="state")
    def state(self, subscription: WebhookSubscription) -> str:
        if not subscription.is_active:
            return "disabled (failing)" if subscription.failing_since else "disabled"
        return "failing" if subscription.failing_since else "active"

    @admin.display(description="delivery log (most recent attempts)")
    def delivery_log(self, subscription: WebhookSubscription) -> str:
        if subscription.pk is None:
            return "—"
        attempts = (
            DeliveryAttempt.objects.filter(subscription=subscription)
            .select_related("delivery")
            .order_by("-id")[:RECENT_ATTEMPTS]
        )
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{} ms</td><td>{}</td>"
            "<td>{}</td></tr>",
            (
                (
                    attempt.at.strftime("%Y-%m-%d %H:%M:%S"),
                    attempt.delivery.message_id,
                    attempt.number,
                    attempt.status_code or "—",
                    attempt.duration_ms,
                    attempt.next_retry_at.strftime("%Y-%m-%d %H:%M:%S")
                    if attempt.next_retry_at
                    else "—",
                    attempt.error or attempt.response_excerpt[:200],
                )
                for attempt in attempts
            ),
        )
        log_url = reverse("admin:sync_deliveryattempt_changelist")
        return format_html(
            "<table><tr><th>at</th><th>event (webhook-id)</th><th>attempt</th><th>status</th>"
            "<th>duration</th><th>next retry</th><th>error or response</th></tr>{}</table>"
            '<p><a href="{}?subscription__id__exact={}">Whole delivery log</a></p>',
            rows,
            log_url,
            subscription.pk,
        )

    def changelist_view(self, request, extra_context=None):
        self._warn_disabled(request, WebhookSubscription.objects.all())
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            self._warn_disabled(request, WebhookSubscription.objects.filter(pk=object_id))
        return super().change_view(request, object_id, form_url, extra_context)

    def _warn_disabled(self, request, subscriptions) -> None:
        for subscription in subscriptions.filter(is_active=False).exclude(disabled_reason=""):
            self.message_user(
                request,
                f"Webhook “{subscription}” is disabled: {subscription.disabled_reason} "
                "Fix the receiver, then re-enable it; what was pending is sent then.",
                messages.WARNING,
            )

    def save_model(self, request, subscription, form, change) -> None:
        data = form.cleaned_data
        if change:
            services.webhook_update(
                actor=request.user,
                subscription=subscription,
                url=data["url"],
                events=data["events"],
                description=data["description"],
                is_active=data["is_active"],
            )
            return
        created = services.webhook_subscribe(
            actor=request.user,
            url=data["url"],
            events=data["events"],
            description=data["description"],
        )
        subscription.pk = created.pk
        self.message_user(
            request,
            f"The signing secret of this subscription is {created.secret} — copy it now: it is "
            "shown only once.",
            messages.WARNING,
        )

    def delete_model(self, request, subscription) -> None:
        services.webhook_unsubscribe(actor=request.user, subscription=subscription)

    def delete_queryset(self, request, queryset) -> None:
        for subscription in queryset:
            services.webhook_unsubscribe(actor=request.user, subscription=subscription)

    @admin.action(description="Send a test event", permissions=["change"])
    def send_test_event(self, request, queryset) -> None:
        for subscription in queryset:
            if _report(
                request,
                self,
                lambda s=subscription: services.webhook_send_test(
                    actor=request.user, subscription=s
                ),
            ):
                self.message_user(request, f"A test event is on its way to “{subscription}”.")

    @admin.action(description="Re-enable (send what is pending)", permissions=["change"])
    def enable(self, request, queryset) -> None:
        for subscription in queryset:
            if _report(
                request,
                self,
                lambda s=subscription: services.webhook_enable(actor=request.user, subscription=s),
            ):
                self.message_user(request, f"“{subscription}” is enabled again.")

    # The buttons on the subscription's page (POST forms in change_form.html).
    def get_urls(self):
        return [
            path(
                "<int:pk>/send-test/",
                self.admin_site.admin_view(self._button(self.send_test_event)),
                name="sync_webhooksubscription_send_test",
            ),
            path(
                "<int:pk>/enable/",
                self.admin_site.admin_view(self._button(self.enable)),
                name="sync_webhooksubscription_enable",
            ),
            *super().get_urls(),
        ]

    def _button(self, action):
        def view(request, pk: int):
            subscription = get_object_or_404(WebhookSubscription, pk=pk)
            if request.method != "POST" or not self.has_change_permission(request, subscription):
                raise PermissionDenied
            action(request, WebhookSubscription.objects.filter(pk=subscription.pk))
            return HttpResponseRedirect(
                reverse("admin:sync_webhooksubscription_change", args=[subscription.pk])
            )

        return view


class ReadOnlyAdmin(admin.ModelAdmin):
    """A log: nothing here is added, edited or deleted by hand."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadOnlyAdmin):
    list_display = [
        "id",
        "message_id",
        "subscription",
        "event",
        "status",
        "attempts",
        "next_attempt_at",
        "delivered_at",
    ]
    list_filter = ["status", "subscription"]
    list_select_related = ["subscription", "event"]
    actions = ["redeliver"]

    @admin.action(description="Redeliver (same webhook-id)")
    def redeliver(self, request, queryset) -> None:
        for delivery in queryset:
            if _report(
                request,
                self,
                lambda d=delivery: services.webhook_redeliver(actor=request.user, delivery=d),
            ):
                self.message_user(request, f"{delivery.message_id} will be sent again.")

    def has_redeliver_permission(self, request) -> bool:
        return request.user.has_perm("sync.change_webhooksubscription")

    redeliver.allowed_permissions = ["redeliver"]


@admin.register(DeliveryAttempt)
class DeliveryAttemptAdmin(ReadOnlyAdmin):
    list_display = [
        "at",
        "subscription",
        "message_id",
        "number",
        "status_code",
        "duration_ms",
        "next_retry_at",
        "error",
    ]
    list_filter = ["subscription"]
    list_select_related = ["subscription", "delivery"]

    @admin.display(description="event (webhook-id)")
    def message_id(self, attempt: DeliveryAttempt) -> str:
        return attempt.delivery.message_id


@admin.register(ChangeEvent)
class ChangeEventAdmin(ReadOnlyAdmin):
    list_display = ["id", "type", "at", "claim_id", "old_rating", "new_rating", "note"]
    list_filter = ["type"]
