"""One place where errors become JSON responses."""

from __future__ import annotations

import logging
import sys

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DatabaseError, IntegrityError, InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve
from django.views import defaults
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

logger = logging.getLogger(__name__)

# The database cannot be reached, or dropped the connection (a restart, a failover): the
# request may succeed if repeated, so it is a 503 with Retry-After, not a 500.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
DATABASE_UNAVAILABLE_DETAIL = "The database is unavailable for a moment; try again shortly."
RETRY_AFTER_SECONDS = "5"


class DomainError(Exception):
    """A business rule refused a change; subclasses say which HTTP status that is."""

    status_code = status.HTTP_409_CONFLICT

    def payload(self) -> dict:
        return {"detail": str(self)}


class Conflict(DomainError):
    """The change does not fit the object's current state (409)."""


class PreconditionFailed(DomainError):
    """The client's If-Match version is not the current one (412)."""

    status_code = status.HTTP_412_PRECONDITION_FAILED


def describe(error: Exception) -> str:
    """A refusal (validation, permission, domain rule, database) as readable text.

    For the admin's messages, the commands' output and the import reports; the API has its
    own structured form (``exception_handler``).
    """
    if isinstance(error, DjangoValidationError):
        if not hasattr(error, "error_dict"):
            return " ".join(error.messages)
        return "; ".join(
            " ".join(messages)
            if name in (NON_FIELD_ERRORS, "detail")
            else f"{name}: {' '.join(messages)}"
            for name, messages in error.message_dict.items()
        )
    if isinstance(error, DatabaseError):
        first_line = str(error).splitlines()[0] if str(error) else repr(error)
        return f"Refused by the database: {first_line}"
    return str(error) or "You do not have permission to do that."


class Gone(DomainError):
    """The resource existed and was withdrawn on purpose (410), with what the public is told."""

    status_code = status.HTTP_410_GONE

    def __init__(self, detail: str, **facts) -> None:
        super().__init__(detail)
        self.facts = facts

    def payload(self) -> dict:
        return {"detail": str(self), **self.facts}


def exception_handler(exc, context):
    """DRF's handler, plus what services raise: Django's ValidationError (400), domain errors
    (409, 412), a unique-constraint race (409) and an unreachable database (503), all as JSON."""
    if isinstance(exc, DATABASE_UNAVAILABLE):
        logger.warning("Database unavailable: %s", exc)
        return Response(
            {"detail": DATABASE_UNAVAILABLE_DETAIL},
            status=status.HTTP_503_SERVICE_UNAVAILABLE,
            headers={"Retry-After": RETRY_AFTER_SECONDS},
        )
    if isinstance(exc, DomainError):
        return Response(exc.payload(), status=exc.status_code)
    if isinstance(exc, IntegrityError):
        return Response(
            {"detail": "This conflicts with data saved meanwhile; reload and try again."},
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        exc = exceptions.ValidationError(detail)
    return drf_exception_handler(exc, context)


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


@csrf_exempt
def api_not_found(request, *args, **kwargs):
    """Every /api/ path that no endpoint takes: a JSON 404 in every mode, debug included.

    A path that lacks only its trailing slash is named in the answer. A read is redirected
    there, as Django does for pages; a write is not, because clients follow a 301 with a
    GET and would "succeed" with the list while creating nothing.
    """
    if not request.path.endswith("/"):
        with_slash = request.path + "/"
        try:
            resolved = resolve(with_slash)
        except Resolver404:
            resolved = None
        if resolved is not None and resolved.func is not api_not_found:
            if request.method in SAFE_METHODS:
                query = request.META.get("QUERY_STRING", "")
                return HttpResponsePermanentRedirect(with_slash + (f"?{query}" if query else ""))
            return JsonResponse(
                {
                    "detail": f"No endpoint at {request.path}: the path ends with a slash, "
                    f"{request.method} {with_slash}"
                },
                status=404,
            )
    return JsonResponse({"detail": f"No API endpoint at {request.path}."}, status=404)


def page_not_found(request, exception):
    """JSON 404 under /api/, Django's page elsewhere."""
    if _is_api(request):
        return JsonResponse({"detail": "Not found."}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    """JSON 500 under /api/, Django's page elsewhere; a 503 if the database was unreachable.

    This is the handler for errors outside DRF's views too (middleware, the public pages).
    """
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        if _is_api(request):
            response = JsonResponse({"detail": DATABASE_UNAVAILABLE_DETAIL}, status=503)
        else:
            response = HttpResponse(
                DATABASE_UNAVAILABLE_DETAIL, status=503, content_type="text/plain"
            )
        response["Retry-After"] = RETRY_AFTER_SECONDS
        return response
    if _is_api(request):
        return JsonResponse({"detail": "Internal server error."}, status=500)
    return defaults.server_error(request)


def bad_request(request, exception):
    """JSON 400 under /api/ (e.g. a request Django itself refuses), Django's page elsewhere."""
    if _is_api(request):
        return JsonResponse({"detail": "Bad request."}, status=400)
    return defaults.bad_request(request, exception)
