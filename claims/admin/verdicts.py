"""Verdicts with their evidence, and the public record of corrections and updates.

A verdict and its evidence are worked on on their claim's page (claims.py); the Verdict,
Evidence and contributor pages stay for old links and searching, out of the menus
(claimtracker.admin.INTERNAL_MODELS).
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.shortcuts import redirect
from django.urls import reverse

from claims import services
from claims.admin.workflow import (
    STALE_EDIT,
    LabelledTableInline,
    LockedAfterPublicationInline,
    is_locked,
    verdict_byline,
)
from claims.models import MAX_EVIDENCE, Correction, Evidence, Verdict, VerdictContributor
from claimtracker.admin import (
    ReadOnlyAdminMixin,
    ServiceSaveMixin,
)


class EvidenceInline(LabelledTableInline, LockedAfterPublicationInline, admin.TabularInline):
    """The verdict's evidence, saved with it by verdict_set."""

    model = Evidence
    extra = 1
    max_num = MAX_EVIDENCE
    validate_max = True
    autocomplete_fields = ["source"]
    # A short note per source; the rows of the table stay a few lines high.
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2})}}


class VerdictAdminForm(forms.ModelForm):
    """The verdict form, carrying the claim version it was opened with: a stale save is
    refused instead of silently reverting someone else's edit."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["loaded_version"].initial = self.instance.claim.version

    def clean(self) -> dict:
        cleaned = super().clean()
        # The claim was read for this request; the service checks again under the row lock.
        if self.instance.pk is not None:
            current = self.instance.claim.version
            if cleaned.get("loaded_version") != current:
                raise ValidationError(STALE_EDIT.format(current=current))
        return cleaned

    def clean_claim(self):
        claim = self.cleaned_data["claim"]
        if claim is not None and is_locked(claim):
            raise forms.ValidationError(
                f"This claim is {claim.get_status_display().lower()}: its verdict can no longer "
                "be written here (a published verdict changes through a correction, on the "
                "claim's page)."
            )
        return claim


@admin.register(Verdict)
class VerdictAdmin(ServiceSaveMixin, admin.ModelAdmin):
    """Verdicts with their evidence; who wrote and who published them is recorded, not typed."""

    form = VerdictAdminForm
    list_display = ["claim", "rating", "author", "reviewer", "published_at"]
    list_filter = [("rating", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["claim", "rating", "author", "reviewer"]
    search_fields = ["claim__text", "claim__claim_reviewed", "summary"]
    autocomplete_fields = ["claim", "rating"]
    fields = [
        "claim",
        "rating",
        "summary",
        "analysis",
        "author",
        "reviewer",
        "byline",
        "published_at",
        "version",
        "created_at",
        "updated_at",
        "loaded_version",
    ]
    readonly_fields = [
        "author",
        "reviewer",
        "byline",
        "published_at",
        "version",
        "created_at",
        "updated_at",
    ]
    inlines = [EvidenceInline]
    service_fields = frozenset({"claim", "rating", "summary", "analysis"})

    @admin.display(description="contributors")
    def byline(self, verdict: Verdict) -> str:
        return verdict_byline(verdict)

    def get_readonly_fields(self, request: HttpRequest, obj: Verdict | None = None) -> list[str]:
        readonly = list(super().get_readonly_fields(request, obj))
        # A verdict belongs to its claim for good.
        return [*readonly, "claim"] if obj is not None else readonly

    def create_with_service(self, *, actor, fields: dict, related: dict, form) -> Verdict:
        return self._set(
            form.instance, actor=actor, evidence=related.get(Evidence, ()), expected_version=None
        )

    def update_with_service(
        self, *, instance: Verdict, actor, fields: dict, related: dict, form
    ) -> Verdict:
        return self._set(
            instance,
            actor=actor,
            evidence=related.get(Evidence),
            expected_version=form.cleaned_data.get("loaded_version"),
        )

    @staticmethod
    def _set(verdict: Verdict, *, actor, evidence, expected_version: int | None) -> Verdict:
        """``verdict`` carries the submitted values; ``evidence`` None keeps the evidence.

        verdict_set checks, under the claim's lock, that the claim may still be edited and is
        at the version the editor saw, that the rating is on our scale; it records the editor
        as a contributor and bumps the claim's version (API clients holding the old ETag are
        refused)."""
        return services.verdict_set(
            claim=verdict.claim,
            actor=actor,
            expected_version=expected_version,
            rating=verdict.rating,
            summary=verdict.summary,
            analysis=verdict.analysis,
            evidence=None
            if evidence is None
            else [services.EvidenceItem(row.source, row.stance, row.note) for row in evidence],
        )

    def describe_refusal(self, error: Exception) -> str:
        if isinstance(error, services.StaleVersion):
            return STALE_EDIT.format(current=error.current)
        return super().describe_refusal(error)

    def response_add(self, request: HttpRequest, obj: Verdict, post_url_continue=None):
        return self._back_to_claim(request, obj, super().response_add(request, obj))

    def response_change(self, request: HttpRequest, obj: Verdict):
        return self._back_to_claim(request, obj, super().response_change(request, obj))

    def _back_to_claim(self, request: HttpRequest, verdict: Verdict, response):
        """This page is kept for old links; the verdict is worked on on its claim's page, so
        a save lands there (Django's own message says what was saved)."""
        if request.POST.get("_popup") or response.status_code != 302:
            return response
        return redirect(
            reverse(
                "admin:claims_claim_change",
                args=[verdict.claim_id],
                current_app=self.admin_site.name,
            )
        )

    def has_change_permission(self, request: HttpRequest, obj: Verdict | None = None) -> bool:
        # A published verdict changes only through a correction, on its claim's page.
        if obj is not None and is_locked(obj.claim):
            return False
        return super().has_change_permission(request, obj)


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Evidence across verdicts: which sources are cited, and how. Evidence is edited on its
    verdict's page while the claim is worked on, and by a public update once published."""

    list_display = ["source", "stance", "verdict"]
    list_filter = ["stance"]
    list_select_related = ["source", "verdict__claim", "verdict__rating"]
    search_fields = ["source__title", "note", "verdict__claim__text"]


@admin.register(VerdictContributor)
class VerdictContributorAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Who wrote which verdict, recorded by the services: the public bylines."""

    list_display = ["verdict", "user", "first_contributed_at"]
    list_select_related = ["verdict__claim", "verdict__rating", "user"]
    search_fields = ["user__username", "verdict__claim__text"]
    date_hierarchy = "first_contributed_at"


@admin.register(Correction)
class CorrectionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The public record of corrections and updates; written by the services only."""

    list_display = ["claim", "kind", "created_at", "old_rating", "new_rating", "corrected_by"]
    list_filter = ["kind"]
    list_select_related = ["claim", "old_rating", "new_rating", "corrected_by"]
    search_fields = ["note", "claim__text"]
    date_hierarchy = "created_at"
