"""The rating scale."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode

from claims import services
from claims.models import Rating
from claimtracker.admin import ServiceSaveMixin


@admin.register(Rating)
class RatingAdmin(ServiceSaveMixin, admin.ModelAdmin):
    """The rating scale, in display order; other organisations' ratings marked external.
    Saved (the list's order column too) through claims/services/ratings.py."""

    service_fields = frozenset(services.RATING_FIELDS)

    list_display = ["label", "slug", "value", "order", "external", "map_to_scale"]
    list_editable = ["order"]
    list_filter = ["external"]
    search_fields = ["label", "slug"]

    @admin.display(description="map")
    def map_to_scale(self, rating: Rating) -> str:
        """For another organisation's wording: a link to map it onto our scale."""
        if not rating.external:
            return ""
        url = reverse("admin:claims_ratinglabel_add") + "?" + urlencode({"label": rating.label})
        return format_html('<a href="{}">Map to our scale</a>', url)

    def get_search_results(self, request: HttpRequest, queryset: QuerySet, search_term: str):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        # Our verdicts rate on our own scale: the autocomplete offers no imported wording.
        if request.path.endswith("/autocomplete/"):
            queryset = queryset.filter(external=False)
        return queryset, may_have_duplicates

    def create_with_service(self, *, actor, fields: dict, related: dict, form) -> Rating:
        return services.rating_create(actor=actor, **fields)

    def update_with_service(
        self, *, instance: Rating, actor, fields: dict, related: dict, form
    ) -> Rating:
        return services.rating_update(rating=instance, actor=actor, **fields)
