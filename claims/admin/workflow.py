"""The workflow on admin pages: what locks a claim, bulk transitions, the forms, refusals."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import InlineModelAdmin
from django.db.models import QuerySet
from django.http import HttpRequest

from claims import services
from claims.models import Claim, ClaimAction, Rating, Verdict
from claimtracker.admin import REFUSALS
from claimtracker.exceptions import describe

# Bulk actions: the transitions that need no note, so they can run on many claims at once.
BULK_ACTIONS = [action for action in ClaimAction if action not in services.NOTE_REQUIRED]


def is_locked(claim: Claim) -> bool:
    """Published, rejected and retracted claims are no longer edited in forms."""
    return claim.status not in services.EDITABLE_STATUSES


class LockedAfterPublicationInline(InlineModelAdmin):
    """An inline that turns read-only once its claim is published, rejected or retracted.

    ``obj`` is the parent: a claim, or a verdict whose claim decides.
    """

    def _locked(self, obj) -> bool:
        claim = obj.claim if isinstance(obj, Verdict) else obj
        return claim is not None and is_locked(claim)

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return not self._locked(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return not self._locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return not self._locked(obj) and super().has_delete_permission(request, obj)


class TransitionForm(forms.Form):
    """A workflow button's note, and the claim version the page showed."""

    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3, "cols": 60}))
    expected_version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class VerdictCorrectionForm(forms.Form):
    """A correction to a published verdict: a new rating or summary, and a public note."""

    rating = forms.ModelChoiceField(
        Rating.objects.all(), label="New rating", required=False, empty_label="(unchanged)"
    )
    summary = forms.CharField(
        label="New summary",
        required=False,
        max_length=Verdict._meta.get_field("summary").max_length,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
    )
    note = forms.CharField(
        label="Public note",
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Published with the correction: what changed and why.",
    )
    expected_version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


def bulk_transition_action(action: str) -> Callable:
    """An admin action running one workflow transition on every selected claim."""
    label = ClaimAction(action).label

    def run(modeladmin: WorkflowAdminMixin, request: HttpRequest, queryset: QuerySet) -> None:
        modeladmin.transition_each(request, queryset, action)

    run.__name__ = f"{action}_selected"
    return admin.action(description=f"{label}: the selected claims")(run)


class WorkflowAdminMixin:
    """Runs workflow services for an admin page and reports each refusal to the user."""

    def attempt(self, request: HttpRequest, claim: Claim, label: str, call: Callable) -> bool:
        """Call a service; on a refusal, tell the user which claim and why."""
        try:
            call()
        except REFUSALS as error:
            self.message_user(
                request, f"{label} failed for “{claim}”: {describe(error)}", messages.ERROR
            )
            return False
        return True

    def transition_each(self, request: HttpRequest, queryset: QuerySet, action: str) -> None:
        """Apply ``action`` to each claim on its own; one failure does not stop the others."""
        service = services.TRANSITION_SERVICES[action]
        label = ClaimAction(action).label
        done = []
        for claim in queryset:
            call = partial(service, claim=claim, actor=request.user, expected_version=None)
            if self.attempt(request, claim, label, call):
                done.append(claim)
        if done:
            names = ", ".join(f"“{claim}”" for claim in done)
            status = done[0].get_status_display().lower()
            count = f"{len(done)} claim{'s' if len(done) != 1 else ''}"
            self.message_user(request, f"{label}: {count} now {status}: {names}.", messages.SUCCESS)

    def get_actions(self, request: HttpRequest) -> dict:
        """Only the workflow actions the user may take."""
        actions = super().get_actions(request)
        for action in BULK_ACTIONS:
            if not request.user.has_perm(services.ACTION_PERMISSIONS[action]):
                actions.pop(f"{action}_selected", None)
        return actions
