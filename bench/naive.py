"""The naive DRF peer: what a first version looks like.

A default ModelViewSet over the same serializers and filters as the real API, on a plain
queryset: no select_related, no prefetch_related, no deferred columns. Every speaker,
verdict, rating, topic list, appearance, source and publisher a page shows is fetched when the
serializer touches it. Served with ``DJANGO_SETTINGS_MODULE=bench.naive_settings``.
"""

from __future__ import annotations

from django.urls import include, path
from rest_framework import viewsets

from claims.filters import ClaimFilter
from claims.models import Claim
from claims.serializers import ClaimDetailSerializer, ClaimListSerializer


class NaiveClaimViewSet(viewsets.ReadOnlyModelViewSet):
    """Published claims, newest first, the textbook way."""

    queryset = Claim.objects.filter(status=Claim.Status.PUBLISHED)
    filterset_class = ClaimFilter

    def get_serializer_class(self):
        return ClaimListSerializer if self.action == "list" else ClaimDetailSerializer


urlpatterns = [
    path("api/v1/claims/", NaiveClaimViewSet.as_view({"get": "list"})),
    path("api/v1/claims/<int:pk>/", NaiveClaimViewSet.as_view({"get": "retrieve"})),
    # The real routes stay, so the serializers' links reverse to the same URLs.
    path("api/v1/", include("claimtracker.api_urls")),
]
