"""The claim page: ClaimAdmin with its form, inlines and workflow buttons; appearances; history."""

from __future__ import annotations

from functools import partial

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

from claims import services
from claims.admin.article_import import ArticleImportAdminMixin
from claims.admin.notes import notes_context, notes_urls, timeline_view
from claims.admin.verdicts import EvidenceInline
from claims.admin.workflow import (
    ACTION_DONE,
    ACTION_NOT_DONE,
    BULK_ACTIONS,
    STALE_EDIT,
    STEP_WORDS,
    CappedModelMultipleChoiceField,
    LabelledTableInline,
    LockedAfterPublicationInline,
    PublicUpdateForm,
    TransitionForm,
    VerdictCorrectionForm,
    WorkflowAdminMixin,
    bulk_transition_action,
    is_locked,
    requirement_links,
    requirements_html,
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
    Evidence,
    Verdict,
    allowed_actions,
)
from claims.selectors import desk_claims, desk_queues_for
from claimtracker.admin import REFUSALS, ReadOnlyAdminMixin, ServiceSaveMixin, describe
from claimtracker.exceptions import DomainError
from claimtracker.people import person_name

# The claim form's own fields, read-only once a claim is published, rejected or retracted.
LOCKED_FIELDS = [*sorted(services.CLAIM_FIELDS_WITH_ASSIGNMENT), "topics"]
# The actions that check the submission requirements (services.submission_requirements).
REQUIREMENTS_CHECKED = {ClaimAction.SUBMIT, ClaimAction.RESUBMIT, ClaimAction.PUBLISH}
# The step whose note a claim's page shows at the top, while the claim is in its result.
LAST_WORD_ACTIONS = {
    Claim.Status.CHANGES_REQUESTED: ClaimAction.REQUEST_CHANGES,
    Claim.Status.REJECTED: ClaimAction.REJECT,
}
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


class AppearanceInline(LabelledTableInline, LockedAfterPublicationInline, admin.TabularInline):
    """The claim's appearances, saved with the claim by claim_create or claim_update."""

    model = Appearance
    extra = 1
    max_num = MAX_APPEARANCES
    validate_max = True
    autocomplete_fields = ["source"]


class ClaimEvidenceFormSet(BaseInlineFormSet):
    """The evidence of a claim's verdict, given the claim (an empty verdict while it has none)."""

    def __init__(self, data=None, files=None, instance=None, **kwargs) -> None:
        if isinstance(instance, Claim):
            verdict = None
            if instance.pk is not None:
                verdict = Verdict.objects.filter(claim=instance).first()
            instance = verdict or Verdict()
        super().__init__(data, files, instance=instance, **kwargs)


class VerdictInline(LockedAfterPublicationInline, admin.StackedInline):
    """The claim's verdict, saved with its evidence by verdict_set; a claim without one shows
    an empty verdict form, saved once filled in."""

    model = Verdict
    extra = 1
    max_num = 1
    can_delete = False
    autocomplete_fields = ["rating"]
    fields = ["rating", "summary", "analysis", "byline", "reviewer", "published_at"]
    # Who wrote and who published are recorded by the services, never typed in (four eyes).
    readonly_fields = ["byline", "reviewer", "published_at"]

    @admin.display(description="contributors")
    def byline(self, verdict: Verdict) -> str:
        return verdict_byline(verdict)


class ClaimEvidenceInline(EvidenceInline):
    """The verdict's evidence on its claim's page, saved with the verdict by verdict_set."""

    formset = ClaimEvidenceFormSet

    def __init__(self, parent_model, admin_site) -> None:
        # Evidence belongs to the verdict: its formset is built on the verdict, and given the
        # claim (ClaimEvidenceFormSet finds the verdict).
        super().__init__(Verdict, admin_site)


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
    """The claim's workflow history in plain words, written by claims/services/."""

    model = ClaimEvent
    extra = 0
    can_delete = False
    fields = ["created_at", "step", "by", "note"]
    readonly_fields = fields
    verbose_name_plural = "workflow history"

    @admin.display(description="step")
    def step(self, event: ClaimEvent) -> str:
        return STEP_WORDS.get(event.action, event.action)

    @admin.display(description="by")
    def by(self, event: ClaimEvent) -> str:
        return person_name(event.actor) if event.actor_id else "the system"

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).select_related("actor")

    def has_add_permission(self, request: HttpRequest, obj: Claim | None = None) -> bool:
        return False


def short_date(value) -> str:
    """A date as "18 Jan 2019", or a dash."""
    return date_format(value, "j M Y") if value else "—"


class DeskFilter(admin.SimpleListFilter):
    """The claim list's "my work" filter: the lines of the user's desk (the home page's
    counts link here)."""

    title = "my work"
    parameter_name = "desk"

    def lookups(self, request: HttpRequest, model_admin) -> list[tuple[str, str]]:
        return [(queue.key, queue.label) for queue in desk_queues_for(request.user)]

    def queryset(self, request: HttpRequest, queryset):
        if self.value() in {queue.key for queue in desk_queues_for(request.user)}:
            return desk_claims(request.user, self.value(), queryset)
        return queryset


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
        "title",
        "speaker",
        "status",
        "rating",
        "stated",
        "assigned_to",
        "published",
        "seen_version",
    ]
    list_display_links = ["title"]
    list_filter = [
        DeskFilter,
        "status",
        ("assigned_to", admin.RelatedOnlyFieldListFilter),
        ("speaker", admin.RelatedOnlyFieldListFilter),
        "topics",
        ("verdict__rating", admin.RelatedOnlyFieldListFilter),
        "language",
    ]
    list_select_related = ["speaker", "verdict__rating", "assigned_to"]
    search_fields = ["text", "claim_reviewed", "speaker__name", "speaker__aliases__name"]
    # Topics as a plain list box: select2's multiple choice fails screen readers (axe-core).
    autocomplete_fields = ["speaker", "assigned_to"]
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
        ("Filing and assignment", {"fields": ["topics", "language", "assigned_to"]}),
        (
            "Record",
            {
                "fields": [
                    "status",
                    "created_by",
                    "published_at",
                    "version",
                    "created_at",
                    "updated_at",
                    "loaded_version",
                ],
                "classes": ["collapse"],
            },
        ),
    ]
    # The review page: the claim, then its verdict, the verdict's evidence and the claim's
    # appearances, all saved together by the services; the public record and history last.
    inlines = [
        VerdictInline,
        ClaimEvidenceInline,
        AppearanceInline,
        CorrectionInline,
        ClaimEventInline,
    ]
    actions = [bulk_transition_action(action) for action in BULK_ACTIONS]

    @admin.display(description="claim", ordering="claim_reviewed")
    def title(self, claim: Claim) -> str:
        # The full text on hover; the short claim in the column, so rows stay a line or two.
        return format_html('<span title="{}">{}</span>', claim.text, claim)

    @admin.display(description="rating", ordering="verdict__rating__order")
    def rating(self, claim: Claim) -> str:
        verdict = getattr(claim, "verdict", None)
        return str(verdict.rating) if verdict and verdict.rating else "—"

    # Short dates, so the list's columns fit beside its filters at 1366 px.
    @admin.display(description="stated on", ordering="stated_on")
    def stated(self, claim: Claim) -> str:
        return short_date(claim.stated_on)

    @admin.display(description="published", ordering="published_at")
    def published(self, claim: Claim) -> str:
        return short_date(claim.published_at and timezone.localtime(claim.published_at))

    def view_on_site(self, claim: Claim) -> str | None:
        """The public page, for a published claim (the others have none)."""
        if claim.status != Claim.Status.PUBLISHED:
            return None
        return claim.get_absolute_url()

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
        """The verdict and its evidence, when either changed on the page: one verdict_set call
        (in the admin's transaction, after claim_create or claim_update)."""
        verdicts, evidence = related.get(Verdict, ()), related.get(Evidence)
        if not verdicts and evidence is None:
            return
        verdict = verdicts[0] if verdicts else Verdict.objects.filter(claim=claim).first()
        services.verdict_set(
            claim=claim,
            actor=actor,
            expected_version=None,
            rating=verdict.rating if verdict else None,
            summary=verdict.summary if verdict else "",
            analysis=verdict.analysis if verdict else "",
            evidence=None
            if evidence is None
            else [services.EvidenceItem(row.source, row.stance, row.note) for row in evidence],
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
            if not is_locked(obj):
                context["checklist"] = requirement_links(obj)
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
            "last_word": self.last_word(claim),
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

    @staticmethod
    def last_word(claim: Claim) -> dict | None:
        """Why a claim was sent back or rejected, while it is: the note, who wrote it, when."""
        if claim.status not in LAST_WORD_ACTIONS:
            return None
        event = (
            ClaimEvent.objects.filter(claim=claim, action=LAST_WORD_ACTIONS[claim.status])
            .select_related("actor")
            .order_by("-created_at", "-pk")
            .first()
        )
        if event is None:
            return None
        return {
            "step": STEP_WORDS[event.action],
            "by": person_name(event.actor) if event.actor_id else "the system",
            "at": event.created_at,
            "note": event.note,
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
        not_done = ACTION_NOT_DONE[action]
        form = TransitionForm(request.POST, prefix="workflow")
        if not form.is_valid():
            self.message_user(
                request,
                f"“{claim}” was not {not_done}: the form was incomplete; reload the page.",
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
        try:
            call()
        except ValidationError as error:
            if action in REQUIREMENTS_CHECKED and "claim" in getattr(error, "error_dict", {}):
                # What is missing, each a link to where it is fixed on the page.
                self.message_user(
                    request,
                    format_html(
                        "“{}” was not {}: it still needs what is listed below.{}",
                        claim,
                        not_done,
                        requirements_html(claim),
                    ),
                    messages.ERROR,
                )
            else:
                self.message_user(request, self.not_done(claim, not_done, error), messages.ERROR)
            return self._back_to(claim)
        except REFUSALS as error:
            self.message_user(request, self.not_done(claim, not_done, error), messages.ERROR)
            return self._back_to(claim)
        self.message_user(request, self.done_message(claim, action), messages.SUCCESS)
        return self._back_to(claim)

    def done_message(self, claim: Claim, action: str):
        """What the user is told once ``action`` is done; publishing links to the public page."""
        if action == ClaimAction.PUBLISH:
            return format_html(
                '{}: “{}”. <a href="{}">See it on the public site</a>.',
                ACTION_DONE[action],
                claim,
                claim.get_absolute_url(),
            )
        return f"{ACTION_DONE[action]}: “{claim}”."

    @staticmethod
    def not_done(claim: Claim, not_done: str, error: Exception) -> str:
        return f"“{claim}” was not {not_done}: {describe(error)}"

    def _form_problems(self, request: HttpRequest, claim: Claim, not_done: str, form) -> bool:
        """Tell the user what is wrong with a workflow form; True if anything is."""
        if form.is_valid():
            return False
        problems = " ".join(
            f"{form[name].label}: {' '.join(errors)}" if name != "__all__" else " ".join(errors)
            for name, errors in form.errors.items()
        )
        self.message_user(request, f"“{claim}” was not {not_done}: {problems}", messages.ERROR)
        return True

    def public_update_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """The public update form: change a published fact-check with a public note."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        claim = self._claim_for_post(request, object_id)
        form = PublicUpdateForm(request.POST, prefix="update", claim=claim)
        if self._form_problems(request, claim, "updated", form):
            return self._back_to(claim)
        call = partial(
            services.claim_public_update,
            claim=claim,
            actor=request.user,
            **form.service_arguments(claim),
        )
        if self.attempt(request, claim, "updated", call):
            self.message_user(
                request,
                f"Updated: “{claim}”; the note is public.",
                messages.SUCCESS,
            )
        return self._back_to(claim)

    def correct_verdict_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """The correction form: change a published verdict with a public note."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        claim = self._claim_for_post(request, object_id)
        form = VerdictCorrectionForm(request.POST, prefix="correction")
        if self._form_problems(request, claim, "corrected", form):
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
        if self.attempt(request, claim, "corrected", call):
            self.message_user(
                request,
                f"Corrected: the verdict on “{claim}”; the note is public.",
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
