"""Verdicts with their evidence, and the public record of corrections."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from claims import services
from claims.admin.workflow import LockedAfterPublicationInline, is_locked
from claims.models import Correction, Evidence, Verdict


class EvidenceInline(LockedAfterPublicationInline, admin.TabularInline):
    model = Evidence
    extra = 1
    autocomplete_fields = ["source"]


@admin.register(Verdict)
class VerdictAdmin(admin.ModelAdmin):
    """Verdicts with their evidence."""

    list_display = ["claim", "rating", "author", "reviewer", "published_at"]
    list_filter = [("rating", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["claim", "rating", "author", "reviewer"]
    search_fields = ["claim__text", "claim__claim_reviewed", "summary"]
    autocomplete_fields = ["claim", "rating", "author", "reviewer"]
    readonly_fields = ["published_at", "version", "created_at", "updated_at"]
    inlines = [EvidenceInline]

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        """Save the evidence, then bump the claim's version through the services (one step,
        in the admin's transaction), so that API clients holding the old ETag are refused."""
        super().save_related(request, form, formsets, change)
        services.verdict_edited(claim=form.instance.claim, actor=request.user)

    def has_change_permission(self, request: HttpRequest, obj: Verdict | None = None) -> bool:
        # A published verdict changes only through a correction, on its claim's page.
        if obj is not None and is_locked(obj.claim):
            return False
        return super().has_change_permission(request, obj)


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    """Evidence across verdicts: which sources are cited, and how."""

    list_display = ["source", "stance", "verdict"]
    list_filter = ["stance"]
    list_select_related = ["source", "verdict__claim", "verdict__rating"]
    search_fields = ["source__title", "note", "verdict__claim__text"]
    autocomplete_fields = ["verdict", "source"]


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    """The public record of corrections; read-only until the workflow writes them."""

    list_display = ["claim", "created_at", "old_rating", "new_rating", "corrected_by"]
    list_select_related = ["claim", "old_rating", "new_rating", "corrected_by"]
    search_fields = ["note", "claim__text"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Correction | None = None) -> bool:
        return False
