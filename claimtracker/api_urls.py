"""The API under /api/v1/."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from claims.views import (
    ArticleImportView,
    ClaimReviewFeedView,
    ClaimViewSet,
    RatingViewSet,
    SourceViewSet,
    SpeakerViewSet,
    TopicViewSet,
)
from claimtracker.views import ObtainTokenView
from exports.views import ClaimsCsvExportView, ClaimsJsonlExportView
from sync.views import ChangeFeedView, DataFeedView, WebhookViewSet

router = DefaultRouter()
router.register("claims", ClaimViewSet, basename="claim")
router.register("speakers", SpeakerViewSet, basename="speaker")
router.register("topics", TopicViewSet, basename="topic")
router.register("sources", SourceViewSet, basename="source")
router.register("ratings", RatingViewSet, basename="rating")
router.register("webhooks", WebhookViewSet, basename="webhook")

urlpatterns = [
    path("auth/token/", ObtainTokenView.as_view(), name="auth-token"),
    path("claimreview/", ClaimReviewFeedView.as_view(), name="claimreview-feed"),
    path("claimreview/datafeed/", DataFeedView.as_view(), name="claimreview-datafeed"),
    path("changes/", ChangeFeedView.as_view(), name="change-feed"),
    path("exports/claims.csv", ClaimsCsvExportView.as_view(), name="export-claims-csv"),
    path("exports/claims.jsonl", ClaimsJsonlExportView.as_view(), name="export-claims-jsonl"),
    # Before the router, whose sources/<pk>/ pattern would take "import" for an id.
    path("sources/import/", ArticleImportView.as_view(), name="source-import"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script as a file, so the CSP needs no inline script.
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="schema", template_name="claimtracker/swagger_ui.html"
        ),
        name="docs",
    ),
    *router.urls,
]
