"""The claims API: reads, writes, one endpoint per workflow action, and a claim's history."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_view
from pghistory.models import Events
from rest_framework import permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.request import Request
from rest_framework.response import Response

from claims import fast_detail, fast_list, services
from claims.claimreview.render import claim_review
from claims.filters import ClaimFilter
from claims.matching import match_scores, matches_for_scores
from claims.models import Claim, ClaimAction
from claims.selectors import (
    claim_etag,
    claim_retraction,
    claims_for_claimreview,
    claims_for_detail,
    claims_for_list,
    claims_visible_to,
    user_sees_unpublished,
)
from claims.serializers import (
    ClaimDetailSerializer,
    ClaimHistorySerializer,
    ClaimInputSerializer,
    ClaimListSerializer,
    ClaimMatchesSerializer,
    ClaimMatchSerializer,
    CorrectionInputSerializer,
    CorrectionSerializer,
    MatchQuerySerializer,
    PublicUpdateInputSerializer,
    TransitionInputSerializer,
    VerdictInputSerializer,
)
from claims.views.claimreview import JSONLDRenderer
from claims.views.conditional import IfMatchFailed, expected_version
from claimtracker.caching import PublicResponseCacheMixin
from claimtracker.exceptions import Gone
from claimtracker.openapi import (
    ETAG,
    FORBIDDEN,
    GONE,
    GUARDED_WRITE_ERRORS,
    IF_MATCH,
    IF_NONE_MATCH,
    NOT_FOUND,
    NOT_MODIFIED,
    UNAUTHORIZED,
    VALIDATION_ERROR,
)

# The schema of every workflow endpoint: POST /api/v1/claims/{id}/submit/, /request-changes/...
# extend_schema goes above @action, which would otherwise replace what it attaches.
TRANSITION_SCHEMA = {
    "parameters": [IF_MATCH, ETAG],
    "request": TransitionInputSerializer,
    "responses": {200: ClaimDetailSerializer, **GUARDED_WRITE_ERRORS},
    "filters": False,
}


@extend_schema_view(
    list=extend_schema(
        summary="List claims",
        description="Published claims (staff: every status), newest first.",
        responses={200: ClaimListSerializer(many=True), 400: VALIDATION_ERROR, 404: NOT_FOUND},
    ),
    retrieve=extend_schema(
        summary="A claim with its full verdict and corrections",
        parameters=[IF_NONE_MATCH, ETAG],
        responses={
            200: ClaimDetailSerializer,
            304: NOT_MODIFIED,
            404: NOT_FOUND,
            410: GONE,
        },
    ),
)
class ClaimViewSet(PublicResponseCacheMixin, viewsets.ReadOnlyModelViewSet):
    """Claims and their verdicts: read by anyone (published only), written by the newsroom."""

    filterset_class = ClaimFilter
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]

    def get_queryset(self):
        if self.action == "list":
            return claims_for_list(self.request.user)
        if self.action == "claimreview":
            return claims_for_claimreview(self.request.user)
        return claims_for_detail(self.request.user)

    def get_serializer_class(self):
        return ClaimListSerializer if self.action == "list" else ClaimDetailSerializer

    def perform_content_negotiation(self, request, force=False):
        # JSON-LD is the only representation of a ClaimReview: serve it whatever Accept says.
        if self.action == "claimreview":
            renderer = self.get_renderers()[0]
            return renderer, renderer.media_type
        return super().perform_content_negotiation(request, force)

    def list(self, request: Request, *args, **kwargs) -> Response:
        # The common anonymous requests take the fast path (claims/fast_list.py); the rest,
        # and every bad value, the generic one.
        return self.cached(
            request,
            lambda: fast_list.claim_list(request) or super(ClaimViewSet, self).list(request),
            public=self._public(),
        )

    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        # Public readers take the fast path (claims/fast_detail.py); the rest, the generic one.
        return self._conditional(
            "json",
            lambda: (
                fast_detail.claim_detail(request, int(self.kwargs[self.lookup_field]))
                or super(ClaimViewSet, self).retrieve(request)
            ),
        )

    @extend_schema(
        summary="The claim's fact-check as schema.org ClaimReview (JSON-LD)",
        parameters=[IF_NONE_MATCH, ETAG],
        responses={
            (200, "application/ld+json"): {"$ref": "#/components/schemas/ClaimReview"},
            (304, "application/ld+json"): NOT_MODIFIED,
            (404, "application/ld+json"): NOT_FOUND,
            (410, "application/ld+json"): GONE,
            # An id the URL patterns do not take ("0.5") never reaches the view.
            (404, "application/json"): NOT_FOUND,
        },
        filters=False,
    )
    @action(detail=True, url_path="claimreview", renderer_classes=[JSONLDRenderer])
    def claimreview(self, request: Request, pk: str) -> Response:
        def render() -> Response:
            claim = self.get_object()
            if claim.status == Claim.Status.RETRACTED:
                raise_gone(claim.pk)
            if claim.status != Claim.Status.PUBLISHED:
                raise Http404
            return Response(claim_review(claim, request=request))

        return self._conditional("claimreview", render)

    def _conditional(self, representation: str, render) -> Response:
        lookup = self.kwargs[self.lookup_field]
        if not str(lookup).isdigit():
            raise Http404
        claim_id = int(lookup)
        # The ETag is read in the same snapshot as the body and cached with it.
        return self.cached(
            self.request,
            render,
            public=self._public(),
            etag=lambda: self._etag_or_gone(claim_id, representation),
            claim_id=claim_id,
        )

    def _etag_or_gone(self, claim_id: int, representation: str) -> str | None:
        """The claim's ETag; 410 Gone (with the note) if it was retracted; None if not found."""
        etag = claim_etag(claim_id=claim_id, user=self.request.user, representation=representation)
        if etag is None:
            raise_gone(claim_id)
        return etag

    def _public(self) -> bool:
        """Whether this reader sees what anonymous readers see (and may share their cache)."""
        return not user_sees_unpublished(self.request.user)

    def filter_queryset(self, queryset):
        # Filters apply to the list only; a detail is looked up by id alone.
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    # --- Writes ------------------------------------------------------------------------------

    def _detail(self, claim_id: int, status_code: int = status.HTTP_200_OK) -> Response:
        """The claim as GET shows it now, with its new ETag (the fast path's writer, held to
        ClaimDetailSerializer by tests/api/test_fast_detail.py)."""
        detail = fast_detail.written_claim_detail(self.request, claim_id)
        return Response(detail, status=status_code, headers={"ETag": self._etag(claim_id)})

    def _guarded(self, change, respond=None) -> Response:
        """Run ``change(claim, expected_version)`` under If-Match, then ``respond(result)``
        (default: the claim as GET shows it). A 412 carries the current ETag.

        The claim is looked up without its relations: the service locks and reads what it
        needs, and the response loads the detail once, after the change."""
        claim = get_object_or_404(
            claims_visible_to(self.request.user), pk=self.kwargs[self.lookup_field]
        )
        try:
            version = expected_version(self.request, lambda: self._etag(claim.pk))
            result = change(claim, version)
        except (services.StaleVersion, IfMatchFailed) as stale:
            return Response(stale.payload(), status=412, headers={"ETag": self._etag(claim.pk)})
        return respond(result) if respond else self._detail(claim.pk)

    def _etag(self, claim_id: int) -> str:
        return claim_etag(claim_id=claim_id, user=self.request.user, representation="json")

    @extend_schema(
        summary="Record a new claim (a draft)",
        parameters=[ETAG],
        request=ClaimInputSerializer,
        responses={
            201: ClaimDetailSerializer,
            400: VALIDATION_ERROR,
            401: UNAUTHORIZED,
            403: FORBIDDEN,
        },
    )
    def create(self, request: Request, *args, **kwargs) -> Response:
        data = ClaimInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        claim = services.claim_create(actor=request.user, **data.service_arguments())
        return self._detail(claim.pk, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Edit a claim in work",
        parameters=[IF_MATCH, ETAG],
        request=ClaimInputSerializer(partial=True),
        responses={
            200: ClaimDetailSerializer,
            **GUARDED_WRITE_ERRORS,
        },
    )
    def partial_update(self, request: Request, *args, **kwargs) -> Response:
        data = ClaimInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        return self._guarded(
            lambda claim, version: services.claim_update(
                claim=claim,
                actor=request.user,
                expected_version=version,
                **data.service_arguments(),
            )
        )

    def _transition(self, request: Request, action_name: str) -> Response:
        data = TransitionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        service = services.TRANSITION_SERVICES[action_name]
        return self._guarded(
            lambda claim, version: service(
                claim=claim,
                actor=request.user,
                expected_version=version,
                note=data.validated_data["note"],
            )
        )

    # --- Workflow: one endpoint per action (claims/services/workflow.py) ---------------------

    @extend_schema(summary="Submit a draft for review", **TRANSITION_SCHEMA)
    @action(detail=True, methods=["post"], url_path="submit")
    def submit(self, request: Request, pk: str) -> Response:
        """Submit a draft for review"""
        return self._transition(request, ClaimAction.SUBMIT)

    @extend_schema(summary="Send a claim in review back with a note (editors)", **TRANSITION_SCHEMA)
    @action(detail=True, methods=["post"], url_path="request-changes")
    def request_changes(self, request: Request, pk: str) -> Response:
        """Send a claim in review back with a note (editors)"""
        return self._transition(request, ClaimAction.REQUEST_CHANGES)

    @extend_schema(summary="Send a claim back to review after changes", **TRANSITION_SCHEMA)
    @action(detail=True, methods=["post"], url_path="resubmit")
    def resubmit(self, request: Request, pk: str) -> Response:
        """Send a claim back to review after changes"""
        return self._transition(request, ClaimAction.RESUBMIT)

    @extend_schema(
        summary="Publish a claim in review (editors; not the verdict's author)", **TRANSITION_SCHEMA
    )
    @action(detail=True, methods=["post"], url_path="publish")
    def publish(self, request: Request, pk: str) -> Response:
        """Publish a claim in review (editors; not the verdict's author)"""
        return self._transition(request, ClaimAction.PUBLISH)

    @extend_schema(summary="Reject a claim in review with a note (editors)", **TRANSITION_SCHEMA)
    @action(detail=True, methods=["post"], url_path="reject")
    def reject(self, request: Request, pk: str) -> Response:
        """Reject a claim in review with a note (editors)"""
        return self._transition(request, ClaimAction.REJECT)

    @extend_schema(
        summary="Retract a published claim with a public note (editors)", **TRANSITION_SCHEMA
    )
    @action(detail=True, methods=["post"], url_path="retract")
    def retract(self, request: Request, pk: str) -> Response:
        """Retract a published claim with a public note (editors)"""
        return self._transition(request, ClaimAction.RETRACT)

    @extend_schema(
        summary="Write the verdict of a claim in work (replaces rating, text and evidence)",
        parameters=[IF_MATCH, ETAG],
        request=VerdictInputSerializer,
        responses={
            200: ClaimDetailSerializer,
            **GUARDED_WRITE_ERRORS,
        },
    )
    @action(detail=True, methods=["put"], url_path="verdict")
    def verdict(self, request: Request, pk: str) -> Response:
        data = VerdictInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = data.validated_data
        evidence = [services.EvidenceItem(**item) for item in fields["evidence"]]
        return self._guarded(
            lambda claim, version: services.verdict_set(
                claim=claim,
                actor=request.user,
                expected_version=version,
                rating=fields["rating"],
                summary=fields["summary"],
                analysis=fields["analysis"],
                evidence=evidence,
            )
        )

    @extend_schema(
        summary="Correct a published verdict, with a public note",
        parameters=[IF_MATCH, ETAG],
        request=CorrectionInputSerializer,
        responses={
            201: CorrectionSerializer,
            **GUARDED_WRITE_ERRORS,
        },
    )
    @action(detail=True, methods=["post"], url_path="corrections")
    def corrections(self, request: Request, pk: str) -> Response:
        data = CorrectionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._guarded(
            lambda claim, version: services.verdict_correct(
                claim=claim, actor=request.user, expected_version=version, **data.validated_data
            ),
            respond=lambda correction: Response(
                CorrectionSerializer(correction).data,
                status=status.HTTP_201_CREATED,
                headers={"ETag": self._etag(correction.claim_id)},
            ),
        )

    @extend_schema(
        summary="Publicly update a published fact-check (a dead link, the analysis...), with a "
        "public note (editors)",
        description="Changes what the public sees other than the rating and summary (those "
        "change by correction): the claim's text, speaker, date, context, language, topics "
        "and appearances, the verdict's analysis and evidence. Lists given replace the "
        "current ones. The update is listed with the corrections (`kind` `update`) on the "
        "page, in the claim's JSON and in its ClaimReview.",
        parameters=[IF_MATCH],
        request=PublicUpdateInputSerializer,
        responses={
            201: CorrectionSerializer,
            **GUARDED_WRITE_ERRORS,
        },
    )
    @action(detail=True, methods=["post"], url_path="updates")
    def updates(self, request: Request, pk: str) -> Response:
        data = PublicUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        arguments = data.service_arguments()
        if "evidence" in arguments:
            arguments["evidence"] = [
                services.EvidenceItem(**item) for item in arguments["evidence"]
            ]
        return self._guarded(
            lambda claim, version: services.claim_public_update(
                claim=claim, actor=request.user, expected_version=version, **arguments
            ),
            respond=lambda update: Response(
                CorrectionSerializer(update).data,
                status=status.HTTP_201_CREATED,
                headers={"ETag": self._etag(update.claim_id)},
            ),
        )

    @extend_schema(
        summary="Has this been checked? The claims most similar to a text",
        description="Up to 10 claims, best first, each with a `score` from 0 to 1 (see "
        "docs/matching.md). Anonymous clients see published claims only; staff see all.",
        parameters=[MatchQuerySerializer],
        responses={200: ClaimMatchesSerializer, 400: VALIDATION_ERROR},
        filters=False,
    )
    @action(detail=False, methods=["get"], url_path="match")
    def match(self, request: Request) -> Response:
        # A claim going viral is checked by many readers with the same words: cached too.
        return self.cached(request, lambda: self._match(request), public=self._public())

    def _match(self, request: Request) -> Response:
        query = MatchQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        speaker = query.validated_data.get("speaker")
        scores = match_scores(
            text=query.validated_data["text"],
            user=request.user,
            min_score=query.validated_data["min_score"],
            languages=query.validated_data.get("language"),
            speaker=speaker.slug if speaker else None,
        )
        # Public readers' matches are written as the list's fast path writes its items.
        fast = fast_list.match_results(request, scores)
        if fast is not None:
            return Response({"results": fast})
        matches = matches_for_scores(scores, user=request.user)
        for match in matches:
            match.claim.score = match.score
        results = ClaimMatchSerializer(
            [match.claim for match in matches], many=True, context=self.get_serializer_context()
        )
        return Response({"results": results.data})

    @extend_schema(
        summary="The claim's history: workflow steps and every change (staff)",
        responses={
            200: ClaimHistorySerializer,
            401: UNAUTHORIZED,
            403: FORBIDDEN,
            404: NOT_FOUND,
        },
        filters=False,
    )
    @action(detail=True, methods=["get"], permission_classes=[permissions.IsAdminUser])
    def history(self, request: Request, pk: str) -> Response:
        claim = self.get_object()
        workflow = claim.events.select_related("actor").order_by("created_at", "id")
        changes = Events.objects.references(claim).order_by("pgh_created_at", "pgh_id")
        return Response(ClaimHistorySerializer({"workflow": workflow, "changes": changes}).data)


def raise_gone(claim_id: int) -> None:
    """410 Gone, with the retraction's date and public note, if the claim was retracted."""
    retraction = claim_retraction(claim_id)
    if retraction is None:
        return
    raise Gone(
        "This fact-check was retracted.",
        retracted_at=_DATETIME.to_representation(retraction["modified_at"])
        if retraction["modified_at"]
        else None,
        note=retraction["note"] or "",
    )


_DATETIME = serializers.DateTimeField()
