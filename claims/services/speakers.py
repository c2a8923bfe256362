"""Writing speakers and their aliases."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from claims.models import Speaker, SpeakerAlias
from claimtracker.audit import acting
from claimtracker.permissions import require

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
    unknown = set(fields) - SPEAKER_FIELDS
    if unknown:
        raise ValidationError({name: "This field cannot be set here." for name in unknown})
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


def speaker_create(*, actor, aliases: Iterable[str] = (), **fields) -> Speaker:
    """Record a new speaker."""
    require(actor, "claims.add_speaker", "create speakers")
    with transaction.atomic(), acting(actor):
        return _save_speaker(Speaker(), fields, aliases)


def speaker_update(
    *, speaker: Speaker, actor, aliases: Iterable[str] | None = None, **fields
) -> Speaker:
    """Edit a speaker; ``aliases``, when given, replaces the list."""
    require(actor, "claims.change_speaker", "edit speakers")
    with transaction.atomic(), acting(actor):
        locked = Speaker.objects.select_for_update().get(pk=speaker.pk)
        return _save_speaker(locked, fields, aliases)
