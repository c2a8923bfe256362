"""Rating labels: each rating's wording in each language, maintained by editors."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from claims import services
from claims.models import RatingLabel
from claims.services.rating_labels import RATING_LABEL_FIELDS
from claimtracker.admin import ServiceSaveMixin


@admin.register(RatingLabel)
class RatingLabelAdmin(ServiceSaveMixin, admin.ModelAdmin):
    """How fact-checkers word each rating, per language; adding a wording maps the reviews
    already imported with it (claims/services/rating_labels.py)."""

    service_fields = frozenset(RATING_LABEL_FIELDS)

    list_display = ["label", "language", "rating", "exported"]
    list_filter = ["language", "exported", "rating"]
    list_select_related = ["rating"]
    search_fields = ["label", "key"]
    fields = ["label", "language", "rating", "exported"]

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name == "rating":
            kwargs["queryset"] = db_field.remote_field.model.objects.filter(external=False)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def create_with_service(self, *, actor, fields: dict, related: dict, form) -> RatingLabel:
        return services.rating_label_create(actor=actor, **fields)

    def update_with_service(
        self, *, instance: RatingLabel, actor, fields: dict, related: dict, form
    ) -> RatingLabel:
        return services.rating_label_update(rating_label=instance, actor=actor, **fields)

    def delete_with_service(self, *, instance: RatingLabel, actor) -> None:
        services.rating_label_delete(actor=actor, rating_label=instance)
