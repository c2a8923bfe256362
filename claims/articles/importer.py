"""Article import: a news article becomes a source, draft claims and reported-speech notes.

The one service that writes; what it writes is the plan of ``plan.py`` (which the preview
shows), made again inside the import's transaction. The quotations come from ``quotations``;
every row is created by the services the admin and the API use.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping

from django.db import transaction

from claims.articles.plan import ImportPlan, plan_import
from claims.models import CLAIM_TEXT_MAX_LENGTH, Speaker
from claims.services.claims import AppearanceItem, claim_create
from claims.services.speakers import speaker_aliases_add, speaker_create
from claimtracker.audit import acting
from claimtracker.fields import shorten
from claimtracker.permissions import require
from claimtracker.writes import service
from quotations import known_aliases
from sources import services as source_services
from sources.models import CONTEXT_MAX_LENGTH

# What the plan fills in of a new source, handed to source_create.
SOURCE_PLAN_FIELDS = ("url", "title", "publisher", "published_on", "author", "kind")


@service
def article_import(
    *,
    actor,
    text: str,
    url: str,
    title: str = "",
    publisher: str = "",
    published_on: dt.date | None = None,
    author: str = "",
    language: str | None = None,
    skip: Collection[int] = (),
    speaker_names: Mapping[int, str] | None = None,
) -> ImportPlan:
    """Record the article as a source, its full quotations as draft claims (first appearance:
    this source) and its partial quotes as reported speech. All or nothing. The editor's
    choices (``skip``, ``speaker_names``) are those of ``article_preview``."""
    require(actor, "claims.add_claim", "import articles")
    with transaction.atomic(), acting(actor):
        plan, quotations = plan_import(
            text=text,
            url=url,
            title=title,
            publisher=publisher,
            published_on=published_on,
            author=author,
            language=language,
            skip=skip,
            speaker_names=speaker_names,
        )
        if not plan.source_exists:
            planned = plan.source
            if publisher and planned.publisher is None:
                planned.publisher, _ = source_services.publisher_get_or_create(
                    actor=actor, name=publisher
                )
            plan.source = source_services.source_create(
                actor=actor,
                **{name: getattr(planned, name) for name in SOURCE_PLAN_FIELDS},
            )
        source = plan.source

        created: dict[int, Speaker] = {}
        for candidate in plan.new_candidates:
            speaker = candidate.speaker
            if speaker is not None and speaker.pk is None:
                if id(speaker) not in created:
                    created[id(speaker)] = speaker_create(
                        actor=actor, name=speaker.name, kind=speaker.kind, verified=False
                    )
                    plan.speakers_created.append(created[id(speaker)])
                candidate.speaker = created[id(speaker)]
        aliases = known_aliases(quotations)
        for candidate in plan.candidates:
            speaker = candidate.speaker
            if speaker is None or speaker.pk is None:
                continue  # unattributed, or a new speaker only an unticked quotation had
            names = aliases.get(candidate.quotation.speaker, ())
            speaker_aliases_add(speaker=speaker, actor=actor, names=names)

        for candidate in plan.new_candidates:
            quotation = candidate.quotation
            claim = claim_create(
                actor=actor,
                text=quotation.text,
                speaker=candidate.speaker,
                stated_on=source.published_on,
                context=shorten(quotation.context, CLAIM_TEXT_MAX_LENGTH),
                appearances=[AppearanceItem(source, is_first=True)],
            )
            plan.claims.append(claim)

        plan.fragments_created = source_services.reported_speech_add(
            source=source,
            actor=actor,
            fragments=[
                source_services.Fragment(
                    start=fragment.start,
                    end=fragment.end,
                    speaker_name=fragment.speaker or "",
                    text=fragment.text[:1000],
                    context=shorten(fragment.context, CONTEXT_MAX_LENGTH),
                )
                for fragment in plan.fragments
            ],
        )
    return plan
