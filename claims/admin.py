"""Admin for claims and everything a fact-check says about them.

Status and publication time are read-only here: they change only through the editorial
workflow in ``claims/services.py``.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest

from claims.models import (
    Appearance,
    Claim,
    ClaimEvent,
    Correction,
    Evidence,
    Rating,
    Speaker,
    SpeakerAlias,
    Topic,
    Verdict,
)


class SpeakerAliasInline(admin.TabularInline):
    model = SpeakerAlias
    extra = 1


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    """Speakers, searchable by name and alias."""

    list_display = ["name", "role", "affiliation", "country", "claim_count"]
    ordering = ["name"]
    list_filter = ["country"]
    search_fields = ["name", "aliases__name", "affiliation"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SpeakerAliasInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Speaker]:
        return super().get_queryset(request).annotate(claim_count=Count("claims"))

    @admin.display(description="claims", ordering="claim_count")
    def claim_count(self, speaker: Speaker) -> int:
        return speaker.claim_count


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    """Topics claims are filed under."""

    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    """The rating scale, in display order."""

    list_display = ["label", "slug", "value", "order"]
    list_editable = ["order"]
    search_fields = ["label", "slug"]


class AppearanceInline(admin.TabularInline):
    model = Appearance
    extra = 1
    autocomplete_fields = ["source"]


class VerdictInline(admin.StackedInline):
    """The claim's verdict; its evidence is edited on the verdict's own page."""

    model = Verdict
    extra = 0
    max_num = 1
    can_delete = False
    autocomplete_fields = ["rating"]
    fields = ["rating", "summary", "analysis", "author", "reviewer", "published_at"]
    readonly_fields = ["published_at"]
    show_change_link = True


class CorrectionInline(admin.TabularInline):
    """Corrections are a public record: shown here, written by the workflow."""

    model = Correction
    extra = 0
    can_delete = False
    fields = ["created_at", "note", "old_rating", "new_rating", "corrected_by"]
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Claim | None = None) -> bool:
        return False


class ClaimEventInline(admin.TabularInline):
    """The claim's workflow history, written by claims/services.py."""

    model = ClaimEvent
    extra = 0
    can_delete = False
    fields = ["created_at", "action", "from_status", "to_status", "actor", "note"]
    readonly_fields = fields
    verbose_name_plural = "workflow history"

    def has_add_permission(self, request: HttpRequest, obj: Claim | None = None) -> bool:
        return False


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    """Claims with their appearances, verdict and corrections."""

    list_display = [
        "__str__",
        "speaker",
        "status",
        "rating",
        "stated_on",
        "published_at",
        "assigned_to",
    ]
    list_filter = [
        "status",
        ("speaker", admin.RelatedOnlyFieldListFilter),
        "topics",
        ("verdict__rating", admin.RelatedOnlyFieldListFilter),
        "language",
    ]
    list_select_related = ["speaker", "verdict__rating", "assigned_to"]
    search_fields = ["text", "claim_reviewed", "speaker__name", "speaker__aliases__name"]
    autocomplete_fields = ["speaker", "topics", "assigned_to", "created_by"]
    date_hierarchy = "stated_on"
    readonly_fields = ["status", "published_at", "version", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["text", "claim_reviewed", "speaker", "stated_on", "context"]}),
        ("Filing", {"fields": ["topics", "language"]}),
        (
            "Workflow",
            {
                "fields": [
                    "status",
                    "assigned_to",
                    "created_by",
                    "published_at",
                    "version",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]
    inlines = [AppearanceInline, VerdictInline, CorrectionInline, ClaimEventInline]

    @admin.display(description="rating", ordering="verdict__rating__order")
    def rating(self, claim: Claim) -> str:
        verdict = getattr(claim, "verdict", None)
        return str(verdict.rating) if verdict and verdict.rating else "—"


class EvidenceInline(admin.TabularInline):
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


@admin.register(SpeakerAlias)
class SpeakerAliasAdmin(admin.ModelAdmin):
    """All aliases at a glance; usually edited on the speaker's page."""

    list_display = ["name", "speaker"]
    list_select_related = ["speaker"]
    search_fields = ["name", "speaker__name"]
    autocomplete_fields = ["speaker"]


@admin.register(Appearance)
class AppearanceAdmin(admin.ModelAdmin):
    """Where claims appeared; usually edited on the claim's page."""

    list_display = ["claim", "source", "is_first"]
    list_filter = ["is_first"]
    list_select_related = ["claim", "source"]
    search_fields = ["claim__text", "source__title", "source__url"]
    autocomplete_fields = ["claim", "source"]


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    """Evidence across verdicts: which sources are cited, and how."""

    list_display = ["source", "stance", "verdict"]
    list_filter = ["stance"]
    list_select_related = ["source", "verdict__claim", "verdict__rating"]
    search_fields = ["source__title", "note", "verdict__claim__text"]
    autocomplete_fields = ["verdict", "source"]


@admin.register(ClaimEvent)
class ClaimEventAdmin(admin.ModelAdmin):
    """Every workflow step across claims; a read-only record."""

    list_display = ["claim", "action", "from_status", "to_status", "actor", "created_at"]
    list_filter = ["action", "to_status"]
    list_select_related = ["claim", "actor"]
    search_fields = ["claim__text", "note", "actor__username"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ClaimEvent | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: ClaimEvent | None = None) -> bool:
        return False
