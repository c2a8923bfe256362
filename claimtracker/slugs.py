"""Slugs for records created by code (imports), not typed by a person."""

from __future__ import annotations

from django.db import models
from django.utils.text import slugify


def unique_slug(model: type[models.Model], name: str, *, fallback: str) -> str:
    """A slug for ``name`` not yet used by ``model``: "ren-zhengfei", then "ren-zhengfei-2"..."""
    max_length = model._meta.get_field("slug").max_length
    base = slugify(name)[: max_length - 5].strip("-") or fallback
    slug, number = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug
