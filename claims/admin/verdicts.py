"""Verdicts with their evidence, and the public record of corrections."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponseRedirect

from claims import services
from claims.admin.workflow import LockedAfterPublicationInline, describe, is_locked
from claims.models import Correction, Evidence, Verdict
from claimtracker.exceptions import DomainError


class EvidenceInline(LockedAfterPublicationInline, admin.TabularInline):
    model = Evidence
    extra = 1
    autocomplete_fields = ["source"]


class VerdictAdminForm(forms.ModelForm):
    """The verdict form; a verdict is written only while its claim is worked on."""

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
class VerdictAdmin(admin.ModelAdmin):
    """Verdicts with their evidence."""

    form = VerdictAdminForm

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

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except DomainError as refused:
            # The claim changed status between the form's check and the save (the admin's
            # transaction rolled back, so nothing was saved): say why instead of a 500.
            self.message_user(request, describe(refused), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

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
