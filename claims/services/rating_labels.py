"""Writing the rating labels: how ratings are worded in each language (claims.RatingLabel)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from claims.claimreview.ratings import rating_key
from claims.models import Claim, Rating, RatingLabel, Verdict
from claimtracker.audit import acting
from claimtracker.permissions import require
from claimtracker.writes import service

RATING_LABEL_FIELDS = {"rating", "label", "language", "exported"}


def _save_label(label: RatingLabel, fields: dict) -> RatingLabel:
    unknown = set(fields) - RATING_LABEL_FIELDS
    if unknown:
        raise ValidationError({name: "This field cannot be set here." for name in unknown})
    for name, value in fields.items():
        setattr(label, name, value)
    label.label = " ".join(label.label.split())
    label.language = label.language.strip()
    label.key = rating_key(label.label)
    if label.rating_id and label.rating.external:
        raise ValidationError({"rating": "Map wordings to a rating of our own scale."})
    label.full_clean()
    label.save()
    return label


def _remap_imported(label: RatingLabel) -> int:
    """Imported reviews rated with an external rating of this wording now use the label's
    rating; the external rating goes once nothing uses it. Returns the verdicts moved."""
    external = [
        rating
        for rating in Rating.objects.filter(external=True)
        if rating_key(rating.label) == label.key
    ]
    moved = 0
    for rating in external:
        moved += Verdict.objects.filter(rating=rating, claim__status=Claim.Status.IMPORTED).update(
            rating=label.rating, version=F("version") + 1, updated_at=timezone.now()
        )
        if not rating.verdicts.exists():
            rating.delete()
    return moved


@service
def rating_label_create(
    *, actor, rating: Rating, label: str, language: str = "", exported: bool = False
) -> RatingLabel:
    """Record a wording of ``rating``; reviews already imported with it are mapped to it."""
    require(actor, "claims.add_ratinglabel", "map rating labels")
    with transaction.atomic(), acting(actor):
        saved = _save_label(
            RatingLabel(),
            {"rating": rating, "label": label, "language": language, "exported": exported},
        )
        _remap_imported(saved)
    return saved


@service
def rating_label_update(*, actor, rating_label: RatingLabel, **fields) -> RatingLabel:
    """Change a label; imported reviews with its (new) wording are mapped to its rating."""
    require(actor, "claims.change_ratinglabel", "map rating labels")
    with transaction.atomic(), acting(actor):
        locked = RatingLabel.objects.select_for_update().get(pk=rating_label.pk)
        saved = _save_label(locked, fields)
        _remap_imported(saved)
    return saved


@service
def rating_label_delete(*, actor, rating_label: RatingLabel) -> None:
    """Forget a label; reviews already mapped through it keep their rating."""
    require(actor, "claims.delete_ratinglabel", "map rating labels")
    with transaction.atomic(), acting(actor):
        RatingLabel.objects.filter(pk=rating_label.pk).delete()
