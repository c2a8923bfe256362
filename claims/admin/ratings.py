"""The rating scale."""

from __future__ import annotations

from django.contrib import admin

from claims.models import Rating


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    """The rating scale, in display order."""

    list_display = ["label", "slug", "value", "order"]
    list_editable = ["order"]
    search_fields = ["label", "slug"]
