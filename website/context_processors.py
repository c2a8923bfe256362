"""What every public page's header and footer show, for every template (the site's 404 too)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from claims.claimreview.render import organization_name

DEFAULT_CORRECTIONS_POLICY = (
    "When we get something wrong, we correct it openly: every correction, update and "
    "retraction is dated and listed on our corrections page, with what changed and why."
)


def site(request: HttpRequest) -> dict:
    """The organisation's name and its corrections policy (no query)."""
    return {
        "organization_name": organization_name(),
        "corrections_policy": getattr(settings, "CLAIMTRACKER_CORRECTIONS_POLICY", "")
        or DEFAULT_CORRECTIONS_POLICY,
    }
