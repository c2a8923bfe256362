"""The workflow on admin pages: what locks a claim, bulk transitions, the forms, refusals."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import InlineModelAdmin
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst

from claims import services
from claims.models import CLAIM_EVENT_WORDS, Claim, ClaimAction, Correction, Rating, Verdict
from claimtracker.admin import REFUSALS, describe
from claimtracker.people import person_name
from sources.models import Source

STALE_EDIT = (
    "This claim was changed by someone else since you opened it (it is now version "
    "{current}); your edits were not saved. Open the claim again to see their changes, then "
    "make yours again."
)
# The hidden field, one per row of a claim list, that carries the version the editor saw.
SEEN_VERSION_FIELD = "seen_version_{pk}"
VERSION_NOT_SEEN = (
    "the list did not show you its current version (was it selected across pages?); "
    "nothing was done to it. Select it on the page that shows it."
)
# Bulk actions: the transitions that need no note, so they can run on many claims at once.
BULK_ACTIONS = [action for action in ClaimAction if action not in services.NOTE_REQUIRED]
# What the user is told once an action is done, and how a workflow step reads in a claim's
# history: plain words, not the action's code or the statuses it moved between.
ACTION_DONE = {
    ClaimAction.SUBMIT: "Submitted for review",
    ClaimAction.RESUBMIT: "Resubmitted for review",
    ClaimAction.REQUEST_CHANGES: "Sent back to the fact-checker with your note",
    ClaimAction.PUBLISH: "Published",
    ClaimAction.REJECT: "Rejected with your note",
    ClaimAction.RETRACT: "Retracted; your note is public",
}
# What did not happen, when a service refuses: "“…” was not published: <why>".
ACTION_NOT_DONE = {
    ClaimAction.SUBMIT: "submitted for review",
    ClaimAction.RESUBMIT: "resubmitted",
    ClaimAction.REQUEST_CHANGES: "sent back",
    ClaimAction.PUBLISH: "published",
    ClaimAction.REJECT: "rejected",
    ClaimAction.RETRACT: "retracted",
}
STEP_WORDS = CLAIM_EVENT_WORDS
# Where each submission requirement (services.submission_requirements) is fixed on the claim's
# page: the field's input, or the inline's group.
REQUIREMENT_ANCHORS = {
    "speaker": "id_speaker",
    "stated_on": "id_stated_on",
    "claim_reviewed": "id_claim_reviewed",
    "appearances": "appearances-group",
    "verdict": "verdict-group",
    "rating": "id_verdict-0-rating",
    "summary": "id_verdict-0-summary",
    "evidence": "evidence-group",
}


def requirement_links(claim: Claim, *, url: str = "") -> list[dict]:
    """What the claim still needs before review, each with a link to its field on the claim's
    page (``url``: the page, when linking from elsewhere)."""
    return [
        {"message": requirement.message, "url": f"{url}#{REQUIREMENT_ANCHORS[requirement.field]}"}
        for requirement in services.submission_requirements(claim)
    ]


def requirements_html(claim: Claim, *, url: str = ""):
    """The missing requirements as a list of links, for a message."""
    return format_html(
        '<ul class="requirements">{}</ul>',
        format_html_join(
            "",
            '<li><a href="{}">{}</a></li>',
            ((item["url"], item["message"]) for item in requirement_links(claim, url=url)),
        ),
    )


def verdict_byline(verdict: Verdict | None) -> str:
    """The verdict's contributors, as the public byline names them."""
    if verdict is None or verdict.pk is None:
        return "—"
    return ", ".join(person_name(person) for person in verdict.byline)


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


class LabelledTableInline(InlineModelAdmin):
    """A tabular inline whose inputs carry their field's name (aria-label): the table's
    column headings name them on screen, but are not their labels for screen readers."""

    def formfield_for_dbfield(self, db_field, request: HttpRequest, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None:
            formfield.widget.attrs.setdefault("aria-label", capfirst(db_field.verbose_name))
        return formfield


class CappedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A multiple choice that refuses more than ``cap`` values before looking any up."""

    def __init__(self, *args, cap: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.cap = cap

    def clean(self, value):
        if value and len(value) > self.cap:
            raise forms.ValidationError(f"At most {self.cap} may be chosen.")
        return super().clean(value)


class TransitionForm(forms.Form):
    """A workflow button's note, and the claim version the page showed."""

    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3, "cols": 60}))
    expected_version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class VerdictCorrectionForm(forms.Form):
    """A correction to a published verdict: a new rating or summary, and a public note."""

    # Our scale only: ratings kept from imported fact-checks are not ours to give.
    rating = forms.ModelChoiceField(
        Rating.objects.filter(external=False),
        label="New rating",
        required=False,
        empty_label="(unchanged)",
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


class PublicUpdateForm(forms.Form):
    """A public update of a published fact-check: new wording, or a source swapped for
    another (a dead link), with a public note. The rating and summary change by correction."""

    text = forms.CharField(
        label="Claim text", widget=forms.Textarea(attrs={"rows": 3, "cols": 60}), required=False
    )
    claim_reviewed = forms.CharField(
        label="Claim reviewed",
        required=False,
        max_length=Claim._meta.get_field("claim_reviewed").max_length,
    )
    context = forms.CharField(widget=forms.Textarea(attrs={"rows": 3, "cols": 60}), required=False)
    analysis = forms.CharField(widget=forms.Textarea(attrs={"rows": 6, "cols": 60}), required=False)
    replace_source = forms.ModelChoiceField(
        Source.objects.none(),
        required=False,
        label="Replace the source",
        help_text="Among the evidence and the appearances, e.g. a dead link.",
    )
    with_source = forms.ModelChoiceField(
        Source.objects.all(),
        required=False,
        widget=forms.NumberInput,
        label="with source number",
        help_text="The number of a recorded source (record it first on the Sources page).",
    )
    note = forms.CharField(
        label="Public note",
        max_length=Correction._meta.get_field("note").max_length,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Published with the update: what changed and why.",
    )
    expected_version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, claim: Claim, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["replace_source"].queryset = Source.objects.filter(
            Q(appearances__claim=claim) | Q(evidence__verdict__claim=claim)
        ).distinct()

    def clean(self) -> dict:
        cleaned = super().clean()
        if bool(cleaned.get("replace_source")) != bool(cleaned.get("with_source")):
            raise forms.ValidationError("Name both the source to replace and its replacement.")
        return cleaned

    def service_arguments(self, claim: Claim) -> dict:
        """The form as keyword arguments of claim_public_update, lists with the swap made."""
        data = self.cleaned_data
        arguments = {
            "text": data["text"] or claim.text,
            "claim_reviewed": data["claim_reviewed"],
            "context": data["context"],
            "analysis": data["analysis"],
            "note": data["note"],
            "expected_version": data["expected_version"],
        }
        old, new = data.get("replace_source"), data.get("with_source")
        if old is not None and new is not None:
            evidence = list(Verdict.objects.get(claim=claim).evidence.all())
            if any(item.source_id == old.pk for item in evidence):
                arguments["evidence"] = [
                    services.EvidenceItem(
                        source=new if item.source_id == old.pk else item.source,
                        stance=item.stance,
                        note=item.note,
                    )
                    for item in evidence
                ]
            appearances = list(claim.appearances.select_related("source"))
            if any(item.source_id == old.pk for item in appearances):
                arguments["appearances"] = [
                    (new if item.source_id == old.pk else item.source, item.is_first)
                    for item in appearances
                ]
        return arguments


def bulk_transition_action(action: str) -> Callable:
    """An admin action running one workflow transition on every selected claim."""
    label = ClaimAction(action).label

    def run(modeladmin: WorkflowAdminMixin, request: HttpRequest, queryset: QuerySet) -> None:
        modeladmin.transition_each(request, queryset, action)

    run.__name__ = f"{action}_selected"
    return admin.action(description=f"{label}: the selected claims")(run)


class WorkflowAdminMixin:
    """Runs workflow services for an admin page and reports each refusal to the user.

    A list of claims shows each row's version (``seen_version``, in ``list_display``) with a
    hidden field carrying it; a bulk action passes it to the service as ``expected_version``,
    so a claim changed after the editor read the list is refused, not acted on.
    """

    @admin.display(description="version")
    def seen_version(self, claim: Claim) -> str:
        field = SEEN_VERSION_FIELD.format(pk=claim.pk)
        return format_html(
            '{}<input type="hidden" name="{}" value="{}">', claim.version, field, claim.version
        )

    @staticmethod
    def version_seen(request: HttpRequest, claim: Claim) -> int | None:
        """The version of ``claim`` that the list the action was posted from showed."""
        seen = request.POST.get(SEEN_VERSION_FIELD.format(pk=claim.pk), "")
        return int(seen) if seen.isdigit() else None

    def attempt(self, request: HttpRequest, claim: Claim, not_done: str, call: Callable) -> bool:
        """Call a service; on a refusal, tell the user which claim and why ("“…” was not
        ``not_done``: …")."""
        try:
            call()
        except REFUSALS as error:
            self.message_user(
                request, f"“{claim}” was not {not_done}: {describe(error)}", messages.ERROR
            )
            return False
        return True

    def transition_each(self, request: HttpRequest, queryset: QuerySet, action: str) -> None:
        """Apply ``action`` to each claim on its own; one failure does not stop the others."""
        service = services.TRANSITION_SERVICES[action]
        not_done = ACTION_NOT_DONE[action]
        done = []
        for claim in queryset:
            seen = self.version_seen(request, claim)
            if seen is None:
                self.message_user(
                    request, f"“{claim}” was not {not_done}: {VERSION_NOT_SEEN}", messages.ERROR
                )
                continue
            call = partial(service, claim=claim, actor=request.user, expected_version=seen)
            if self.attempt(request, claim, not_done, call):
                done.append(claim)
        if done:
            names = ", ".join(f"“{claim}”" for claim in done)
            count = f"{len(done)} claim{'s' if len(done) != 1 else ''}"
            self.message_user(
                request, f"{ACTION_DONE[action]}: {count}, {names}.", messages.SUCCESS
            )

    def get_actions(self, request: HttpRequest) -> dict:
        """Only the workflow actions the user may take."""
        actions = super().get_actions(request)
        for action in BULK_ACTIONS:
            if not request.user.has_perm(services.ACTION_PERMISSIONS[action]):
                actions.pop(f"{action}_selected", None)
        return actions
