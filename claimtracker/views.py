"""View pieces shared by the apps' APIs."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import permissions, serializers, status
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.request import Request
from rest_framework.response import Response

from claimtracker.openapi import VALIDATION_ERROR
from claimtracker.parsers import StrictJSONParser
from claimtracker.throttling import ScopedRateThrottle


class ServiceWritesMixin:
    """POST and PATCH that validate with an input serializer and call one service.

    Subclasses set ``input_serializer_class`` and implement ``create_with_service`` and
    ``update_with_service``; the response is the object as GET shows it.
    """

    permission_classes = [permissions.IsAuthenticatedOrReadOnly]
    input_serializer_class = None

    def create_with_service(self, *, actor, data: dict):
        raise NotImplementedError

    def update_with_service(self, *, instance, actor, data: dict):
        raise NotImplementedError

    def create(self, request: Request, *args, **kwargs) -> Response:
        data = self.input_serializer_class(data=request.data)
        data.is_valid(raise_exception=True)
        created = self.create_with_service(actor=request.user, data=data.validated_data)
        return self._as_read(request, created, status.HTTP_201_CREATED)

    def partial_update(self, request: Request, *args, **kwargs) -> Response:
        instance = self.get_object()
        data = self.input_serializer_class(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        updated = self.update_with_service(
            instance=instance, actor=request.user, data=data.validated_data
        )
        return self._as_read(request, updated, status.HTTP_200_OK)

    def _as_read(self, request: Request, instance, status_code: int) -> Response:
        self.kwargs[self.lookup_url_kwarg or self.lookup_field] = str(
            getattr(instance, self.lookup_field)
        )
        response = self.retrieve(request)
        response.status_code = status_code
        return response


class ObtainTokenView(ObtainAuthToken):
    """POST a username and password, get the user's API token.

    Throttled per client address at the stricter ``auth-token`` rate, against password guessing
    (DRF's own view is not throttled at all); failures count towards the sign-in lockout that
    the admin login shares (claimtracker/lockout.py).
    """

    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "auth-token"
    # JSON only, like every other write: one documented body, which generated clients send.
    parser_classes = [StrictJSONParser]

    def get_serializer_context(self) -> dict:
        # AuthTokenSerializer authenticates with this request. django-axes marks a locked-out
        # client on the request it is given, and its middleware answers for it; it sees
        # Django's request, not DRF's wrapper, so the wrapper's own request is passed.
        return {**super().get_serializer_context(), "request": self.request._request}

    @extend_schema(
        summary="Get your API token: POST your username and password",
        description="Send the token back as `Authorization: Bearer <token>`.",
        request=AuthTokenSerializer,
        responses={
            200: inline_serializer("Token", fields={"token": serializers.CharField()}),
            400: VALIDATION_ERROR,
        },
        # Anyone may ask for a token: no credentials needed to get one.
        auth=[],
    )
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)
