"""Admin for publishers and sources."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest

from claimtracker.admin import ReadOnlyAdminMixin, ServiceSaveMixin
from sources import services
from sources.models import Publisher, ReportedSpeech, Source


@admin.register(Publisher)
class PublisherAdmin(ServiceSaveMixin, admin.ModelAdmin):
    """Publishers, with how many sources each has; saved through sources/services.py."""

    service_fields = frozenset(services.PUBLISHER_FIELDS)

    list_display = ["name", "url", "source_count"]
    ordering = ["name"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request: HttpRequest) -> QuerySet[Publisher]:
        return super().get_queryset(request).annotate(source_count=Count("sources"))

    @admin.display(description="sources", ordering="source_count")
    def source_count(self, publisher: Publisher) -> int:
        return publisher.source_count

    def create_with_service(self, *, actor, fields: dict, related: dict, form) -> Publisher:
        return services.publisher_create(actor=actor, **fields)

    def update_with_service(
        self, *, instance: Publisher, actor, fields: dict, related: dict, form
    ) -> Publisher:
        return services.publisher_update(publisher=instance, actor=actor, **fields)


class ReportedSpeechInline(ReadOnlyAdminMixin, admin.TabularInline):
    """Partial quotes found in the article by the import, attributed."""

    model = ReportedSpeech
    extra = 0
    fields = ["speaker_name", "text", "context"]
    readonly_fields = fields


class SourceAdminForm(forms.ModelForm):
    """The source form, with the public note that an edit of a cited source needs."""

    public_note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text="Needed when a published fact-check cites this source: the edit is then a "
        "public update of each such fact-check, with this note. Such a source keeps its URL.",
    )


@admin.register(Source)
class SourceAdmin(ServiceSaveMixin, admin.ModelAdmin):
    """Sources: where claims appeared and what verdicts cite; saved through sources/services.py."""

    form = SourceAdminForm
    service_fields = frozenset(services.SOURCE_FIELDS | {"public_note"})

    def create_with_service(self, *, actor, fields: dict, related: dict, form) -> Source:
        fields.pop("public_note", None)
        return services.source_create(actor=actor, **fields)

    def update_with_service(
        self, *, instance: Source, actor, fields: dict, related: dict, form
    ) -> Source:
        note = fields.pop("public_note", "")
        return services.source_update(source=instance, actor=actor, note=note, **fields)

    list_display = ["title", "publisher", "kind", "published_on", "url"]
    list_filter = ["kind", ("publisher", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["publisher"]
    search_fields = ["title", "url", "author", "publisher__name"]
    autocomplete_fields = ["publisher"]
    date_hierarchy = "published_on"
    readonly_fields = ["normalized_url", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["url", "normalized_url", "title", "publisher", "author", "kind"]}),
        ("Dates", {"fields": ["published_on", "accessed_at"]}),
        ("Archive and notes", {"fields": ["archived_url", "notes"]}),
        ("Public update", {"fields": ["public_note"]}),
        ("Record", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]
    inlines = [ReportedSpeechInline]


@admin.register(ReportedSpeech)
class ReportedSpeechAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Reported speech across articles, searchable by speaker and words; written by the
    article import."""

    list_display = ["speaker_name", "text", "source"]
    list_select_related = ["source"]
    search_fields = ["speaker_name", "text", "source__title"]
