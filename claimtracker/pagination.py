"""Pagination for list endpoints: `page` (or a feed's `cursor`) and `page_size`, with bad values
refused, and the neighbouring pages in a `Link` header."""

from __future__ import annotations

import contextlib
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import Paginator
from django.utils.functional import cached_property
from rest_framework import pagination
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.utils.urls import remove_query_param

from claimtracker.caching import PublicScope


def positive_int(request, name: str) -> int | None:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return None
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1:
        shown = raw if len(raw) <= 40 else raw[:40] + "…"
        raise ValidationError({name: [f"{shown!r} is not a positive whole number."]})
    return value


class CachedCountPaginator(Paginator):
    """Django's paginator, with the count kept in the shared cache until the next write.

    Counting a filter that matches a large part of a big archive reads every matching row
    (hundreds of milliseconds at a million claims), and a client paging through the results
    asks for the same count on every page. The count is cached under the public generation
    (claimtracker/caching.py), which every write replaces, so it is never stale; a count read
    from a replica that has not yet replayed the last public write is not stored.
    """

    @cached_property
    def count(self) -> int:
        scope = PublicScope.current() if hasattr(self.object_list, "query") else None
        if scope is None:
            return super().count
        sql = str(self.object_list.query)
        digest = hashlib.blake2b(sql.encode(), digest_size=16).hexdigest()
        key = f"{scope.prefix}:counts:{digest}"
        try:
            count = cache.get(key)
        except Exception:  # No cache: count every time.
            return super().count
        if count is None:
            store = scope.may_store()
            count = super().count
            if store:
                with contextlib.suppress(Exception):
                    cache.set(key, count, settings.PUBLIC_CACHE_SECONDS)
        return count


def requested_page(request, paginator) -> int | None:
    """The ``page`` asked for, None without one; anything but a positive number is a 400."""
    return positive_int(request, paginator.page_query_param)


def requested_page_size(request, paginator) -> int:
    """The ``page_size`` asked for, the default without one; above the maximum is a 400."""
    requested = positive_int(request, paginator.page_size_query_param)
    if requested is None:
        return paginator.page_size
    if requested > paginator.max_page_size:
        raise ValidationError(
            {
                paginator.page_size_query_param: [
                    f"At most {paginator.max_page_size} items a page; "
                    f"for everything at once, use the bulk export (/api/v1/exports/)."
                ]
            }
        )
    return requested


def _link_header(links: dict[str, str | None]) -> str:
    """An RFC 8288 Link header for the pages that exist."""
    return ", ".join(f'<{url}>; rel="{rel}"' for rel, url in links.items() if url)


def _page_size_parameter(paginator) -> dict:
    return {
        "name": paginator.page_size_query_param,
        "required": False,
        "in": "query",
        "description": f"Items a page: {paginator.page_size} unless given, at most "
        f"{paginator.max_page_size} (more is a 400).",
        "schema": {"type": "integer", "minimum": 1, "maximum": paginator.max_page_size},
    }


class LinkHeaderMixin:
    """Send the first, next and previous pages in a ``Link`` header too, as well as (next and
    previous) in the body. Every page has a first page, so every list answer has the header."""

    first_page_removes = ()

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response["Link"] = self.link_header(
            first=self._first_link(), next=self.get_next_link(), previous=self.get_previous_link()
        )
        return response

    @staticmethod
    def link_header(*, first: str, next: str | None, previous: str | None) -> str:
        """The header for these pages (the ones that exist)."""
        return _link_header({"first": first, "next": next, "prev": previous})

    def _first_link(self) -> str:
        url = self.request.build_absolute_uri()
        for parameter in self.first_page_removes:
            url = remove_query_param(url, parameter)
        return url


class PageNumberPagination(LinkHeaderMixin, pagination.PageNumberPagination):
    """Pages of 20 by default; ``page_size`` up to 100 (more is refused with a 400)."""

    django_paginator_class = CachedCountPaginator
    first_page_removes = ("page",)
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_size(self, request) -> int:
        return requested_page_size(request, self)

    def paginate_queryset(self, queryset, request, view=None):
        requested_page(request, self)
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        return [
            _page_size_parameter(self) if p["name"] == self.page_size_query_param else p
            for p in parameters
        ]


class CursorPagination(LinkHeaderMixin, pagination.CursorPagination):
    """Cursor pages for feeds: a cursor that is not one of ours is a 400, not a 404."""

    first_page_removes = ("cursor",)

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_size(self, request) -> int:
        return requested_page_size(request, self)

    def decode_cursor(self, request):
        try:
            return super().decode_cursor(request)
        except NotFound:
            raise self._bad_cursor() from None

    def paginate_queryset(self, queryset, request, view=None):
        # A cursor that decodes but holds no value of the ordering field ("2024" for a date)
        # fails when the page is read.
        try:
            return super().paginate_queryset(queryset, request, view)
        except DjangoValidationError:
            raise self._bad_cursor() from None

    def _bad_cursor(self) -> ValidationError:
        return ValidationError(
            {self.cursor_query_param: ["Not a cursor from this feed: follow `next`."]}
        )

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        return [
            _page_size_parameter(self) if p["name"] == self.page_size_query_param else p
            for p in parameters
        ]
