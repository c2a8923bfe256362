"""Filter fields shared by the apps' filtersets: repeatable slugs and ISO dates.

Their errors name the parameter's bad value, so a client can see what to fix.
"""

from __future__ import annotations

import django_filters as filters
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db.models import Model, QuerySet, Value

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
