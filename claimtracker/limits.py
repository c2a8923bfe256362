"""Limits on what a request may send: the body size."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse


class RequestBodyLimitMiddleware:
    """Refuse a request whose declared body exceeds settings.MAX_BODY_BYTES with 413, before
    anything reads it (JSON under /api/, text elsewhere).

    Django's DATA_UPLOAD_MAX_MEMORY_SIZE alone would not do: DRF's parsers read the body as a
    stream, which that check does not see. A body without Content-Length is not read at all.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = settings.MAX_BODY_BYTES
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django reads no body then either.
        if limit and length > limit:
            message = f"The request body is {length:,} bytes; at most {limit:,} are accepted."
            if request.path_info.startswith("/api/"):
                return JsonResponse({"detail": message}, status=413)
            return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
