"""Speakers and their aliases."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest

from claims import services
from claims.models import MAX_ALIASES, Speaker, SpeakerAlias
from claimtracker.admin import ReadOnlyAdminMixin, ServiceSaveMixin


class SpeakerAliasInline(admin.TabularInline):
    """A speaker's aliases, saved with the speaker by speaker_create or speaker_update."""

    model = SpeakerAlias
    extra = 1
    max_num = MAX_ALIASES
    validate_max = True


@admin.register(Speaker)
class SpeakerAdmin(ServiceSaveMixin, admin.ModelAdmin):
    """Speakers, searchable by name and alias; saved through claims/services/speakers.py."""

    service_fields = frozenset(services.SPEAKER_FIELDS)

    list_display = ["name", "kind", "role", "affiliation", "country", "verified", "claim_count"]
    ordering = ["name"]
    list_filter = ["kind", "verified", "country"]
    search_fields = ["name", "aliases__name", "affiliation"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SpeakerAliasInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Speaker]:
        return super().get_queryset(request).annotate(claim_count=Count("claims"))

    @admin.display(description="claims", ordering="claim_count")
    def claim_count(self, speaker: Speaker) -> int:
        return speaker.claim_count

    def create_with_service(self, *, actor, fields: dict, related: dict, form) -> Speaker:
        return services.speaker_create(
            actor=actor, aliases=_alias_names(related.get(SpeakerAlias, ())), **fields
        )

    def update_with_service(
        self, *, instance: Speaker, actor, fields: dict, related: dict, form
    ) -> Speaker:
        aliases = related.get(SpeakerAlias)
        return services.speaker_update(
            speaker=instance,
            actor=actor,
            aliases=None if aliases is None else _alias_names(aliases),
            **fields,
        )


def _alias_names(rows) -> list[str]:
    return [alias.name for alias in rows]


@admin.register(SpeakerAlias)
class SpeakerAliasAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """All aliases at a glance; edited on the speaker's page."""

    list_display = ["name", "speaker"]
    list_select_related = ["speaker"]
    search_fields = ["name", "speaker__name"]
