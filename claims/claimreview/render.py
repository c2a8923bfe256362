"""schema.org ClaimReview JSON-LD for a published fact-check, as Google's fact-check guide asks.

Required by Google: ``claimReviewed``, ``reviewRating`` (with ``alternateName``, here in the
claim's language when the rating has a label in it) and ``url``; recommended: ``author`` (here
the organisation, then the verdict's contributors), ``datePublished`` and ``itemReviewed`` (a
Claim with its author, a Person or an Organization, date, appearances and first appearance).
``reviewBody`` is the verdict's summary and ``inLanguage`` the claim's language. Only textual
ratings are shown in search results,
so off-scale ratings such as Misleading carry a label and no number.
https://developers.google.com/search/docs/appearance/structured-data/factcheck
https://schema.org/ClaimReview

Everything here is pure: it reads a claim fetched with ``claims_for_claimreview()`` and runs
no query.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

from claims.models import Appearance, Claim, Correction, Rating, Speaker
from claimtracker.people import person_name

SLUG_MAX_LENGTH = 60
SLUG_FALLBACK = "claim"

# What a JSON string must not contain raw inside <script>: "</script>" or "<!--" would end or
# confuse the element. The same escapes as django.utils.html.json_script.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def claim_slug(claim: Claim) -> str:
    """The readable part of a claim's public URL: its summary slugified, cut at a word."""
    return text_slug(claim.claim_reviewed or claim.text)


def text_slug(text: str) -> str:
    """``text`` slugified for a URL, cut at a word."""
    slug = slugify(text)
    if len(slug) > SLUG_MAX_LENGTH:
        # Keep one character more, so a word ending exactly at the limit is kept whole.
        head = slug[: SLUG_MAX_LENGTH + 1]
        slug = head.rsplit("-", 1)[0] if "-" in head else slug[:SLUG_MAX_LENGTH]
    return slug.strip("-") or SLUG_FALLBACK


def claim_page_url(claim: Claim, *, request) -> str:
    """The absolute URL of the claim's public fact-check page.

    ``CLAIMREVIEW_URL_TEMPLATE`` (placeholders ``{id}`` and ``{slug}``) points it at a
    newsroom's own site instead of ClaimTracker's page.
    """
    return claim_page_url_template(request=request).format(id=claim.pk, slug=claim_slug(claim))


def claim_page_url_template(*, request) -> str:
    """The public page's absolute URL with ``{id}`` and ``{slug}`` placeholders: worked out
    once for a list of claims rather than reversed for each."""
    template = getattr(settings, "CLAIMREVIEW_URL_TEMPLATE", "")
    if template:
        return template
    sample = reverse("claim-page", kwargs={"pk": 0, "slug": "slug"})
    prefix = sample.removesuffix("0/slug/")
    return request.build_absolute_uri(prefix) + "{id}/{slug}/"


def claim_review(claim: Claim, *, request) -> dict[str, Any]:
    """The ClaimReview of a published, rated claim, as a JSON-ready dict.

    Raises ValueError for a claim that is not published or has no rated verdict.
    """
    if claim.status != Claim.Status.PUBLISHED:
        raise ValueError(f"Claim {claim.pk} is not published; it has no public ClaimReview.")
    try:
        verdict = claim.verdict
    except ObjectDoesNotExist:
        verdict = None
    if verdict is None or verdict.rating is None:
        raise ValueError(f"Claim {claim.pk} has no rated verdict.")

    published_at = verdict.published_at or claim.published_at
    return _compact(
        {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": claim_page_url(claim, request=request),
            "claimReviewed": claim.claim_reviewed or claim.text,
            "reviewRating": _rating(verdict.rating, language=claim.language),
            "reviewBody": verdict.summary,
            "author": _authors(verdict, request),
            "datePublished": _local_date(published_at),
            # The last public change (publication, correction, public update), to the second:
            # a client syncing by modification compares it with what it holds.
            "dateModified": _iso_moment(claim.modified_at or published_at),
            "inLanguage": claim.language,
            "itemReviewed": _item_reviewed(claim),
            "correction": [_correction(record) for record in claim.corrections.all()],
            "identifier": _identifier(claim, request),
        }
    )


def _identifier(claim: Claim, request) -> dict[str, Any]:
    """The claim's id in this API, and its API URL: how a client that copied the review
    finds the claim again (schema.org allows a PropertyValue as a Thing's identifier)."""
    return {
        "@type": "PropertyValue",
        "propertyID": "claimtracker-claim-id",
        "value": claim.pk,
        "url": request.build_absolute_uri(reverse("claim-detail", kwargs={"pk": claim.pk})),
    }


def json_ld_script(data: dict[str, Any]) -> SafeString:
    """A ``<script type="application/ld+json">`` element that no value can break out of."""
    payload = json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')


def rating_label(rating: Rating, *, language: str) -> str:
    """The rating's name in the language (its exported label for the tag, then for the
    primary language), else its own label. Reads the labels prefetched by the selector."""
    labels = {
        label.language.lower(): label.label for label in getattr(rating, "exported_labels", [])
    }
    tag = language.lower()
    return labels.get(tag) or labels.get(tag.split("-", 1)[0]) or rating.label


def _rating(rating: Rating, *, language: str) -> dict[str, Any]:
    result: dict[str, Any] = {
        "@type": "Rating",
        "alternateName": rating_label(rating, language=language),
    }
    # A number only where the scale has one: Google reads bestRating/worstRating as the scale.
    if rating.value is not None:
        result |= {
            "ratingValue": rating.value,
            "bestRating": Rating.BEST_VALUE,
            "worstRating": Rating.WORST_VALUE,
        }
    return result


def organization_name() -> str:
    """The name of the fact-checking organisation that publishes the reviews."""
    return getattr(settings, "CLAIMTRACKER_ORGANIZATION_NAME", "") or "ClaimTracker"


def _organization(request) -> dict[str, Any]:
    return {
        "@type": "Organization",
        "name": organization_name(),
        "url": getattr(settings, "CLAIMTRACKER_ORGANIZATION_URL", "")
        or request.build_absolute_uri("/"),
    }


def _authors(verdict, request) -> list[dict[str, Any]]:
    """The organisation, then the people who wrote the verdict (its byline)."""
    people = [{"@type": "Person", "name": person_name(person)} for person in verdict.byline]
    return [_organization(request), *people]


def _correction(record: Correction) -> dict[str, Any]:
    """A correction or public update as schema.org's CorrectionComment."""
    label = "Update" if record.kind == Correction.Kind.UPDATE else "Correction"
    return {
        "@type": "CorrectionComment",
        "name": label,
        "text": record.note,
        "datePublished": _local_date(record.created_at),
    }


def _item_reviewed(claim: Claim) -> dict[str, Any]:
    # .all() reads the prefetch cache filled by claims_for_claimreview(); filtering would query.
    appearances = [
        (appearance, _creative_work(appearance)) for appearance in claim.appearances.all()
    ]
    first = next((work for appearance, work in appearances if appearance.is_first), None)
    speaker = claim.speaker
    return _compact(
        {
            "@type": "Claim",
            "author": _speaker(speaker) if speaker else None,
            "datePublished": _iso(claim.stated_on),
            "appearance": [work for _, work in appearances],
            "firstAppearance": first,
        }
    )


def _speaker(speaker: Speaker) -> dict[str, Any]:
    organisation = speaker.kind == Speaker.Kind.ORGANISATION
    return _compact(
        {
            "@type": "Organization" if organisation else "Person",
            "name": speaker.name,
            # schema.org gives an Organization no jobTitle.
            "jobTitle": None if organisation else speaker.role,
            "sameAs": list(speaker.same_as),
        }
    )


def _creative_work(appearance: Appearance) -> dict[str, Any]:
    source = appearance.source
    publisher = source.publisher
    return _compact(
        {
            "@type": "CreativeWork",
            "url": source.url,
            "headline": source.title,
            "datePublished": _iso(source.published_on),
            "publisher": (
                _compact({"@type": "Organization", "name": publisher.name, "url": publisher.url})
                if publisher
                else None
            ),
        }
    )


def _local_date(moment: dt.datetime | None) -> str | None:
    return timezone.localtime(moment).date().isoformat() if moment else None


def _iso_moment(moment: dt.datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment else None


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _compact(data: dict[str, Any]) -> dict[str, Any]:
    """Drop keys without a value: Google prefers a missing property to a null or empty one."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}
