"""Every change to sources, in one place (see claims/services/ for the conventions)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from claimtracker.audit import acting
from claimtracker.permissions import require
from sources.models import Source

SOURCE_FIELDS = {
    "url",
    "title",
    "publisher",
    "author",
    "published_on",
    "kind",
    "archived_url",
    "accessed_at",
    "notes",
}


def _save(source: Source, fields: dict) -> Source:
    unknown = set(fields) - SOURCE_FIELDS
    if unknown:
        raise ValidationError({name: "This field cannot be set here." for name in unknown})
    for name, value in fields.items():
        setattr(source, name, value)
    # clean() refuses a second spelling of a known address, naming the existing source.
    source.full_clean(exclude=["normalized_url"])
    source.save()
    return source


def source_create(*, actor, **fields) -> Source:
    """Record a new source; an address already known, however spelled, is refused."""
    require(actor, "sources.add_source", "create sources")
    with transaction.atomic(), acting(actor):
        return _save(Source(), fields)


def source_update(*, source: Source, actor, **fields) -> Source:
    """Edit a source."""
    require(actor, "sources.change_source", "edit sources")
    with transaction.atomic(), acting(actor):
        locked = Source.objects.select_for_update().get(pk=source.pk)
        return _save(locked, fields)
