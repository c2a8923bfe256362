"""Request guards that apply to every URL."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse


class RejectNulBytesMiddleware:
    """Refuse query strings with NUL bytes: PostgreSQL cannot store or compare them.

    Without this, a NUL in any filter value would reach the database driver and fail as a 500.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        bad = sorted(
            {
                name.replace("\x00", "\\x00")
                for name, values in request.GET.lists()
                if "\x00" in name or any("\x00" in value for value in values)
            }
        )
        if bad:
            return JsonResponse(
                {name: ["NUL bytes are not allowed in query parameters."] for name in bad},
                status=400,
            )
        return self.get_response(request)
