"""The admin site, and what the apps' admin pages share: saving through services, read-only."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.forms.models import BaseModelFormSet
from django.http import HttpRequest
from django.urls import reverse

from claimtracker.exceptions import DomainError, describe

__all__ = [
    "INTERNAL_MODELS",
    "LINK_GROUPS",
    "REFUSALS",
    "ClaimTrackerAdminSite",
    "ReadOnlyAdminMixin",
    "RefusedSaveMixin",
    "SaveRefused",
    "ServiceSaveMixin",
    "describe",
    "formset_rows",
]

# What a service may refuse with; the admin shows these as messages or form errors, never a 500.
REFUSALS = (PermissionDenied, ValidationError, DomainError)
_REFUSALS_ATTR = "_admin_save_refusals"


def formset_rows(formset: BaseModelFormSet) -> list[Model]:
    """The rows an inline formset asks for once saved: kept and edited rows, then new ones,
    as unsaved instances carrying the submitted values (deleted and blank forms left out)."""
    deleted = set(map(id, formset.deleted_forms)) if formset.can_delete else set()
    return [
        form.instance
        for form in formset.forms
        if id(form) not in deleted and (form.instance.pk is not None or form.has_changed())
    ]


class SaveRefused(Exception):
    """A service refused the save; the admin shows the form again with these messages."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__(" ".join(messages))
        self.messages = messages


class RefusedSaveMixin:
    """Shows a service's refusal of a save as errors on the same form, with nothing saved.

    ``save_model`` or ``save_related`` raise ``SaveRefused``; the admin's transaction rolls
    back, and the same POST is shown again with the reasons as form errors, so the user keeps
    what they typed.
    """

    def get_form(self, request: HttpRequest, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        refusals = list(getattr(request, _REFUSALS_ATTR, ()))
        if not refusals:
            return form

        class Refused(form):
            def clean(self) -> dict:
                super().clean()
                raise ValidationError(refusals)

        Refused.__name__ = form.__name__
        return Refused

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except SaveRefused as refused:
            setattr(request, _REFUSALS_ATTR, refused.messages)
            return super().changeform_view(request, object_id, form_url, extra_context)


class ServiceSaveMixin(RefusedSaveMixin):
    """A ModelAdmin whose form and inlines save through the app's services, never ``save()``.

    Subclasses name the form fields the services accept (``service_fields``, many-to-many
    fields included) and implement ``create_with_service`` and ``update_with_service``, which
    receive those fields, the form and, per inline model whose formset changed, the rows it
    asks for (``formset_rows``): one service call saves the object with its inlines. Pages
    that may delete implement ``delete_with_service``; the others offer no delete.

    Whatever the form and formsets validated, a service may still refuse (a rule they do not
    know, or a change made meanwhile): the admin's transaction is rolled back and the same
    page is shown again with the reason as a form error, with what the user typed.
    """

    service_fields: frozenset[str] = frozenset()

    def create_with_service(self, *, actor, fields: dict, related: dict, form) -> Model:
        raise NotImplementedError

    def update_with_service(
        self, *, instance: Model, actor, fields: dict, related: dict, form
    ) -> Model:
        raise NotImplementedError

    def delete_with_service(self, *, instance: Model, actor) -> None:
        raise NotImplementedError

    def describe_refusal(self, error: Exception) -> str:
        return describe(error)

    # --- Saving ---------------------------------------------------------------------------

    def save_model(self, request: HttpRequest, obj: Model, form, change: bool) -> None:
        """Nothing yet: ``save_related`` saves the object and its inlines in one service call."""

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        related = {}
        for formset in formsets:
            # Writes nothing; fills the lists Django's change message reads.
            formset.save(commit=False)
            if formset.has_changed():
                related[formset.model] = formset_rows(formset)
        fields = {
            name: form.cleaned_data[name]
            for name in self.service_fields
            if name in form.cleaned_data and (not change or name in form.changed_data)
        }
        obj = form.instance
        try:
            if change:
                saved = self.update_with_service(
                    instance=obj, actor=request.user, fields=fields, related=related, form=form
                )
            else:
                saved = self.create_with_service(
                    actor=request.user, fields=fields, related=related, form=form
                )
        except REFUSALS as error:
            raise SaveRefused([self.describe_refusal(error)]) from error
        # Django logs the change and redirects using the form's instance.
        obj.pk = saved.pk
        obj._state.adding = False
        obj._state.db = saved._state.db
        obj.refresh_from_db()

    # --- Deleting -------------------------------------------------------------------------

    def _deletes_through_a_service(self) -> bool:
        return type(self).delete_with_service is not ServiceSaveMixin.delete_with_service

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return self._deletes_through_a_service() and super().has_delete_permission(request, obj)

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        self.delete_with_service(instance=obj, actor=request.user)

    def delete_queryset(self, request: HttpRequest, queryset) -> None:
        for obj in queryset:
            self.delete_with_service(instance=obj, actor=request.user)


class ReadOnlyAdminMixin:
    """A page that shows rows written elsewhere (by services, or on another page)."""

    def has_add_permission(self, request: HttpRequest, *args) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


# --- The site: branding, the desk on the home page, links grouped by what they are for -------


@dataclass(frozen=True)
class LinkGroup:
    """A section of the admin's home page and side menu, listing pages by app and model."""

    key: str
    name: str
    models: tuple[tuple[str, str], ...]


# The home page's sections, in order; within one, the pages in the order given. The desk's
# own lines (My drafts, Assigned to me...) are added to "Desk" for whoever sees claims.
LINK_GROUPS = (
    LinkGroup("desk", "Desk", (("claims", "ClaimInReview"), ("notifications", "Notification"))),
    LinkGroup(
        "factchecks",
        "Fact-checks",
        (
            ("claims", "Claim"),
            ("claims", "Speaker"),
            ("claims", "Topic"),
            ("sources", "Source"),
            ("claims", "Correction"),
        ),
    ),
    LinkGroup(
        "settings",
        "Settings",
        (
            ("claims", "Rating"),
            ("claims", "RatingLabel"),
            ("sources", "Publisher"),
            ("auth", "User"),
            ("auth", "Group"),
            ("sync", "WebhookSubscription"),
            ("authtoken", "TokenProxy"),
        ),
    ),
)
# Rows written by the services and edited, if at all, on their claim's page: their pages stay
# reachable by URL (links, bookmarks) but are left out of the menus.
INTERNAL_MODELS = frozenset(
    {
        ("claims", "Appearance"),
        ("claims", "Evidence"),
        ("claims", "Verdict"),
        ("claims", "VerdictContributor"),
        ("claims", "ClaimEvent"),
        ("claims", "SpeakerAlias"),
        ("claims", "ExternalReview"),
        ("sources", "ReportedSpeech"),
        ("sync", "WebhookDelivery"),
        ("sync", "DeliveryAttempt"),
        ("sync", "ChangeEvent"),
    }
)
# Whatever else is registered (the job queue, sign-in lockouts, raw audit events: pages only
# superusers see) is listed last, under this name.
OTHER_GROUP = LinkGroup("system", "System", ())


class ClaimTrackerAdminSite(admin.AdminSite):
    """The newsroom's admin: named for the organisation, a personal desk on the home page, and
    links grouped as Desk, Fact-checks and Settings, internal tables left out."""

    index_template = "admin/desk_index.html"
    # The home page lists every page, grouped; without the side menu, lists and the review
    # page have the width of the screen (the claim list's columns fit at 1366 px).
    enable_nav_sidebar = False
    index_title = "Desk"
    # The public site's front page (website app).
    site_url = "/"

    @property
    def site_header(self) -> str:
        return settings.CLAIMTRACKER_ORGANIZATION_NAME

    @property
    def site_title(self) -> str:
        return f"{settings.CLAIMTRACKER_ORGANIZATION_NAME} desk"

    def get_app_list(self, request: HttpRequest, app_label: str | None = None) -> list[dict]:
        app_list = super().get_app_list(request, app_label)
        for app in app_list:
            app["models"] = [
                model
                for model in app["models"]
                if (app["app_label"], model["object_name"]) not in INTERNAL_MODELS
            ]
        if app_label is not None:
            return [app for app in app_list if app["models"]]
        return self._grouped(request, app_list)

    def _grouped(self, request: HttpRequest, app_list: list[dict]) -> list[dict]:
        pages = {
            (app["app_label"], model["object_name"]): model
            for app in app_list
            for model in app["models"]
        }
        index = reverse("admin:index", current_app=self.name)
        sees_claims = ("claims", "Claim") in pages
        groups = []
        for group in (*LINK_GROUPS, OTHER_GROUP):
            if group is OTHER_GROUP:
                models = list(pages.values())
            else:
                models = [pages.pop(key) for key in group.models if key in pages]
            if group.key == "desk" and sees_claims:
                models += self.desk_links(request)
            if models:
                groups.append(
                    {
                        "name": group.name,
                        "app_label": group.key,
                        # Not a page of its own: the section's title leads to the home page.
                        "app_url": f"{index}#{group.key}",
                        "has_module_perms": True,
                        "models": models,
                    }
                )
        return groups

    def desk_links(self, request: HttpRequest) -> list[dict]:
        """The desk's lines as menu entries, each the claim list filtered to it."""
        from claims.selectors import desk_queues_for

        claims = reverse("admin:claims_claim_changelist", current_app=self.name)
        return [
            {
                "name": queue.label,
                "object_name": f"Desk_{queue.key}",
                "admin_url": f"{claims}?desk={queue.key}",
                "add_url": None,
                "view_only": True,
                "perms": {"view": True},
            }
            for queue in desk_queues_for(request.user)
        ]

    def index(self, request: HttpRequest, extra_context: dict | None = None):
        """The home page: the user's desk, with counts, above the grouped links."""
        from claims.selectors import desk_counts, desk_queues_for

        context = {"desk": []}
        if request.user.has_perm("claims.view_claim"):
            counts = desk_counts(request.user)
            claims = reverse("admin:claims_claim_changelist", current_app=self.name)
            context["desk"] = [
                {
                    "key": queue.key,
                    "label": queue.label,
                    "count": counts[queue.key],
                    "url": f"{claims}?desk={queue.key}",
                }
                for queue in desk_queues_for(request.user)
            ]
        return super().index(request, {**context, **(extra_context or {})})
