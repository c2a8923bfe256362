"""Topics claims are filed under."""

from __future__ import annotations

from django.contrib import admin

from claims.models import Topic


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    """Topics claims are filed under."""

    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
