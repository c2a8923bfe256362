"""The public fact-check page: plain server-rendered HTML of a published claim.

Published claims only, whoever asks: editors preview drafts in the admin, and a public URL
must never show work in progress. A revalidation (If-None-Match) costs one query, for the
ETag, and never loads the claim.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from csp.decorators import csp_update
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.views.decorators.http import require_safe

from claims.claimreview.render import (
    claim_page_url,
    claim_review,
    claim_slug,
    json_ld_script,
    organization_name,
)
from claims.selectors import claim_etag, claims_for_claimreview

CACHE_CONTROL = "public, max-age=60"

# The page is standalone: its style is inline, and the Content Security Policy allows that one
# style by its hash. (A nonce would change on every response, and a 304 would then bring a
# header that no longer matches the page the browser keeps.)
PAGE_STYLE = (Path(__file__).resolve().parent / "templates/claims/claim_page.css").read_text()
_PAGE_STYLE_DIGEST = hashlib.sha256(PAGE_STYLE.encode()).digest()
PAGE_STYLE_HASH = f"'sha256-{base64.b64encode(_PAGE_STYLE_DIGEST).decode()}'"


@require_safe
@csp_update({"style-src": [PAGE_STYLE_HASH]})
def claim_page(request: HttpRequest, pk: int, slug: str | None = None) -> HttpResponse:
    """A published claim with its verdict, evidence and corrections, and its ClaimReview."""
    etag = claim_etag(claim_id=pk, user=None, representation="page")
    if etag is None:
        raise Http404("No published claim with this number.")
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return _with_validators(not_modified, etag)

    # Publishing requires a rated verdict; should one be missing all the same, there is no
    # fact-check to show and no ClaimReview to build, so the page does not exist.
    claim = get_object_or_404(
        claims_for_claimreview(None).filter(verdict__rating__isnull=False), pk=pk
    )
    canonical_slug = claim_slug(claim)
    if slug != canonical_slug:
        # The ETag belongs to the page, not to the redirect, so the redirect carries none.
        location = reverse("claim-page", kwargs={"pk": claim.pk, "slug": canonical_slug})
        if query := request.META.get("QUERY_STRING"):
            location = f"{location}?{query}"
        return HttpResponsePermanentRedirect(location)

    context = {
        "claim": claim,
        "verdict": claim.verdict,
        "canonical_url": claim_page_url(claim, request=request),
        "claim_review_script": json_ld_script(claim_review(claim, request=request)),
        "organization_name": organization_name(),
    }
    return _with_validators(render(request, "claims/claim_page.html", context), etag)


def _with_validators(response: HttpResponse, etag: str) -> HttpResponse:
    # A 304 carries the same ETag and Cache-Control as the 200 it stands for (RFC 9110 15.4.5).
    response["ETag"] = etag
    response["Cache-Control"] = CACHE_CONTROL
    return response
