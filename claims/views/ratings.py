"""The rating scale over the API."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets

from claims.models import Rating
from claims.serializers import RatingSerializer


@extend_schema_view(list=extend_schema(summary="The rating scale, in order"))
class RatingViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The rating scale (ratings kept from imported fact-checks are not part of it)."""

    serializer_class = RatingSerializer
    queryset = Rating.objects.filter(external=False).order_by("order", "slug")
    pagination_class = None
