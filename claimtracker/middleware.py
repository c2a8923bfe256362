"""Request guards that apply to every URL."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote_to_bytes

from django.http import HttpRequest, HttpResponse, JsonResponse

NUL_IN_QUERY = "NUL bytes are not allowed in query parameters."
BAD_UTF8_IN_QUERY = "Not valid UTF-8: percent-encode text as UTF-8."


def _wire_bytes(value: str) -> bytes:
    """The bytes a WSGI server received, which PEP 3333 passes on decoded as latin-1."""
    try:
        return value.encode("latin-1")
    except UnicodeEncodeError:  # already decoded text (ASGI)
        return value.encode()


def _shown(raw: bytes) -> str:
    return raw.decode(errors="backslashreplace").replace("\x00", "\\x00")


def _bad_query(query_string: bytes) -> dict[str, list[str]]:
    errors = {}
    for pair in query_string.split(b"&"):
        name, _, value = (
            unquote_to_bytes(part.replace(b"+", b" ")) for part in pair.partition(b"=")
        )
        if b"\x00" in name + value:
            errors[_shown(name)] = [NUL_IN_QUERY]
            continue
        try:
            name.decode(), value.decode()
        except UnicodeDecodeError:
            errors[_shown(name)] = [BAD_UTF8_IN_QUERY]
    return errors


def _bad_path(path: str) -> dict[str, list[str]]:
    # Invalid UTF-8 needs no check here: Django percent-encodes it again, so no route or
    # object matches and the answer is a 404.
    if "\x00" in path:
        return {"path": ["NUL bytes are not allowed in the URL path."]}
    return {}


class RejectNulBytesMiddleware:
    """Refuse NUL bytes in the URL path, and NUL bytes and invalid UTF-8 in the query string.

    PostgreSQL cannot store or compare NUL bytes, so without this a NUL in a filter value or a
    slug in the path would reach the database driver and fail as a 500; and Django would
    quietly replace undecodable bytes, searching for U+FFFD instead of telling the client.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        errors = _bad_path(request.path_info)
        errors |= _bad_query(_wire_bytes(request.META.get("QUERY_STRING", "")))
        if errors:
            return JsonResponse(errors, status=400)
        return self.get_response(request)
