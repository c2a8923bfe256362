"""Pagination for list endpoints: `page` and `page_size`, with bad values refused."""

from __future__ import annotations

import contextlib
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.utils.functional import cached_property
from rest_framework import pagination
from rest_framework.exceptions import ValidationError

from claimtracker.caching import PublicScope


def _positive_int(request, name: str) -> int | None:
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


class PageNumberPagination(pagination.PageNumberPagination):
    """Pages of 20 by default; `page_size` up to 100 (larger requests are capped)."""

    django_paginator_class = CachedCountPaginator
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_size(self, request) -> int:
        requested = _positive_int(request, self.page_size_query_param)
        return self.page_size if requested is None else min(requested, self.max_page_size)

    def paginate_queryset(self, queryset, request, view=None):
        _positive_int(request, self.page_query_param)
        return super().paginate_queryset(queryset, request, view)
