"""The API under /api/v1/."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.authtoken.views import obtain_auth_token
from rest_framework.routers import DefaultRouter

from claims.views import (
    ClaimReviewFeedView,
    ClaimViewSet,
    RatingViewSet,
    SpeakerViewSet,
    TopicViewSet,
)
from sources.views import SourceViewSet

router = DefaultRouter()
router.register("claims", ClaimViewSet, basename="claim")
router.register("speakers", SpeakerViewSet, basename="speaker")
router.register("topics", TopicViewSet, basename="topic")
router.register("sources", SourceViewSet, basename="source")
router.register("ratings", RatingViewSet, basename="rating")

urlpatterns = [
    path("auth/token/", obtain_auth_token, name="auth-token"),
    path("claimreview/", ClaimReviewFeedView.as_view(), name="claimreview-feed"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="docs"),
    *router.urls,
]
