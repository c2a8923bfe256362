"""The JSON of a change-feed event: the same in GET /api/v1/changes/ and in every webhook."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from rest_framework import serializers

from sync.models import ChangeEvent

_DATETIMES = serializers.DateTimeField()


def site_url() -> str:
    """The site's root URL for links built outside a request (webhook payloads)."""
    return settings.CLAIMTRACKER_SITE_URL.rstrip("/")


def event_json(event: ChangeEvent, *, base_url: str) -> dict[str, Any]:
    """An event as clients see it; ``base_url`` is the site's root, without a trailing slash."""
    claim_url = base_url + reverse("claim-detail", kwargs={"pk": event.claim_id})
    return {
        "id": event.pk,
        "type": event.type,
        "at": _DATETIMES.to_representation(event.at),
        "claim": event.claim_id,
        "url": claim_url,
        "claimreview_url": f"{claim_url}claimreview/",
        "note": event.note or None,
        "old_rating": event.old_rating or None,
        "new_rating": event.new_rating or None,
    }
