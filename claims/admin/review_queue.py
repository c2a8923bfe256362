"""The review queue: claims waiting for review, longest waiting first."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from claims.admin.workflow import WorkflowAdminMixin, bulk_transition_action
from claims.models import Claim, ClaimAction, ClaimEvent, ClaimInReview


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
        "seen_version",
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
    # Claims in review have no public page yet.
    view_on_site = False

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
