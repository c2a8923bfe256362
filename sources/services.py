"""Every change to publishers, sources and reported speech, in one place (see claims/services/
for the conventions)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction

from claimtracker.audit import acting
from claimtracker.permissions import require
from claimtracker.slugs import unique_slug
from claimtracker.writes import only_fields, service
from sources.models import Publisher, ReportedSpeech, Source
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
PUBLISHER_FIELDS = {"name", "slug", "url"}


# --- Publishers ----------------------------------------------------------------------------


def _save_publisher(publisher: Publisher, fields: dict) -> Publisher:
    only_fields(fields, PUBLISHER_FIELDS)
    for name, value in fields.items():
        setattr(publisher, name, value)
    if not publisher.slug:
        publisher.slug = unique_slug(Publisher, publisher.name, fallback="publisher")
    publisher.full_clean()
    publisher.save()
    return publisher


@service
def publisher_create(*, actor, **fields) -> Publisher:
    """Record a publisher; without a slug, one is made from the name."""
    require(actor, "sources.add_publisher", "create publishers")
    with transaction.atomic(), acting(actor):
        return _save_publisher(Publisher(), fields)


@service
def publisher_update(*, publisher: Publisher, actor, **fields) -> Publisher:
    """Rename a publisher or change its website."""
    require(actor, "sources.change_publisher", "edit publishers")
    with transaction.atomic(), acting(actor):
        locked = Publisher.objects.select_for_update().get(pk=publisher.pk)
        return _save_publisher(locked, fields)


@service
def publisher_get_or_create(*, actor, name: str, url: str = "") -> tuple[Publisher, bool]:
    """The publisher of that name (ignoring case), recorded if new; and whether it was."""
    publisher = Publisher.objects.filter(name__iexact=name).first()
    if publisher is not None:
        return publisher, False
    return publisher_create(actor=actor, name=name, url=url), True


# --- Sources -------------------------------------------------------------------------------


def _stripped(name: str, value):
    # Source.save() strips the URL, so " https://x/ " is no change of "https://x/".
    return value.strip() if name == "url" and isinstance(value, str) else value


def _save(source: Source, fields: dict) -> Source:
    only_fields(fields, SOURCE_FIELDS)
    for name, value in fields.items():
        setattr(source, name, value)
    # clean() refuses a second spelling of a known address, naming the existing source.
    source.full_clean(exclude=["normalized_url"])
    source.save()
    return source


@service
def source_create(*, actor, **fields) -> Source:
    """Record a new source; an address already known, however spelled, is refused."""
    require(actor, "sources.add_source", "create sources")
    with transaction.atomic(), acting(actor):
        return _save(Source(), fields)


@service
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


@service
def source_get_or_create(*, actor, url: str, **fields) -> tuple[Source, bool]:
    """The source at ``url`` (however spelled), recorded with ``fields`` if new; and whether
    it was."""
    source = Source.objects.for_url(url).first()
    if source is not None:
        return source, False
    return source_create(actor=actor, url=url, **fields), True


# --- Reported speech -----------------------------------------------------------------------


@dataclass(frozen=True)
class Fragment:
    """A partial quote to keep with its article (reported_speech_add)."""

    start: int
    end: int
    speaker_name: str
    text: str
    context: str = ""


@service
def reported_speech_add(*, source: Source, actor, fragments: Iterable[Fragment]) -> int:
    """Keep the partial quotes found in a source; spans already kept are left alone.

    Returns how many were added.
    """
    require(actor, "sources.change_source", "record reported speech")
    added = 0
    with transaction.atomic(), acting(actor):
        for fragment in fragments:
            _, created = ReportedSpeech.objects.get_or_create(
                source=source,
                start=fragment.start,
                end=fragment.end,
                defaults={
                    "speaker_name": fragment.speaker_name,
                    "text": fragment.text,
                    "context": fragment.context,
                },
            )
            added += int(created)
    return added
