"""Mapping another organisation's reviewRating onto our rating scale (reads only)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.text import slugify

from claims.claimreview import parse
from claims.models import Rating

# Textual ratings other fact-checkers use, and the step of our scale each one means. Keys are
# compared case-insensitively, with hyphens and underscores read as spaces. Labels and slugs
# of our own scale ("Mostly false", "half-true") match without being listed here.
RATING_SYNONYMS = {
    "pants on fire": "false",
    "fake": "false",
    "incorrect": "false",
    "mostly incorrect": "mostly-false",
    "mixture": "half-true",
    "mixed": "half-true",
    "partly true": "half-true",
    "partly false": "half-true",
    "half truth": "half-true",
    "mostly correct": "mostly-true",
    "correct": "true",
    "accurate": "true",
    "missing context": "misleading",
    "out of context": "misleading",
    "unproven": "unverifiable",
    "unverified": "unverifiable",
    "unsupported": "unverifiable",
}
LABEL_MAX_LENGTH = 100
WORDING_MAX_LENGTH = 300


@dataclass
class RatingMatch:
    """What a reviewRating means on our scale.

    ``rating`` is ours (or an external rating already recorded) when one matches; otherwise
    ``label`` is the wording to record as a new external rating ("" when there is none).
    ``wording`` is the rating as published, kept on the ExternalReview.
    """

    rating: Rating | None
    wording: str
    label: str = ""


def rating_key(label: str) -> str:
    """A label compared case-insensitively, with hyphens and underscores read as spaces."""
    return " ".join(re.sub(r"[-_]", " ", label).casefold().split())


def scale_value(review_rating: dict) -> int | None:
    """The step of our scale a numeric rating falls on, or None without a usable scale."""
    value = parse.number(review_rating.get("ratingValue"))
    best = parse.number(review_rating.get("bestRating"))
    worst = parse.number(review_rating.get("worstRating"))
    if value is None or best is None or worst is None or best == worst:
        return None
    share = min(1.0, max(0.0, (value - worst) / (best - worst)))
    span = Rating.BEST_VALUE - Rating.WORST_VALUE
    return Rating.WORST_VALUE + math.floor(share * span + 0.5)


def rating_match(value: Any) -> RatingMatch:
    """Our rating for a reviewRating (an object or a bare label), found without writing."""
    review_rating = parse.first_object(value) or (
        {"alternateName": value} if parse.text(value) else {}
    )
    label = parse.text(review_rating.get("alternateName")) or parse.text(review_rating.get("name"))
    step = scale_value(review_rating)
    wording = label
    if not wording and step is not None:
        wording = (
            f"{parse.text(review_rating.get('ratingValue'))} (from "
            f"{parse.text(review_rating.get('worstRating'))} to "
            f"{parse.text(review_rating.get('bestRating'))})"
        )
    wording = wording[:WORDING_MAX_LENGTH]
    ours = Rating.objects.filter(external=False)
    if step is not None:
        rating = ours.filter(value=step).order_by("order", "slug").first()
        if rating is not None:
            return RatingMatch(rating, wording)
    if not label:
        return RatingMatch(None, wording)
    label = label[:LABEL_MAX_LENGTH]
    slug = slugify(label)[:50]
    synonym = RATING_SYNONYMS.get(rating_key(label), "")
    for candidates in (ours, Rating.objects.filter(external=True)):
        rating = (
            candidates.filter(models.Q(label__iexact=label) | models.Q(slug=slug)).first()
            or candidates.filter(slug=synonym).first()
        )
        if rating is not None:
            return RatingMatch(rating, wording)
    return RatingMatch(None, wording, label=label)
