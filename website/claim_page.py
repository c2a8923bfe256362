"""The public fact-check page: plain server-rendered HTML of a published claim.

Published claims only, whoever asks: editors preview drafts in the admin, and a public URL
must never show work in progress. A retracted claim's page says so, with the editors' note
and date, and answers 410 Gone. A revalidation (If-None-Match) costs one query, for the
ETag, and never loads the claim; a page the shared cache holds costs that query and no other.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from claims.claimreview.render import claim_page_url, claim_review, claim_slug, json_ld_script
from claims.models import Claim, ClaimAction, CorrectionKind
from claims.selectors import claim_etag, claims_for_claimreview
from claimtracker.people import person_name
from website.caching import serve_public


@require_safe
def claim_page(request: HttpRequest, pk: int, slug: str | None = None) -> HttpResponse:
    """A published claim with its verdict, evidence and corrections, and its ClaimReview."""
    etag = claim_etag(claim_id=pk, user=None, representation="page")
    if etag is None:
        return retracted_page(request, pk)
    return serve_public(request, lambda: _render(request, pk, slug), etag=etag, claim_id=pk)


def _render(request: HttpRequest, pk: int, slug: str | None) -> HttpResponse:
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

    verdict = claim.verdict
    corrections = list(claim.corrections.all())
    published_at = verdict.published_at or claim.published_at
    context = {
        "claim": claim,
        "verdict": verdict,
        "rating": verdict.rating,
        "speaker": claim.speaker,
        "topics": claim.topic_refs or [],
        "corrections": corrections,
        "corrected_at": next(
            (c.created_at for c in reversed(corrections) if c.kind == CorrectionKind.CORRECTION),
            None,
        ),
        "published_at": published_at,
        # "Updated" only when a public change came after the publication.
        "updated_at": claim.modified_at
        if claim.modified_at and published_at and claim.modified_at > published_at
        else None,
        "fact_checkers": fact_checkers(verdict),
        "canonical_url": claim_page_url(claim, request=request),
        "claim_review_script": json_ld_script(claim_review(claim, request=request)),
    }
    return render(request, "website/claim.html", context)


def fact_checkers(verdict) -> list[str]:
    """The names the byline gives: everyone who wrote or changed the verdict."""
    return [person_name(person) for person in verdict.byline]


def retracted_page(request: HttpRequest, pk: int) -> HttpResponse:
    """410 Gone for a retracted claim, saying when and why; 404 for any other claim that is
    not published."""
    claim = (
        Claim.objects.filter(pk=pk, status=Claim.Status.RETRACTED)
        .only("pk", "text", "claim_reviewed", "language")
        .first()
    )
    if claim is None:
        raise Http404("No published claim with this number.")
    retraction = claim.events.filter(action=ClaimAction.RETRACT).order_by("-created_at").first()
    return render(
        request,
        "website/retracted.html",
        {"claim": claim, "retraction": retraction},
        status=410,
    )
