"""Filter fields shared by the apps' filtersets (repeatable slugs, ISO dates), and the filter
backend that refuses unknown query parameters.

Their errors name the parameter's bad value, so a client can see what to fix.
"""

from __future__ import annotations

import django_filters as filters
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db.models import Model, QuerySet, Value
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.mixins import ListModelMixin

MAX_SLUG_LENGTH = 200


def shown(value: str) -> str:
    """A user's value, quoted and cut short enough to put in an error message."""
    return repr(value if len(value) <= 60 else value[:60] + "…")


class SlugListField(forms.Field):
    """One or more slugs: the parameter may be repeated, and the values are ORed."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value) -> list[str]:
        if not value:
            return []
        values = value if isinstance(value, list | tuple) else [value]
        return [str(item).strip() for item in values if str(item).strip()]

    def validate(self, value: list[str]) -> None:
        super().validate(value)
        for slug in value:
            try:
                if len(slug) > MAX_SLUG_LENGTH:
                    raise ValidationError("too long")
                validate_slug(slug)
            except ValidationError:
                raise ValidationError(f"{shown(slug)} is not a valid slug.") from None


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class SlugListFilter(filters.Filter):
    """Filter on a related object named by slug; unknown slugs are reported by the form.

    ``field_name`` is the path to the slug (``speaker__slug``), which the API schema
    describes; the form (``SlugCheckingForm``) hands the filter the objects' primary keys,
    which it compares with the foreign key ``key`` (``speaker_id``).
    """

    field_class = SlugListField

    def __init__(self, *args, key: str | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.key = key

    def filter(self, qs: QuerySet, value: list[int]) -> QuerySet:
        if not value:
            return qs
        return qs.filter(**{f"{self.key}__in": value})


class IsoDateField(forms.DateField):
    """A date in ISO form (YYYY-MM-DD) whose error names the bad value."""

    input_formats = ["%Y-%m-%d"]

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError:
            message = f"{shown(str(value))} is not a date in YYYY-MM-DD form."
            raise ValidationError(message) from None


class IsoDateFilter(filters.DateFilter):
    field_class = IsoDateField


class SlugCheckingForm(forms.Form):
    """A filter form that checks every slug filter against the database in one query.

    Subclasses map parameter names to the model whose ``slug`` the values must name. Each
    such parameter's cleaned value becomes the list of primary keys the slugs name: the
    filters then compare the foreign key itself, with no join to the named table, and the
    planner estimates the rows from the key's own statistics (a topic on a quarter of the
    claims is not costed like an average one).
    """

    slug_models: dict[str, type[Model]] = {}

    def clean(self) -> dict:
        cleaned = super().clean()
        wanted = {name: cleaned.get(name) for name in self.slug_models if cleaned.get(name)}
        if not wanted:
            return cleaned
        lookups = [
            self.slug_models[name]
            .objects.filter(slug__in=values)
            .annotate(parameter=Value(name))
            .values_list("parameter", "slug", "pk")
            for name, values in wanted.items()
        ]
        found = {(name, slug): pk for name, slug, pk in lookups[0].union(*lookups[1:], all=True)}
        for name, values in wanted.items():
            unknown = [slug for slug in values if (name, slug) not in found]
            if unknown:
                self.add_error(name, f"Unknown {name}: {', '.join(map(shown, unknown))}.")
            else:
                cleaned[name] = [found[(name, slug)] for slug in values]
        return cleaned


class StrictFilterBackend(DjangoFilterBackend):
    """django-filter's backend, refusing a list request's unknown query parameters.

    A misspelt filter (``speakr=``) would otherwise be ignored, and the client would get the
    whole unfiltered list as if it were the answer. Detail views take no parameters to check.
    """

    # Always accepted: DRF's format override (?format=json).
    GENERAL_PARAMETERS = frozenset({"format"})

    def filter_queryset(self, request, queryset, view):
        if _is_list(request, view):
            self._refuse_unknown_parameters(request, queryset, view)
        return super().filter_queryset(request, queryset, view)

    def _refuse_unknown_parameters(self, request, queryset, view) -> None:
        known = set(self.GENERAL_PARAMETERS)
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None:
            known.update(filterset_class.base_filters)
        paginator = getattr(view, "paginator", None)
        known.update(
            name
            for name in (
                getattr(paginator, attribute, None)
                for attribute in ("page_query_param", "page_size_query_param", "cursor_query_param")
            )
            if name
        )
        unknown = sorted(set(request.query_params) - known)
        if unknown:
            takes = ", ".join(sorted(known - self.GENERAL_PARAMETERS))
            raise serializers.ValidationError(
                {name: [f"Unknown parameter; this endpoint takes: {takes}."] for name in unknown}
            )


def _is_list(request, view) -> bool:
    action = getattr(view, "action", None)
    if action is not None:  # a ViewSet
        return action == "list"
    return isinstance(view, ListModelMixin) and request.method in ("GET", "HEAD")
