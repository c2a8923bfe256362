"""Request-driven filtering of sources."""

from __future__ import annotations

import django_filters as filters

from claimtracker.filters import SlugCheckingForm, SlugListFilter
from sources.models import Publisher, Source, SourceKind


class SourceFilterForm(SlugCheckingForm):
    slug_models = {"publisher": Publisher}


class SourceFilter(filters.FilterSet):
    """Filters of GET /api/v1/sources/."""

    kind = filters.ChoiceFilter(choices=SourceKind.choices, help_text="Kind of document.")
    publisher = SlugListFilter(
        field_name="publisher__slug",
        key="publisher_id",
        help_text="Publisher slug; repeatable (OR).",
    )

    class Meta:
        model = Source
        fields = []
        form = SourceFilterForm
