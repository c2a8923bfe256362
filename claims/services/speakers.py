"""Writing speakers and their aliases."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models.functions import Lower

from claims.models import MAX_ALIASES, Speaker, SpeakerAlias
from claims.retirement import retire_speakers_if_shown
from claims.services.limits import capped
from claimtracker.audit import acting
from claimtracker.permissions import require
from claimtracker.slugs import unique_slug
from claimtracker.writes import only_fields, service

SPEAKER_FIELDS = {
    "name",
    "slug",
    "kind",
    "role",
    "affiliation",
    "country",
    "same_as",
    "verified",
}


def _save_speaker(speaker: Speaker, fields: dict, aliases: Iterable[str] | None) -> Speaker:
    only_fields(fields, SPEAKER_FIELDS)
    if not fields.get("slug") and speaker.pk is None and fields.get("name"):
        # Speakers found by an import have no slug typed by a person.
        fields = {**fields, "slug": unique_slug(Speaker, fields["name"], fallback="speaker")}
    for name, value in fields.items():
        setattr(speaker, name, value)
    speaker.full_clean()
    speaker.save()
    if aliases is not None:
        names = {alias.strip().casefold(): alias.strip() for alias in aliases if alias.strip()}
        speaker.aliases.exclude(name__in=names.values()).delete()
        existing = {alias.name.casefold() for alias in speaker.aliases.all()}
        SpeakerAlias.objects.bulk_create(
            SpeakerAlias(speaker=speaker, name=name)
            for key, name in names.items()
            if key not in existing
        )
    return speaker


@service
def speaker_create(*, actor, aliases: Iterable[str] = (), **fields) -> Speaker:
    """Record a new speaker."""
    require(actor, "claims.add_speaker", "create speakers")
    aliases = capped("aliases", aliases, MAX_ALIASES)
    with transaction.atomic(), acting(actor):
        return _save_speaker(Speaker(), fields, aliases)


@service
def speaker_update(
    *, speaker: Speaker, actor, aliases: Iterable[str] | None = None, **fields
) -> Speaker:
    """Edit a speaker; ``aliases``, when given, replaces the list."""
    require(actor, "claims.change_speaker", "edit speakers")
    if aliases is not None:
        aliases = capped("aliases", aliases, MAX_ALIASES)
    with transaction.atomic(), acting(actor):
        locked = Speaker.objects.select_for_update().get(pk=speaker.pk)
        return _save_speaker(locked, fields, aliases)


@service
def speaker_aliases_add(*, speaker: Speaker, actor, names: Iterable[str]) -> list[SpeakerAlias]:
    """Add the names a speaker is not yet known by (ignoring case); return the new aliases."""
    require(actor, "claims.add_speakeralias", "add speaker aliases")
    with transaction.atomic(), acting(actor):
        known = {speaker.name.casefold()} | set(
            speaker.aliases.annotate(lower=Lower("name")).values_list("lower", flat=True)
        )
        new = {}
        for name in names:
            name = name.strip()
            if name and name.casefold() not in known:
                new.setdefault(name.casefold(), name)
        # bulk_create sends no signal: the site's speaker search finds aliases.
        retire_speakers_if_shown([speaker.pk])
        return SpeakerAlias.objects.bulk_create(
            SpeakerAlias(speaker=speaker, name=name) for name in new.values()
        )
