"""Mapping another organisation's reviewRating onto our rating scale (reads only)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.text import slugify

from claims.claimreview import parse
from claims.models import Rating, RatingLabel

# A label longer than this is a sentence ("False: the photo is from 2015"), not a rating's
# name: only its leading words are looked up, and it never becomes a rating of its own.
SENTENCE_WORDS = 6
SENTENCE_CHARACTERS = 60
_LEADING_SEGMENT = re.compile(r"^(.+?)\s*[.:;!?,(\[\u2013\u2014]|^(.+?)\s+-\s+")
LABEL_MAX_LENGTH = 100
WORDING_MAX_LENGTH = 300


@dataclass
class RatingMatch:
    """What a reviewRating means on our scale.

    ``rating`` is ours (or an external rating already recorded) when one matches; otherwise
    ``label`` is the wording to record as a new external rating ("" when there is none, or
    when the wording is a sentence rather than a rating's name).
    ``wording`` is the rating as published, kept on the ExternalReview.
    """

    rating: Rating | None
    wording: str
    label: str = ""


def rating_key(label: str) -> str:
    """A label compared case-insensitively, with hyphens and underscores read as spaces."""
    return " ".join(re.sub(r"[-_]", " ", label).casefold().split())


def is_sentence(label: str) -> bool:
    """Whether a textual rating is a sentence rather than a rating's name."""
    return len(label) > SENTENCE_CHARACTERS or len(label.split()) > SENTENCE_WORDS


def scale_value(review_rating: dict) -> int | None:
    """The step of our scale a numeric rating falls on, or None without a usable scale.

    A scale without worstRating starts at 1 (schema.org's default); a reversed scale (best
    below worst) and a negative one are read the same way; a scale of one point tells nothing.
    """
    value = parse.number(review_rating.get("ratingValue"))
    best = parse.number(review_rating.get("bestRating"))
    worst = parse.number(review_rating.get("worstRating"))
    if worst is None and best is not None:
        worst = 1.0
    if value is None or best is None or worst is None or best == worst:
        return None
    share = min(1.0, max(0.0, (value - worst) / (best - worst)))
    span = Rating.BEST_VALUE - Rating.WORST_VALUE
    return Rating.WORST_VALUE + math.floor(share * span + 0.5)


def _keys(label: str) -> list[str]:
    """The label as compared, then its leading words when it reads as a sentence."""
    keys = [rating_key(label)]
    segment = _LEADING_SEGMENT.match(label)
    if segment:
        keys.append(rating_key(segment.group(1) or segment.group(2)))
    return [key for key in dict.fromkeys(keys) if key]


def labelled_rating(label: str, *, language: str = "") -> Rating | None:
    """The rating of our scale a wording means, by the rating labels (any language, the
    label's own first), or by our ratings' own labels and slugs."""
    keys = _keys(label)
    primary = language.split("-", 1)[0].lower()
    labels = [
        row
        for row in RatingLabel.objects.filter(key__in=keys, rating__external=False)
        .select_related("rating")
        .order_by("id")
    ]
    if labels:
        # The full label before its leading words; the review's language before others.
        labels.sort(key=lambda row: (keys.index(row.key), row.language.split("-", 1)[0] != primary))
        return labels[0].rating
    ours = Rating.objects.filter(external=False)
    for key in keys:
        rating = ours.filter(models.Q(label__iexact=key) | models.Q(slug=slugify(key))).first()
        if rating is not None:
            return rating
    return None


def rating_match(value: Any, *, language: str = "") -> RatingMatch:
    """Our rating for a reviewRating (an object or a bare label), found without writing:
    its wording by the rating labels, else its number on its scale, else an external rating
    of the same wording recorded before."""
    review_rating = parse.first_object(value) or (
        {"alternateName": value} if parse.text(value) else {}
    )
    label = parse.text(review_rating.get("alternateName")) or parse.text(review_rating.get("name"))
    step = scale_value(review_rating)
    wording = label
    if not wording and step is not None:
        wording = (
            f"{parse.text(review_rating.get('ratingValue'))} (from "
            f"{parse.text(review_rating.get('worstRating')) or '1'} to "
            f"{parse.text(review_rating.get('bestRating'))})"
        )
    wording = wording[:WORDING_MAX_LENGTH]
    if label:
        rating = labelled_rating(label, language=language)
        if rating is not None:
            return RatingMatch(rating, wording)
    if step is not None:
        rating = Rating.objects.filter(external=False, value=step).order_by("order", "slug")
        if rating.first() is not None:
            return RatingMatch(rating.first(), wording)
    if not label or is_sentence(label):
        return RatingMatch(None, wording)
    label = label[:LABEL_MAX_LENGTH]
    rating = (
        Rating.objects.filter(external=True)
        .filter(models.Q(label__iexact=label) | models.Q(slug=slugify(label)[:50]))
        .first()
    )
    if rating is not None:
        return RatingMatch(rating, wording)
    return RatingMatch(None, wording, label=label)
