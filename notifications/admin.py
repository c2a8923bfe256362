"""Notifications in the admin: each user's own list, newest first, and the header's count."""

from __future__ import annotations

from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html

from claimtracker.admin import ReadOnlyAdminMixin
from notifications import services
from notifications.models import Notification


class ReadFilter(admin.SimpleListFilter):
    """Unread or read notifications."""

    title = "status"
    parameter_name = "read"

    def lookups(self, request, model_admin):
        return [("no", "Unread"), ("yes", "Read")]

    def queryset(self, request, queryset):
        if self.value() in ("no", "yes"):
            return queryset.filter(read_at__isnull=self.value() == "no")
        return queryset


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Every staff user's own notifications; opening one marks it read and shows the claim."""

    list_display = ["message", "kind", "created_at", "read"]
    list_display_links = None
    list_filter = [ReadFilter, "kind"]
    list_per_page = 50
    actions = ["mark_read"]

    # Every member of the newsroom has notifications; each sees only their own (get_queryset).
    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return self.has_module_permission(request) and (
            obj is None or obj.recipient_id == request.user.pk
        )

    def get_queryset(self, request: HttpRequest):
        return (
            super()
            .get_queryset(request)
            .filter(recipient=request.user)
            .select_related("claim", "actor")
        )

    @admin.display(description="notification")
    def message(self, notification: Notification) -> str:
        return format_html(
            '<a href="{}" class="notification-link{}">{}</a>',
            reverse("admin:notifications_notification_open", args=[notification.pk]),
            "" if notification.read_at else " unread",
            notification.text,
        )

    @admin.display(description="read", boolean=True, ordering="read_at")
    def read(self, notification: Notification) -> bool:
        return notification.read_at is not None

    @admin.action(description="Mark as read")
    def mark_read(self, request: HttpRequest, queryset) -> None:
        count = services.notifications_mark_read(
            actor=request.user, notification_ids=queryset.values_list("pk", flat=True)
        )
        self.message_user(request, f"{count} marked as read.", messages.SUCCESS)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/open/", view(self.open_view), name="notifications_notification_open"),
            path(
                "mark-all-read/",
                view(self.mark_all_read_view),
                name="notifications_notification_mark_all_read",
            ),
            *super().get_urls(),
        ]

    def open_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """Follow a notification: mark it read, go to its claim."""
        notification = get_object_or_404(self.get_queryset(request), pk=pk)
        services.notifications_mark_read(actor=request.user, notification_ids=[notification.pk])
        return redirect("admin:claims_claim_change", notification.claim_id)

    def mark_all_read_view(self, request: HttpRequest) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        count = services.notifications_mark_read(actor=request.user)
        self.message_user(request, f"{count} marked as read.", messages.SUCCESS)
        return redirect("admin:notifications_notification_changelist")
