"""Verdicts with their evidence, and the public record of corrections."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from claims import services
from claims.admin.workflow import LockedAfterPublicationInline, is_locked
from claims.models import Correction, Evidence, Verdict
from claimtracker.admin import ReadOnlyAdminMixin, ServiceSaveMixin


class EvidenceInline(LockedAfterPublicationInline, admin.TabularInline):
    """The verdict's evidence, saved with it by verdict_set."""

    model = Evidence
    extra = 1
    autocomplete_fields = ["source"]


@admin.register(Verdict)
class VerdictAdmin(ServiceSaveMixin, admin.ModelAdmin):
    """Verdicts with their evidence; saved through verdict_set, which bumps the claim's version
    (so that API clients holding the old ETag are refused)."""

    list_display = ["claim", "rating", "author", "reviewer", "published_at"]
    list_filter = [("rating", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["claim", "rating", "author", "reviewer"]
    search_fields = ["claim__text", "claim__claim_reviewed", "summary"]
    autocomplete_fields = ["claim", "rating"]
    # The services record who wrote and who reviewed a verdict (four eyes depends on it).
    readonly_fields = ["author", "reviewer", "published_at", "version", "created_at", "updated_at"]
    inlines = [EvidenceInline]
    service_fields = frozenset({"claim", "rating", "summary", "analysis"})

    def get_readonly_fields(self, request: HttpRequest, obj: Verdict | None = None) -> list[str]:
        readonly = list(super().get_readonly_fields(request, obj))
        # A verdict belongs to its claim for good.
        return [*readonly, "claim"] if obj is not None else readonly

    def create_with_service(self, *, actor, fields: dict, related: dict, form) -> Verdict:
        return self._set(form.instance, actor=actor, evidence=related.get(Evidence, ()))

    def update_with_service(
        self, *, instance: Verdict, actor, fields: dict, related: dict, form
    ) -> Verdict:
        return self._set(instance, actor=actor, evidence=related.get(Evidence))

    @staticmethod
    def _set(verdict: Verdict, *, actor, evidence) -> Verdict:
        """``verdict`` carries the submitted values; ``evidence`` None keeps the evidence."""
        return services.verdict_set(
            claim=verdict.claim,
            actor=actor,
            expected_version=None,
            rating=verdict.rating,
            summary=verdict.summary,
            analysis=verdict.analysis,
            evidence=None
            if evidence is None
            else [services.EvidenceItem(row.source, row.stance, row.note) for row in evidence],
        )

    def has_change_permission(self, request: HttpRequest, obj: Verdict | None = None) -> bool:
        # A published verdict changes only through a correction, on its claim's page.
        if obj is not None and is_locked(obj.claim):
            return False
        return super().has_change_permission(request, obj)


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Evidence across verdicts: which sources are cited, and how; edited on the verdict's page."""

    list_display = ["source", "stance", "verdict"]
    list_filter = ["stance"]
    list_select_related = ["source", "verdict__claim", "verdict__rating"]
    search_fields = ["source__title", "note", "verdict__claim__text"]


@admin.register(Correction)
class CorrectionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The public record of corrections, written by verdict_correct; never edited or deleted."""

    list_display = ["claim", "created_at", "old_rating", "new_rating", "corrected_by"]
    list_select_related = ["claim", "old_rating", "new_rating", "corrected_by"]
    search_fields = ["note", "claim__text"]
    date_hierarchy = "created_at"
