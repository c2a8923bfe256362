"""Pagination for list endpoints: `page` (or a feed's `cursor`) and `page_size`, with bad values
refused, and the neighbouring pages in a `Link` header."""

from __future__ import annotations

import contextlib
import hashlib
import json

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db import connections
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


# A list's `count` is exact up to this many items. Above it, counting would read every
# matching row (hundreds of milliseconds for a large filter at a million claims, many times
# the page itself), so the count reads at most one row more than this, and a larger count is
# PostgreSQL's estimate, flagged in the answer (`count_is_estimate`). README, "Counts".
EXACT_COUNT_LIMIT = 10_000


def count_is_estimate(count: int) -> bool:
    """Whether a count from ``BoundedCountPaginator`` is an estimate (no exact count is
    above the limit, and no estimate below it)."""
    return count > EXACT_COUNT_LIMIT


def planner_estimate(sql: str, params, *, using: str) -> int:
    """PostgreSQL's estimate of the rows ``sql`` returns (its plan, not a count)."""
    with connections[using].cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return max(int(plan[0]["Plan"]["Plan Rows"]), EXACT_COUNT_LIMIT + 1)


class EstimatedCountPage(Page):
    """A page of a list whose count is an estimate: whether there is a next page is known
    from the page's read (one item more than it shows), not from the count."""

    has_more = False

    def has_next(self) -> bool:
        return self.has_more


class BoundedCountPaginator(Paginator):
    """Django's paginator, counting at most EXACT_COUNT_LIMIT + 1 items, with the planner's
    estimate above that. Pages past an estimated count are found by reading them: a page
    that exists is never refused, and an empty one (but the first) is a 404 as usual."""

    @cached_property
    def count(self) -> int:
        if not hasattr(self.object_list, "query"):
            return super().count
        counted = self.object_list[: EXACT_COUNT_LIMIT + 1].count()
        if counted <= EXACT_COUNT_LIMIT:
            return counted
        sql, params = self.object_list.order_by().query.sql_with_params()
        return planner_estimate(sql, params, using=self.object_list.db)

    def validate_number(self, number) -> int:
        if not count_is_estimate(self.count):
            return super().validate_number(number)
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from None
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        return number

    def page(self, number) -> Page:
        if not count_is_estimate(self.count):
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        items = list(self.object_list[bottom : bottom + self.per_page + 1])
        if not items and number > 1:
            raise EmptyPage(self.error_messages["no_results"])
        page = EstimatedCountPage(items[: self.per_page], number, self)
        page.has_more = len(items) > self.per_page
        return page


class CachedCountPaginator(BoundedCountPaginator):
    """The bounded paginator, with the count kept in the shared cache until the next write.

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

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        count = response.data["count"]
        response.data = {
            "count": count,
            "count_is_estimate": count_is_estimate(count),
            **{key: value for key, value in response.data.items() if key != "count"},
        }
        return response

    def get_paginated_response_schema(self, schema):
        paginated = super().get_paginated_response_schema(schema)
        properties = paginated["properties"]
        properties["count"]["description"] = (
            f"The number of items: exact up to {EXACT_COUNT_LIMIT:,}, "
            "PostgreSQL's estimate above (`count_is_estimate`)."
        )
        paginated["properties"] = {
            "count": properties["count"],
            "count_is_estimate": {
                "type": "boolean",
                "description": f"True when `count` is an estimate (above {EXACT_COUNT_LIMIT:,} "
                "items): the number of pages is then approximate, and `next` (null on the last "
                "page) says whether there is another.",
            },
            **{key: value for key, value in properties.items() if key != "count"},
        }
        return paginated

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
