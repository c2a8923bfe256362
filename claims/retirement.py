"""What a committed write retires from the public cache (claimtracker/caching.py).

Only what the public can see retires anything. The public sees published claims (and, for a
retracted one, its retraction): their text, speaker, topics, appearances and evidence with
their sources and publishers, the verdict with its rating (and the rating's exported labels)
and byline, and the corrections; the site's index pages also show the rating scale, the
speakers and topics that have published fact-checks, and the slugs the filters accept.

- A public change of a claim (publication, correction, public update, retraction: the
  services' ``announce_public_change``), and any write under the row lock of a claim the
  public can see (``locked_claim``), retire that claim and the lists.
- Saves and deletes seen by model signals (the admin's forms and inlines, imports, code that
  saves outside the services) are judged after the commit, on the primary, by the checks below:
  a row of a claim the public can see retires that claim and the lists; a speaker, topic,
  source, publisher or user (a byline) that a public claim shows retires everything. So a draft,
  a claim in review, a speaker or source only unpublished claims use, retire nothing.
- Always everything: the rating scale and its labels (the site shows the whole scale), a
  deleted speaker or topic, and a changed speaker or topic slug (the API's filters answer 400
  for an unknown slug, 200 for a known one).

Writes that send no signal (``QuerySet.update()``, ``bulk_create()``) happen in services,
under ``locked_claim`` or with an explicit ``retire_on_commit`` (``speaker_aliases_add``).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from claims.models import (
    PUBLIC_STATUSES,
    Appearance,
    Claim,
    ClaimEvent,
    Correction,
    Evidence,
    Rating,
    RatingLabel,
    Speaker,
    SpeakerAlias,
    Topic,
    Verdict,
    VerdictContributor,
)
from claimtracker.caching import retire_on_commit
from sources.models import Publisher, Source

# A user's fields that a byline shows (full name, else username).
BYLINE_FIELDS = frozenset({"first_name", "last_name", "username"})


def _primary(model):
    # Judged on what was committed: never on a replica that may lag.
    return model.objects.using(DEFAULT_DB_ALIAS)


# --- Checks, run after the commit (claimtracker.caching.retire_on_commit) ------------------------


def public_claims(claim_ids: set[int]) -> list[int]:
    """Which of these claims the public can see: those retire."""
    return list(
        _primary(Claim)
        .filter(pk__in=claim_ids, status__in=PUBLIC_STATUSES)
        .values_list("pk", flat=True)
    )


def public_claims_of_verdicts(verdict_ids: set[int]) -> list[int]:
    """The claims of these verdicts that the public can see."""
    return list(
        _primary(Claim)
        .filter(verdict__pk__in=verdict_ids, status__in=PUBLIC_STATUSES)
        .values_list("pk", flat=True)
    )


def speakers_shown(speaker_ids: set[int]) -> bool:
    """Whether a claim the public can see shows one of these speakers."""
    return _primary(Claim).filter(speaker_id__in=speaker_ids, status__in=PUBLIC_STATUSES).exists()


def topics_shown(topic_ids: set[int]) -> bool:
    """Whether a claim the public can see is about one of these topics."""
    return (
        Claim.topics.through.objects.using(DEFAULT_DB_ALIAS)
        .filter(topic_id__in=topic_ids, claim__status__in=PUBLIC_STATUSES)
        .exists()
    )


def _cited(condition: Q, evidence_condition: Q) -> bool:
    return (
        _primary(Appearance).filter(condition, claim__status__in=PUBLIC_STATUSES).exists()
        or _primary(Evidence)
        .filter(evidence_condition, verdict__claim__status__in=PUBLIC_STATUSES)
        .exists()
    )


def sources_shown(source_ids: set[int]) -> bool:
    """Whether a claim the public can see shows one of these sources."""
    return _cited(Q(source_id__in=source_ids), Q(source_id__in=source_ids))


def publishers_shown(publisher_ids: set[int]) -> bool:
    """Whether a claim the public can see shows a source of one of these publishers."""
    return _cited(
        Q(source__publisher_id__in=publisher_ids), Q(source__publisher_id__in=publisher_ids)
    )


def users_shown(user_ids: set[int]) -> bool:
    """Whether one of these users is in the byline of a claim the public can see."""
    return (
        _primary(VerdictContributor)
        .filter(user_id__in=user_ids, verdict__claim__status__in=PUBLIC_STATUSES)
        .exists()
        or _primary(Verdict)
        .filter(author_id__in=user_ids, claim__status__in=PUBLIC_STATUSES)
        .exists()
    )


# --- What services call for writes that send no signal ------------------------------------------


def retire_speakers_if_shown(speaker_ids: Iterable[int]) -> None:
    """Once committed, retire everything if a public claim shows one of these speakers."""
    retire_on_commit(check=speakers_shown, ids=speaker_ids)


# --- Receivers ------------------------------------------------------------------------------------


def _claim_saved(sender, instance: Claim, raw: bool = False, **kwargs) -> None:
    # A claim is public once published (and stays so: published leads only to retracted).
    if not raw and (instance.status in PUBLIC_STATUSES or instance.published_at is not None):
        retire_on_commit(claims=[instance.pk])


def _claim_row_saved(sender, instance, raw: bool = False, **kwargs) -> None:
    if not raw:
        retire_on_commit(check=public_claims, ids=[instance.claim_id])


def _verdict_row_saved(sender, instance, raw: bool = False, **kwargs) -> None:
    if not raw:
        retire_on_commit(check=public_claims_of_verdicts, ids=[instance.verdict_id])


def _topics_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    if not action.startswith("post_") and action != "pre_clear":
        return
    if not reverse:  # claim.topics.add/remove/set/clear
        retire_on_commit(check=public_claims, ids=[instance.pk])
    elif pk_set:  # topic.claims.add/remove
        retire_on_commit(check=public_claims, ids=pk_set)
    elif action == "pre_clear":  # topic.claims.clear(): which claims is known only before
        retire_on_commit(everything=True)


def _remember_slug(sender, instance, raw: bool = False, **kwargs) -> None:
    if raw or instance.pk is None:
        return
    instance._slug_before_save = (
        sender.objects.using(DEFAULT_DB_ALIAS)
        .filter(pk=instance.pk)
        .values_list("slug", flat=True)
        .first()
    )


def _entity_saved(check):
    """A receiver for a row many claims may show: a new row shows nowhere yet; a changed one
    retires everything if ``check`` finds a public claim showing it; a changed slug always."""

    def receiver(sender, instance, created: bool = False, raw: bool = False, **kwargs) -> None:
        if raw or created:
            return
        before = getattr(instance, "_slug_before_save", None)
        if before is not None and before != instance.slug:
            retire_on_commit(everything=True)
        else:
            retire_on_commit(check=check, ids=[instance.pk])

    return receiver


def _alias_saved(sender, instance: SpeakerAlias, raw: bool = False, **kwargs) -> None:
    # The site's speaker search finds public speakers by their aliases too.
    if not raw:
        retire_speakers_if_shown([instance.speaker_id])


def _user_saved(sender, instance, created: bool = False, update_fields=None, **kwargs) -> None:
    if kwargs.get("raw") or created:
        return
    if update_fields is not None and not (set(update_fields) & BYLINE_FIELDS):
        return  # A sign-in (last_login), a new password: nothing a byline shows.
    retire_on_commit(check=users_shown, ids=[instance.pk])


def _rating_saved(sender, instance: Rating, created: bool = False, raw: bool = False, **kw):
    # Another organisation's rating recorded by an import is off our scale: shown nowhere yet.
    if not raw and not (created and instance.external):
        retire_on_commit(everything=True)


def _everything(sender, raw: bool = False, **kwargs) -> None:
    if not raw:
        retire_on_commit(everything=True)


def connect() -> None:
    """Connect the receivers (claims.apps)."""

    def both(model, saved, deleted, name: str) -> None:
        # weak=False: _entity_saved() makes closures that nothing else holds.
        post_save.connect(saved, sender=model, weak=False, dispatch_uid=f"public-cache-{name}")
        if deleted is not None:
            post_delete.connect(
                deleted, sender=model, weak=False, dispatch_uid=f"public-cache-del-{name}"
            )

    both(Claim, _claim_saved, _claim_saved, "claim")
    for model in (Appearance, Verdict, Correction, ClaimEvent):
        both(model, _claim_row_saved, _claim_row_saved, model.__name__)
    for model in (Evidence, VerdictContributor):
        both(model, _verdict_row_saved, _verdict_row_saved, model.__name__)
    m2m_changed.connect(
        _topics_changed, sender=Claim.topics.through, dispatch_uid="public-cache-topics"
    )
    for model, check in ((Speaker, speakers_shown), (Topic, topics_shown)):
        pre_save.connect(_remember_slug, sender=model, dispatch_uid=f"public-cache-slug-{model}")
        both(model, _entity_saved(check), _everything, model.__name__)
    both(SpeakerAlias, _alias_saved, _alias_saved, "SpeakerAlias")
    # A source or publisher that anything cites cannot be deleted (PROTECT): a delete shows
    # nowhere.
    both(Source, _entity_saved(sources_shown), None, "Source")
    both(Publisher, _entity_saved(publishers_shown), None, "Publisher")
    both(Rating, _rating_saved, _everything, "Rating")
    both(RatingLabel, _everything, _everything, "RatingLabel")
    User = get_user_model()
    both(User, _user_saved, _everything, "User")
