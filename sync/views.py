"""The sync API: the change feed, the DataFeed and webhook subscriptions."""

from __future__ import annotations

from django.http import StreamingHttpResponse
from django.utils.http import http_date, parse_etags, parse_http_date_safe
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.views.claimreview import JSONLDRenderer
from claimtracker.openapi import FORBIDDEN, NOT_FOUND, UNAUTHORIZED, VALIDATION_ERROR
from sync import services
from sync.datafeed import feed_validators, stream_feed
from sync.events import event_json
from sync.models import ChangeEvent, WebhookSubscription
from sync.serializers import (
    CHANGES_MAX_PAGE_SIZE,
    ChangeFeedQuerySerializer,
    ChangeFeedSerializer,
    NewWebhookSerializer,
    WebhookInputSerializer,
    WebhookSerializer,
)


class ChangeFeedView(APIView):
    """Every public change, oldest first: poll with ``after`` = the last id you hold."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(
        summary="The change feed: published, corrected, updated and retracted claims",
        description="An ordered, durable log of public changes. Ids increase in commit order, "
        "so polling with `after=<last id you hold>` never misses one. Webhooks send the same "
        "events, with the event id as `webhook-id`.",
        parameters=[ChangeFeedQuerySerializer],
        responses={200: ChangeFeedSerializer, 400: VALIDATION_ERROR},
    )
    def get(self, request: Request) -> Response:
        query = ChangeFeedQuerySerializer(
            data={
                **request.query_params.dict(),
                **(
                    {"types": request.query_params.getlist("types")}
                    if "types" in request.query_params
                    else {}
                ),
            }
        )
        query.is_valid(raise_exception=True)
        after = query.validated_data["after"]
        page_size = min(query.validated_data["page_size"], CHANGES_MAX_PAGE_SIZE)
        events = ChangeEvent.objects.filter(id__gt=after).order_by("id")
        types = query.validated_data.get("types")
        if types:
            events = events.filter(type__in=types)
        page = list(events[: page_size + 1])
        more = len(page) > page_size
        page = page[:page_size]
        base_url = request.build_absolute_uri("/").rstrip("/")
        next_url = None
        if more:
            params = request.query_params.copy()
            params["after"] = str(page[-1].pk)
            next_url = request.build_absolute_uri(f"{request.path}?{params.urlencode()}")
        return Response(
            {"results": [event_json(event, base_url=base_url) for event in page], "next": next_url}
        )


class DataFeedView(APIView):
    """Every published fact-check as one schema.org DataFeed (JSON-LD), streamed."""

    permission_classes = [permissions.AllowAny]
    renderer_classes = [JSONLDRenderer]

    def perform_content_negotiation(self, request, force=False):
        renderer = self.get_renderers()[0]
        return renderer, renderer.media_type

    @extend_schema(
        summary="Every published fact-check as a schema.org DataFeed of ClaimReviews",
        description="The shape of Google Fact Check Tools and DataCommons feeds: a `DataFeed` "
        "whose `dataFeedElement` holds `DataFeedItem`s (`dateCreated`, `dateModified`, `item` = "
        "the ClaimReview). Streamed; supports If-None-Match and If-Modified-Since.",
        parameters=[
            OpenApiParameter("If-None-Match", OpenApiTypes.STR, OpenApiParameter.HEADER),
            OpenApiParameter("If-Modified-Since", OpenApiTypes.STR, OpenApiParameter.HEADER),
        ],
        responses={(200, "application/ld+json"): OpenApiTypes.OBJECT, 304: None},
    )
    def get(self, request: Request):
        etag, modified = feed_validators()
        headers = {"ETag": etag, "Cache-Control": "no-cache"}
        if modified is not None:
            headers["Last-Modified"] = http_date(modified.timestamp())
        if _not_modified(request, etag, modified):
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers=headers)
        response = StreamingHttpResponse(
            stream_feed(request=request, modified=modified),
            content_type="application/ld+json",
        )
        for name, value in headers.items():
            response[name] = value
        return response


def _not_modified(request: Request, etag: str, modified) -> bool:
    """RFC 9110: If-None-Match decides when present, else If-Modified-Since."""
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match:
        return if_none_match.strip() == "*" or etag in parse_etags(if_none_match)
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return since is not None and modified is not None and int(modified.timestamp()) <= since


class CanManageWebhooks(permissions.BasePermission):
    """Signed-in users who may see webhook subscriptions (editors); services check writes."""

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(
            user
            and user.is_authenticated
            and user.is_active
            and user.has_perm("sync.view_webhooksubscription")
        )


@extend_schema_view(
    list=extend_schema(
        summary="Webhook subscriptions (editors)",
        responses={200: WebhookSerializer(many=True), 401: UNAUTHORIZED, 403: FORBIDDEN},
    ),
    retrieve=extend_schema(
        summary="A webhook subscription (editors)",
        responses={200: WebhookSerializer, 401: UNAUTHORIZED, 403: FORBIDDEN, 404: NOT_FOUND},
    ),
    destroy=extend_schema(
        summary="Delete a webhook subscription (editors)",
        responses={204: None, 401: UNAUTHORIZED, 403: FORBIDDEN, 404: NOT_FOUND},
    ),
)
class WebhookViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Webhook subscriptions: the change feed's events POSTed, signed, to a receiver."""

    permission_classes = [CanManageWebhooks]
    serializer_class = WebhookSerializer
    queryset = WebhookSubscription.objects.order_by("id")

    @extend_schema(
        summary="Subscribe a receiver to events (editors); the secret is shown once",
        request=WebhookInputSerializer,
        responses={
            201: NewWebhookSerializer,
            400: VALIDATION_ERROR,
            401: UNAUTHORIZED,
            403: FORBIDDEN,
        },
    )
    def create(self, request: Request, *args, **kwargs) -> Response:
        data = WebhookInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        subscription = services.webhook_subscribe(actor=request.user, **data.validated_data)
        return Response(NewWebhookSerializer(subscription).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance: WebhookSubscription) -> None:
        services.webhook_unsubscribe(actor=self.request.user, subscription=instance)
