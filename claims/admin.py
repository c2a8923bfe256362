"""Admin for claims and everything a fact-check says about them: the editors' workplace.

The admin only calls services. Status and publication time change only through the
editorial workflow in ``claims/services.py``: the buttons on a claim's page, the bulk actions
on the claim list and the review queue. Claim edits go through ``claim_update`` with the
version the page was opened with, so a stale edit is refused instead of overwriting someone
else's; published claims change only through a verdict correction.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import InlineModelAdmin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html

from claims import services
from claims.models import (
    Appearance,
    Claim,
    ClaimAction,
    ClaimEvent,
    ClaimInReview,
    Correction,
    Evidence,
    Rating,
    Speaker,
    SpeakerAlias,
    Topic,
    Verdict,
    allowed_actions,
)
from claimtracker.exceptions import DomainError

# What a service may refuse with; the admin shows these as messages or form errors, never a 500.
REFUSALS = (PermissionDenied, ValidationError, DomainError)
# Bulk actions: the transitions that need no note, so they can run on many claims at once.
BULK_ACTIONS = [action for action in ClaimAction if action not in services.NOTE_REQUIRED]
# The claim form's own fields, read-only once a claim is published, rejected or retracted.
LOCKED_FIELDS = [*sorted(services.CLAIM_FIELDS_WITH_ASSIGNMENT), "topics"]
STALE_EDIT = (
    "This claim was changed by someone else since you opened it (it is now version "
    "{current}); your edits were not saved. Open the claim again to see their changes, then "
    "make yours again."
)
SAVE_REFUSALS_ATTR = "_claim_save_refusals"


def describe(error: Exception) -> str:
    """A refusal as one readable sentence or more: every message of a ValidationError."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or "You do not have permission to do that."


def is_locked(claim: Claim) -> bool:
    """Published, rejected and retracted claims are no longer edited in forms."""
    return claim.status not in services.EDITABLE_STATUSES


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


class AppearanceInline(LockedAfterPublicationInline, admin.TabularInline):
    model = Appearance
    extra = 1
    autocomplete_fields = ["source"]


class VerdictInline(LockedAfterPublicationInline, admin.StackedInline):
    """The claim's verdict; its evidence is edited on the verdict's own page."""

    model = Verdict
    extra = 0
    max_num = 1
    can_delete = False
    autocomplete_fields = ["rating"]
    fields = ["rating", "summary", "analysis", "author", "reviewer", "published_at"]
    readonly_fields = ["published_at"]
    show_change_link = True

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        # A verdict written here is by the person writing it (four eyes depends on it).
        if db_field.name == "author":
            kwargs.setdefault("initial", request.user.pk)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


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


class ClaimAdminForm(forms.ModelForm):
    """The claim form, carrying the version it was opened with so a stale save is refused."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # Why the last attempt to save this very POST was refused (set by ClaimAdmin.get_form).
    refusals: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["loaded_version"].initial = self.instance.version

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.refusals:
            raise ValidationError(list(self.refusals))
        # The instance was read from the database for this request, so its version is the
        # current one; the service checks again under the row lock.
        if self.instance.pk is not None and cleaned.get("loaded_version") != self.instance.version:
            raise ValidationError(STALE_EDIT.format(current=self.instance.version))
        return cleaned


class SaveRefused(Exception):
    """A service refused the save; the admin shows the form again with these messages."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__(" ".join(messages))
        self.messages = messages


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


@admin.register(Claim)
class ClaimAdmin(WorkflowAdminMixin, admin.ModelAdmin):
    """Claims with their appearances, verdict and corrections, and the workflow buttons."""

    form = ClaimAdminForm
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
        ("assigned_to", admin.RelatedOnlyFieldListFilter),
        "language",
    ]
    list_select_related = ["speaker", "verdict__rating", "assigned_to"]
    search_fields = ["text", "claim_reviewed", "speaker__name", "speaker__aliases__name"]
    autocomplete_fields = ["speaker", "topics", "assigned_to"]
    date_hierarchy = "stated_on"
    readonly_fields = [
        "status",
        "created_by",
        "published_at",
        "version",
        "created_at",
        "updated_at",
    ]
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
                    "loaded_version",
                ]
            },
        ),
    ]
    inlines = [AppearanceInline, VerdictInline, CorrectionInline, ClaimEventInline]
    actions = [bulk_transition_action(action) for action in BULK_ACTIONS]

    @admin.display(description="rating", ordering="verdict__rating__order")
    def rating(self, claim: Claim) -> str:
        verdict = getattr(claim, "verdict", None)
        return str(verdict.rating) if verdict and verdict.rating else "—"

    # --- The claim form -----------------------------------------------------------------------

    def get_readonly_fields(self, request: HttpRequest, obj: Claim | None = None) -> list[str]:
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and is_locked(obj):
            readonly += LOCKED_FIELDS
        return readonly

    def get_form(self, request: HttpRequest, obj: Claim | None = None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.refusals = tuple(getattr(request, SAVE_REFUSALS_ATTR, ()))
        return form

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except SaveRefused as refused:
            # Nothing was saved (the admin's transaction rolled back): show the same POST
            # again, with the reason as a form error, so the user keeps what they typed.
            setattr(request, SAVE_REFUSALS_ATTR, refused.messages)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request: HttpRequest, obj: Claim, form, change: bool) -> None:
        """Create or edit through the services; inlines and topics are saved afterwards."""
        fields = {
            name: form.cleaned_data[name]
            for name in services.CLAIM_FIELDS_WITH_ASSIGNMENT
            if name in form.cleaned_data and (not change or name in form.changed_data)
        }
        try:
            if change:
                # Called even when only inlines changed: it checks the version and the status
                # and bumps the version, so the next stale save of this claim is refused too.
                services.claim_update(
                    claim=obj,
                    actor=request.user,
                    expected_version=form.cleaned_data["loaded_version"],
                    **fields,
                )
            else:
                created = services.claim_create(actor=request.user, **fields)
                # Django saves the topics and inlines against the form's instance.
                obj.pk = created.pk
                obj._state.adding = False
                obj._state.db = created._state.db
                obj.refresh_from_db()
        except services.StaleVersion as error:
            raise SaveRefused([STALE_EDIT.format(current=error.current)]) from error
        except ValidationError as error:
            raise SaveRefused(error.messages) from error
        except (PermissionDenied, DomainError) as error:
            raise SaveRefused([describe(error)]) from error

    def render_change_form(
        self, request, context, add=False, change=False, form_url="", obj=None
    ) -> HttpResponse:
        if change and obj is not None:
            context["workflow"] = self.workflow_context(request, obj)
            if is_locked(obj):
                context.update(
                    show_save=False, show_save_and_continue=False, show_save_and_add_another=False
                )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def workflow_context(self, request: HttpRequest, claim: Claim) -> dict:
        """The workflow panel: the buttons this user may press, and the correction form."""
        actions = [
            {
                "label": ClaimAction(action).label,
                "note_required": action in services.NOTE_REQUIRED,
                "url": self._url("transition", claim.pk, action),
            }
            for action in allowed_actions(claim.status)
            if request.user.has_perm(services.ACTION_PERMISSIONS[action])
        ]
        correction_form = None
        if claim.status == Claim.Status.PUBLISHED and request.user.has_perm(
            "claims.correct_verdict"
        ):
            verdict = Verdict.objects.filter(claim=claim).first()
            correction_form = VerdictCorrectionForm(
                prefix="correction",
                initial={
                    "rating": verdict.rating_id if verdict else None,
                    "summary": verdict.summary if verdict else "",
                    "expected_version": claim.version,
                },
            )
        return {
            "status": claim.get_status_display(),
            "version": claim.version,
            "actions": actions,
            "note_required_for": [action["label"] for action in actions if action["note_required"]],
            "transition_form": TransitionForm(
                prefix="workflow", initial={"expected_version": claim.version}
            ),
            "correction_form": correction_form,
            "correction_url": self._url("correct_verdict", claim.pk),
        }

    # --- Workflow URLs ------------------------------------------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/workflow/<str:action>/",
                view(self.transition_view),
                name=self._url_name("transition"),
            ),
            path(
                "<path:object_id>/correct-verdict/",
                view(self.correct_verdict_view),
                name=self._url_name("correct_verdict"),
            ),
            *super().get_urls(),
        ]

    def _url_name(self, view: str) -> str:
        return f"{self.opts.app_label}_{self.opts.model_name}_{view}"

    def _url(self, view: str, *args) -> str:
        return reverse(f"admin:{self._url_name(view)}", args=args, current_app=self.admin_site.name)

    def _claim_for_post(self, request: HttpRequest, object_id: str) -> Claim:
        claim = self.get_object(request, unquote(object_id))
        if claim is None:
            raise Http404("No such claim.")
        if not self.has_view_or_change_permission(request, claim):
            raise PermissionDenied
        return claim

    def _back_to(self, claim: Claim) -> HttpResponse:
        return redirect(self._url("change", claim.pk))

    def transition_view(self, request: HttpRequest, object_id: str, action: str) -> HttpResponse:
        """A workflow button: run the action's service, then back to the claim's page."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if action not in services.TRANSITION_SERVICES:
            raise Http404("No such workflow action.")
        claim = self._claim_for_post(request, object_id)
        label = ClaimAction(action).label
        form = TransitionForm(request.POST, prefix="workflow")
        if not form.is_valid():
            self.message_user(
                request,
                f"{label} failed for “{claim}”: the form was incomplete; reload the page.",
                messages.ERROR,
            )
            return self._back_to(claim)
        call = partial(
            services.TRANSITION_SERVICES[action],
            claim=claim,
            actor=request.user,
            expected_version=form.cleaned_data["expected_version"],
            note=form.cleaned_data["note"],
        )
        if self.attempt(request, claim, label, call):
            self.message_user(
                request,
                f"{label}: “{claim}” is now {claim.get_status_display().lower()}.",
                messages.SUCCESS,
            )
        return self._back_to(claim)

    def correct_verdict_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """The correction form: change a published verdict with a public note."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        claim = self._claim_for_post(request, object_id)
        label = "Correct verdict"
        form = VerdictCorrectionForm(request.POST, prefix="correction")
        if not form.is_valid():
            problems = " ".join(
                f"{form[name].label}: {' '.join(errors)}" for name, errors in form.errors.items()
            )
            self.message_user(request, f"{label} failed for “{claim}”: {problems}", messages.ERROR)
            return self._back_to(claim)
        data = form.cleaned_data
        call = partial(
            services.verdict_correct,
            claim=claim,
            actor=request.user,
            note=data["note"],
            rating=data["rating"],
            summary=data["summary"] or None,
            expected_version=data["expected_version"],
        )
        if self.attempt(request, claim, label, call):
            self.message_user(
                request,
                f"{label}: the verdict on “{claim}” was corrected; the note is public.",
                messages.SUCCESS,
            )
        return self._back_to(claim)


@admin.register(ClaimInReview)
class ReviewQueueAdmin(WorkflowAdminMixin, admin.ModelAdmin):
    """Claims waiting for review, longest waiting first.

    A claim's wait starts at its latest move to review (the latest ClaimEvent to in_review);
    a claim put in review without an event (imported data) counts from its last update.
    """

    list_display = [
        "claim",
        "speaker",
        "submitted_at",
        "submitted_by",
        "assigned_to",
        "created_by",
    ]
    list_display_links = None
    list_filter = [
        ("assigned_to", admin.RelatedOnlyFieldListFilter),
        ("speaker", admin.RelatedOnlyFieldListFilter),
        "topics",
    ]
    list_select_related = ["speaker", "assigned_to", "created_by"]
    search_fields = ["text", "claim_reviewed", "speaker__name"]
    actions = [bulk_transition_action(ClaimAction.PUBLISH)]

    def get_queryset(self, request: HttpRequest) -> QuerySet[ClaimInReview]:
        submissions = ClaimEvent.objects.filter(
            claim=OuterRef("pk"), to_status=Claim.Status.IN_REVIEW
        ).order_by("-created_at", "-id")
        # Not super(): ModelAdmin.get_queryset orders by get_ordering() before the annotation.
        return ClaimInReview.objects.filter(status=Claim.Status.IN_REVIEW).annotate(
            submitted_at=Coalesce(Subquery(submissions.values("created_at")[:1]), F("updated_at")),
            submitted_by=Subquery(submissions.values("actor__username")[:1]),
        )

    def get_ordering(self, request: HttpRequest) -> list[str]:
        return ["submitted_at", "pk"]

    @admin.display(description="claim")
    def claim(self, claim: ClaimInReview) -> str:
        url = reverse(
            "admin:claims_claim_change", args=[claim.pk], current_app=self.admin_site.name
        )
        return format_html('<a href="{}">{}</a>', url, claim)

    @admin.display(description="in review since", ordering="submitted_at")
    def submitted_at(self, claim: ClaimInReview):
        return claim.submitted_at

    @admin.display(description="submitted by", ordering="submitted_by")
    def submitted_by(self, claim: ClaimInReview) -> str:
        return claim.submitted_by or "—"

    # Anyone who may see claims may see the queue; it is a view of them, edited on their page.
    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.has_perm("claims.view_claim") or request.user.has_perm(
            "claims.change_claim"
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


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

    def has_change_permission(self, request: HttpRequest, obj: Verdict | None = None) -> bool:
        # A published verdict changes only through a correction, on its claim's page.
        if obj is not None and is_locked(obj.claim):
            return False
        return super().has_change_permission(request, obj)


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
