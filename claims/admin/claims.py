"""The claim page: ClaimAdmin with its form, inlines and workflow buttons; appearances; history."""

from __future__ import annotations

from functools import partial

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html

from claims import services
from claims.admin.article_import import ArticleImportAdminMixin
from claims.admin.notes import notes_context, notes_urls, timeline_view
from claims.admin.workflow import (
    BULK_ACTIONS,
    STALE_EDIT,
    CappedModelMultipleChoiceField,
    LockedAfterPublicationInline,
    PublicUpdateForm,
    TransitionForm,
    VerdictCorrectionForm,
    WorkflowAdminMixin,
    bulk_transition_action,
    is_locked,
    verdict_byline,
)
from claims.matching import Match, claim_matches
from claims.models import (
    MAX_APPEARANCES,
    MAX_TOPICS,
    Appearance,
    Claim,
    ClaimAction,
    ClaimEvent,
    Correction,
    Verdict,
    allowed_actions,
)
from claimtracker.admin import ReadOnlyAdminMixin, ServiceSaveMixin
from claimtracker.exceptions import DomainError

# The claim form's own fields, read-only once a claim is published, rejected or retracted.
LOCKED_FIELDS = [*sorted(services.CLAIM_FIELDS_WITH_ASSIGNMENT), "topics"]
# Similar claims listed on a claim's page, and the score above which a new claim is flagged.
SIMILAR_CLAIMS = 5
SIMILAR_MIN_SCORE = 0.25
DUPLICATE_WARNING_SCORE = 0.5


def similar_claims(claim: Claim, *, user, min_score: float = SIMILAR_MIN_SCORE) -> list[Match]:
    """Other claims most like this one, as the matching endpoint ranks them."""
    matches = claim_matches(
        text=claim.claim_reviewed or claim.text,
        user=user,
        min_score=min_score,
        limit=SIMILAR_CLAIMS + 1,
    )
    return [match for match in matches if match.claim.pk != claim.pk][:SIMILAR_CLAIMS]


class AppearanceInline(LockedAfterPublicationInline, admin.TabularInline):
    """The claim's appearances, saved with the claim by claim_create or claim_update."""

    model = Appearance
    extra = 1
    max_num = MAX_APPEARANCES
    validate_max = True
    autocomplete_fields = ["source"]


class VerdictInline(LockedAfterPublicationInline, admin.StackedInline):
    """The claim's verdict, saved by verdict_set; its evidence is edited on its own page."""

    model = Verdict
    extra = 0
    max_num = 1
    can_delete = False
    autocomplete_fields = ["rating"]
    fields = ["rating", "summary", "analysis", "author", "reviewer", "byline", "published_at"]
    # Who wrote and who published are recorded by the services, never typed in (four eyes).
    readonly_fields = ["author", "reviewer", "byline", "published_at"]
    show_change_link = True

    @admin.display(description="contributors")
    def byline(self, verdict: Verdict) -> str:
        return verdict_byline(verdict)


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
    """The claim's workflow history, written by claims/services/."""

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

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["loaded_version"].initial = self.instance.version
        elif "language" in self.fields:
            # A new claim's language is detected from its text unless the editor gives one.
            self.fields["language"].required = False
            self.fields["language"].help_text += " Leave empty to detect it from the text."
            self.initial["language"] = ""

    def clean(self) -> dict:
        cleaned = super().clean()
        # The instance was read from the database for this request, so its status and version
        # are the current ones: what the service would refuse is shown on the form, with what
        # the user typed. The service checks again under the row lock.
        if self.instance.pk is not None:
            try:
                services.require_claim_editable(self.instance)
            except DomainError as error:
                raise ValidationError(str(error)) from error
            if cleaned.get("loaded_version") != self.instance.version:
                raise ValidationError(STALE_EDIT.format(current=self.instance.version))
        return cleaned


@admin.register(Claim)
class ClaimAdmin(ArticleImportAdminMixin, WorkflowAdminMixin, ServiceSaveMixin, admin.ModelAdmin):
    """Claims with their appearances, verdict and corrections, and the workflow buttons."""

    form = ClaimAdminForm
    service_fields = frozenset({*services.CLAIM_FIELDS_WITH_ASSIGNMENT, "topics"})
    list_display = [
        "__str__",
        "speaker",
        "status",
        "rating",
        "stated_on",
        "published_at",
        "assigned_to",
        "seen_version",
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
        "ready_for_review",
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
                    "ready_for_review",
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

    @admin.display(description="ready for review")
    def ready_for_review(self, claim: Claim) -> str:
        """What the claim still lacks before it can be submitted or published (the rule the
        workflow services apply)."""
        if claim.pk is None:
            return "—"
        problems = services.submission_problems(claim)
        return " ".join(problems) if problems else "Yes."

    # --- The claim form -----------------------------------------------------------------------

    def get_readonly_fields(self, request: HttpRequest, obj: Claim | None = None) -> list[str]:
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and is_locked(obj):
            readonly += LOCKED_FIELDS
        return readonly

    def create_with_service(self, *, actor, fields: dict, related: dict, form) -> Claim:
        claim = services.claim_create(
            actor=actor, appearances=_appearances(related.get(Appearance, ())), **fields
        )
        self._save_verdict(claim, actor=actor, related=related)
        return claim

    def update_with_service(
        self, *, instance: Claim, actor, fields: dict, related: dict, form
    ) -> Claim:
        # Called even when only inlines changed: it checks the version and the status and
        # bumps the version, so the next stale save of this claim is refused too.
        appearances = related.get(Appearance)
        claim = services.claim_update(
            claim=instance,
            actor=actor,
            expected_version=form.cleaned_data["loaded_version"],
            appearances=None if appearances is None else _appearances(appearances),
            **fields,
        )
        self._save_verdict(claim, actor=actor, related=related)
        return claim

    @staticmethod
    def _save_verdict(claim: Claim, *, actor, related: dict) -> None:
        for verdict in related.get(Verdict, ()):
            services.verdict_set(
                claim=claim,
                actor=actor,
                expected_version=None,
                rating=verdict.rating,
                summary=verdict.summary,
                analysis=verdict.analysis,
                evidence=None,
            )

    def describe_refusal(self, error: Exception) -> str:
        if isinstance(error, services.StaleVersion):
            return STALE_EDIT.format(current=error.current)
        return super().describe_refusal(error)

    def has_delete_permission(self, request: HttpRequest, obj: Claim | None = None) -> bool:
        # A claim the public has seen is retracted, never deleted.
        if obj is not None and obj.status in services.NEVER_DELETED_STATUSES:
            return False
        return super().has_delete_permission(request, obj)

    def delete_with_service(self, *, instance: Claim, actor) -> None:
        services.claim_delete(claim=instance, actor=actor)

    def get_deleted_objects(self, objs, request: HttpRequest):
        deleted, counts, _, protected = super().get_deleted_objects(objs, request)
        # The claim's appearances, verdict and history go with it, by claim_delete; their own
        # pages (read-only) delete nothing, which must not block deleting the claim.
        return deleted, counts, set(), protected

    def formfield_for_manytomany(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name == "topics":
            kwargs.update(form_class=CappedModelMultipleChoiceField, cap=MAX_TOPICS)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def render_change_form(
        self, request, context, add=False, change=False, form_url="", obj=None
    ) -> HttpResponse:
        if change and obj is not None:
            context["workflow"] = self.workflow_context(request, obj)
            context["similar_claims"] = similar_claims(obj, user=request.user)
            if is_locked(obj):
                context.update(
                    show_save=False, show_save_and_continue=False, show_save_and_add_another=False
                )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_add(self, request: HttpRequest, obj: Claim, post_url_continue=None):
        """After a new claim is saved, point at existing claims it may duplicate."""
        for match in similar_claims(obj, user=request.user, min_score=DUPLICATE_WARNING_SCORE):
            self.message_user(
                request,
                format_html(
                    'This may have been checked before: <a href="{}">#{} {}</a> ({}, score {}).',
                    reverse("admin:claims_claim_change", args=[match.claim.pk]),
                    match.claim.pk,
                    match.claim,
                    match.claim.get_status_display().lower(),
                    f"{match.score:.2f}",
                ),
                messages.WARNING,
            )
        return super().response_add(request, obj, post_url_continue)

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
        public_update_form = None
        if claim.status == Claim.Status.PUBLISHED and request.user.has_perm(
            services.PUBLIC_UPDATE_PERMISSION
        ):
            verdict = Verdict.objects.filter(claim=claim).first()
            public_update_form = PublicUpdateForm(
                prefix="update",
                claim=claim,
                initial={
                    "text": claim.text,
                    "claim_reviewed": claim.claim_reviewed,
                    "context": claim.context,
                    "analysis": verdict.analysis if verdict else "",
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
            "public_update_form": public_update_form,
            "public_update_url": self._url("public_update", claim.pk),
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
            path(
                "<path:object_id>/public-update/",
                view(self.public_update_view),
                name=self._url_name("public_update"),
            ),
            *notes_urls(self),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        claim = self.get_object(request, unquote(object_id))
        if claim is not None:  # the thread beside the workflow (claims/admin/notes.py)
            extra_context = {**(extra_context or {}), **notes_context(request, claim)}
        return super().change_view(request, object_id, form_url, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        """HISTORY: the claim's timeline in plain words (claims/admin/notes.py)."""
        return timeline_view(self, request, object_id)

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

    def _form_problems(self, request: HttpRequest, claim: Claim, label: str, form) -> bool:
        """Tell the user what is wrong with a workflow form; True if anything is."""
        if form.is_valid():
            return False
        problems = " ".join(
            f"{form[name].label}: {' '.join(errors)}" if name != "__all__" else " ".join(errors)
            for name, errors in form.errors.items()
        )
        self.message_user(request, f"{label} failed for “{claim}”: {problems}", messages.ERROR)
        return True

    def public_update_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """The public update form: change a published fact-check with a public note."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        claim = self._claim_for_post(request, object_id)
        label = "Public update"
        form = PublicUpdateForm(request.POST, prefix="update", claim=claim)
        if self._form_problems(request, claim, label, form):
            return self._back_to(claim)
        call = partial(
            services.claim_public_update,
            claim=claim,
            actor=request.user,
            **form.service_arguments(claim),
        )
        if self.attempt(request, claim, label, call):
            self.message_user(
                request,
                f"{label}: “{claim}” was updated; the note is public.",
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
        if self._form_problems(request, claim, label, form):
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


@admin.register(Appearance)
class AppearanceAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Where claims appeared, to search and read: appearances are edited on the claim's page
    while it is worked on, and by a public update once published."""

    list_display = ["claim", "source", "is_first"]
    list_filter = ["is_first"]
    list_select_related = ["claim", "source"]
    search_fields = ["claim__text", "source__title", "source__url"]


@admin.register(ClaimEvent)
class ClaimEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Every workflow step across claims; a read-only record."""

    list_display = ["claim", "action", "from_status", "to_status", "actor", "created_at"]
    list_filter = ["action", "to_status"]
    list_select_related = ["claim", "actor"]
    search_fields = ["claim__text", "note", "actor__username"]
    date_hierarchy = "created_at"


def _appearances(rows) -> list[services.AppearanceItem]:
    return [services.AppearanceItem(row.source, row.is_first, row.note) for row in rows]
