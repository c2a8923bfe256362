"""Who wrote a verdict: its contributors, and the four-eyes rule that follows from them."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError

from claims.models import Rating, Verdict, VerdictContributor


def is_person(actor) -> bool:
    """A signed-in user, as opposed to a system job (None) or an anonymous request."""
    return actor is not None and getattr(actor, "is_authenticated", False)


def contributor_add(*, verdict: Verdict, actor) -> None:
    """Record ``actor`` as a contributor of ``verdict`` (once; the first time is kept).

    Called by every service that sets or changes a verdict's rating, summary, analysis or
    evidence, inside its transaction. A system job (``actor`` None) is nobody's byline.
    """
    if not is_person(actor):
        return
    VerdictContributor.objects.bulk_create(
        [VerdictContributor(verdict=verdict, user=actor)], ignore_conflicts=True
    )


def require_not_contributor(*, verdict: Verdict, actor, doing: str) -> None:
    """Four eyes: nobody who wrote any part of a verdict may ``doing`` it.

    Publishing checks it; so must approving a correction, should corrections ever get a
    review step (today an editor's correction is public at once, and its writer joins the
    contributors).
    """
    if actor is None:
        return
    wrote = (
        verdict.author_id == actor.pk
        or VerdictContributor.objects.filter(verdict=verdict, user=actor).exists()
    )
    if wrote:
        raise PermissionDenied(
            f"Four eyes: you contributed to this verdict, so you may not {doing} it; an editor "
            "who did not write any of it must."
        )


def require_house_rating(rating: Rating | None) -> None:
    """Our verdicts use our scale only; ratings kept from imported fact-checks are not ours."""
    if rating is not None and rating.external:
        raise ValidationError(
            {
                "rating": f"“{rating.label}” is another organisation's rating, kept from an "
                "imported fact-check; a verdict of ours uses our own scale "
                "(GET /api/v1/ratings/)."
            }
        )
