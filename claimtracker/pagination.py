"""Pagination for list endpoints: `page` and `page_size`, with bad values refused."""

from __future__ import annotations

from rest_framework import pagination
from rest_framework.exceptions import ValidationError


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


class PageNumberPagination(pagination.PageNumberPagination):
    """Pages of 20 by default; `page_size` up to 100 (larger requests are capped)."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_size(self, request) -> int:
        requested = _positive_int(request, self.page_size_query_param)
        return self.page_size if requested is None else min(requested, self.max_page_size)

    def paginate_queryset(self, queryset, request, view=None):
        _positive_int(request, self.page_query_param)
        return super().paginate_queryset(queryset, request, view)
