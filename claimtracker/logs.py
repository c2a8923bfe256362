"""Logs: one line per request, and records as one JSON object a line for log collectors."""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime

from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject, empty

request_logger = logging.getLogger("claimtracker.requests")

# An X-Request-ID from the proxy is kept if it looks like one; anything else is replaced.
REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
LOGGED_PATH_LENGTH = 500


class JsonFormatter(logging.Formatter):
    """time, level, logger and message, the record's ``fields`` (see RequestLogMiddleware) and
    the traceback if any, as one line of JSON."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            **getattr(record, "fields", {}),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


class RequestLogMiddleware:
    """Log one line per request on ``claimtracker.requests``: method, path, status, duration,
    user id and request id.

    The path is logged without its query string, and no header, cookie or body is logged, so
    tokens and passwords never reach the log. The request id is the proxy's X-Request-ID if it
    sent a sane one, else a new one; the response carries it back.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        request_id = request.headers.get("X-Request-ID", "")
        if not REQUEST_ID.fullmatch(request_id):
            request_id = uuid.uuid4().hex
        request.request_id = request_id

        response = self.get_response(request)

        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        response.headers.setdefault("X-Request-ID", request_id)
        path = request.path
        if len(path) > LOGGED_PATH_LENGTH:
            path = path[:LOGGED_PATH_LENGTH] + "…"
        fields = {
            "method": request.method,
            "path": path,
            "status": response.status_code,
            "duration_ms": duration_ms,
            "user_id": _known_user_id(request),
            "request_id": request_id,
        }
        request_logger.log(
            logging.ERROR if response.status_code >= 500 else logging.INFO,
            "%s %s %s %sms",
            fields["method"],
            path,
            fields["status"],
            duration_ms,
            extra={"fields": fields},
        )
        return response


def _known_user_id(request: HttpRequest) -> int | None:
    """The id of the signed-in user, if the request already looked the user up.

    The API's authentication and the admin always do. A page that never asked stays anonymous
    in the log rather than paying a session query just for it.
    """
    user = request.__dict__.get("user")
    if user is None or (isinstance(user, SimpleLazyObject) and user._wrapped is empty):
        return None
    return user.pk if user.is_authenticated else None
