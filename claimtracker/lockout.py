"""Sign-in lockout (django-axes): which client an attempt counts against, and what a client
that is locked out is told.

Failed sign-ins are counted per user name and client address together, in the default cache
that every worker shares (settings: AXES_*). The admin login and POST /api/v1/auth/token/
both authenticate through ``django.contrib.auth.authenticate(request=...)``, so both count,
and both refuse a locked-out pair, even with the right password, until the lockout ends or an
administrator lifts it (``manage.py axes_reset_ip_username ADDRESS USERNAME``).
"""

from __future__ import annotations

import logging

from axes.handlers.cache import AxesCacheHandler
from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from redis.exceptions import RedisError
from rest_framework.throttling import BaseThrottle

logger = logging.getLogger(__name__)


class CacheHandler(AxesCacheHandler):
    """django-axes' cache handler; with Redis unreachable, sign-ins are let through uncounted
    and a warning is logged, as the API throttles do, rather than failing every sign-in."""

    def get_failures(self, request, credentials=None) -> int:
        try:
            return super().get_failures(request, credentials)
        except RedisError as error:
            logger.warning("Sign-ins not counted: the cache is unreachable (%s).", error)
            return 0

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        try:
            super().user_login_failed(sender, credentials, request, **kwargs)
        except RedisError as error:
            logger.warning("Sign-ins not counted: the cache is unreachable (%s).", error)

    def user_logged_in(self, sender, request, user, **kwargs):
        try:
            super().user_logged_in(sender, request, user, **kwargs)
        except RedisError as error:
            logger.warning("Sign-ins not counted: the cache is unreachable (%s).", error)


def client_address(request: HttpRequest) -> str:
    """The client's address as the API throttles count it: behind DJANGO_NUM_PROXIES proxies,
    the one the last proxy added to X-Forwarded-For."""
    return BaseThrottle().get_ident(request)


def log_lockout(sender, *, request: HttpRequest, username: str | None, ip_address: str, **kwargs):
    """Say who was locked out and how to lift it (django-axes masks both in its own lines)."""
    logger.warning(
        "Sign-in locked for user %r from %s after %s failures; to unlock sooner: "
        "manage.py axes_reset_ip_username %s %s",
        username,
        ip_address,
        settings.AXES_FAILURE_LIMIT,
        ip_address,
        username,
    )


def lockout_message() -> str:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return (
        f"Too many failed sign-ins for this user from this address: signing in is locked for "
        f"{minutes} minutes, even with the right password. An administrator can lift the "
        "lock sooner."
    )


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    """429 with Retry-After: JSON under /api/, a page for the admin login."""
    retry_after = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": lockout_message()}, status=429)
    else:
        response = render(
            request,
            "claimtracker/locked_out.html",
            {
                "title": "Signing in is locked",
                "message": lockout_message(),
                "address": client_address(request),
            },
            status=429,
        )
    response["Retry-After"] = retry_after
    return response
