"""Topics claims are filed under."""

from __future__ import annotations

from django.contrib import admin

from claims import services
from claims.models import Topic
from claimtracker.admin import ServiceSaveMixin


@admin.register(Topic)
class TopicAdmin(ServiceSaveMixin, admin.ModelAdmin):
    """Topics claims are filed under; saved through claims/services/topics.py."""

    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    service_fields = frozenset(services.TOPIC_FIELDS)

    def create_with_service(self, *, actor, fields: dict, related: dict, form) -> Topic:
        return services.topic_create(actor=actor, **fields)

    def update_with_service(
        self, *, instance: Topic, actor, fields: dict, related: dict, form
    ) -> Topic:
        return services.topic_update(topic=instance, actor=actor, **fields)
