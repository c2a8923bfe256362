"""Reads of sources."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet

from sources.models import Source


def sources_visible_to(user) -> QuerySet[Source]:
    """Staff and the newsroom see every source; the public, those behind a published fact-check.

    A source only cited by a claim still in research is not public: it would show what the
    newsroom is checking before the check is reviewed.
    """
    sources = Source.objects.select_related("publisher")
    if (
        user
        and user.is_authenticated
        and user.is_active
        and (user.is_staff or user.has_perm("sources.view_source"))
    ):
        return sources
    # Through the reverse relations the claims app declares (appearances, evidence), so that
    # sources does not import claims.
    appearance_model = Source.appearances.rel.related_model
    evidence_model = Source.evidence.rel.related_model
    in_published_claim = appearance_model.objects.filter(
        source=OuterRef("pk"), claim__status="published"
    )
    cited_by_published_verdict = evidence_model.objects.filter(
        source=OuterRef("pk"), verdict__claim__status="published"
    )
    return sources.filter(Exists(in_published_claim) | Exists(cited_by_published_verdict))
