"""Every change to sources, in one place (see claims/services/ for the conventions)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from claimtracker.audit import acting
from claimtracker.permissions import require
from sources.models import Source
from sources.signals import source_changing

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


def _stripped(name: str, value):
    # Source.save() strips the URL, so " https://x/ " is no change of "https://x/".
    return value.strip() if name == "url" and isinstance(value, str) else value


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


def source_update(*, source: Source, actor, note: str = "", **fields) -> Source:
    """Edit a source.

    ``note`` is the public note that an edit needs when a published fact-check cites the
    source (the claims app decides, through ``source_changing``).
    """
    require(actor, "sources.change_source", "edit sources")
    with transaction.atomic(), acting(actor):
        locked = Source.objects.select_for_update().get(pk=source.pk)
        changes = {
            name: value
            for name, value in fields.items()
            if name in SOURCE_FIELDS and getattr(locked, name) != _stripped(name, value)
        }
        source_changing.send(sender=Source, source=locked, changes=changes, actor=actor, note=note)
        return _save(locked, fields)
