"""Where imported claims came from: other organisations' ClaimReviews, read-only."""

from __future__ import annotations

from django.contrib import admin

from claims.models import ExternalReview
from claimtracker.admin import ReadOnlyAdminMixin


@admin.register(ExternalReview)
class ExternalReviewAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Imported fact-checks; they change only by importing the review again."""

    list_display = ["claim", "publisher", "rating_text", "date_published", "updated_at"]
    list_filter = ["publisher", "claim__language"]
    list_select_related = ["claim", "publisher"]
    search_fields = ["url", "claim__claim_reviewed", "claim__text", "rating_text"]
    date_hierarchy = "date_published"
    readonly_fields = [
        "claim",
        "url",
        "publisher",
        "fact_checker",
        "date_published",
        "rating_text",
        "data",
        "imported_at",
        "updated_at",
    ]
