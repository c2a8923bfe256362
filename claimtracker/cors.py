"""Who may read the API from another origin's page (django-cors-headers), and for how long a
browser or a shared cache may keep a public answer.

Anonymous reads (GET and HEAD with no Authorization header) are public data: any origin may
make them, answered with ``Access-Control-Allow-Origin: *`` and never with credentials, so a
browser sends no cookie along. Everything else (a write, a read with a token, the preflight
that asks for either) gets CORS headers only when the page's origin is in
``CORS_WRITE_ORIGINS`` (DJANGO_CORS_WRITE_ORIGINS); by default no other origin may write.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.cache import patch_cache_control, patch_vary_headers

READ_METHODS = frozenset({"GET", "HEAD"})
# Headers a cross-origin read may send without making it a signed-in one.
PUBLIC_REQUEST_HEADERS = frozenset({"accept", "accept-language", "if-none-match"})


def _requested_headers(request) -> set[str]:
    raw = request.headers.get("Access-Control-Request-Headers", "")
    return {name.strip().lower() for name in raw.split(",") if name.strip()}


def is_public_read(request) -> bool:
    """An anonymous GET or HEAD, or the preflight of one."""
    preflight_method = request.headers.get("Access-Control-Request-Method")
    if request.method == "OPTIONS" and preflight_method:
        return (
            preflight_method.upper() in READ_METHODS
            and _requested_headers(request) <= PUBLIC_REQUEST_HEADERS
        )
    return request.method in READ_METHODS and "Authorization" not in request.headers


def cors_enabled(sender, request, **kwargs) -> bool:
    """django-cors-headers' ``check_request_enabled`` receiver: which requests get CORS headers."""
    if not request.path_info.startswith("/api/"):
        return False
    if is_public_read(request):
        return True
    return request.headers.get("Origin", "") in settings.CORS_WRITE_ORIGINS


class ApiCacheControlMiddleware:
    """``Cache-Control`` on API reads: ``public, max-age`` for anonymous readers (the same
    answer for everyone, kept by browsers and shared caches for PUBLIC_MAX_AGE seconds),
    ``private, no-store`` for signed-in ones, whose answers may show unpublished work."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            not request.path_info.startswith("/api/")
            or request.method not in READ_METHODS
            or response.status_code not in (200, 304)
            or response.has_header("Cache-Control")
        ):
            return response
        user = getattr(request, "user", None)
        if "Authorization" in request.headers or (user is not None and user.is_authenticated):
            patch_cache_control(response, private=True, no_store=True)
        else:
            patch_cache_control(response, public=True, max_age=settings.PUBLIC_MAX_AGE)
        # The same URL answers staff differently: shared caches must key on who asks.
        patch_vary_headers(response, ("Authorization", "Cookie"))
        return response
