"""Writing the rating scale, and the ratings other organisations use (ClaimReview import)."""

from __future__ import annotations

from django.db import transaction

from claims.models import Rating
from claimtracker.audit import acting
from claimtracker.permissions import require
from claimtracker.slugs import unique_slug
from claimtracker.writes import only_fields, service

RATING_FIELDS = {"slug", "label", "value", "order", "description", "external"}
# Ratings kept in another organisation's wording sort after our scale.
EXTERNAL_RATING_ORDER = 1000


def _save_rating(rating: Rating, fields: dict) -> Rating:
    only_fields(fields, RATING_FIELDS)
    for name, value in fields.items():
        setattr(rating, name, value)
    rating.full_clean()
    rating.save()
    return rating


@service
def rating_create(*, actor, **fields) -> Rating:
    """Add a step to the rating scale, or (``external=True``) another organisation's rating."""
    require(actor, "claims.add_rating", "add ratings")
    with transaction.atomic(), acting(actor):
        return _save_rating(Rating(), fields)


@service
def rating_update(*, rating: Rating, actor, **fields) -> Rating:
    """Reword or reorder a rating."""
    require(actor, "claims.change_rating", "edit ratings")
    with transaction.atomic(), acting(actor):
        locked = Rating.objects.select_for_update().get(pk=rating.pk)
        return _save_rating(locked, fields)


@service
def rating_record_external(*, actor, label: str, description: str = "") -> Rating:
    """Keep a rating another organisation used, in its wording (off our scale).

    Part of importing their fact-check, so it needs the right to import (add claims), not to
    change our scale.
    """
    require(actor, "claims.add_claim", "import fact-checks")
    with transaction.atomic(), acting(actor):
        rating = Rating(slug=unique_slug(Rating, label, fallback="rating"))
        return _save_rating(
            rating,
            {
                "label": label,
                "value": None,
                "order": EXTERNAL_RATING_ORDER,
                "external": True,
                "description": description,
            },
        )
