"""Admin for claims and everything a fact-check says about them: the editors' workplace.

The admin only calls services. Status and publication time change only through the
editorial workflow in ``claims/services/``: the buttons on a claim's page, the bulk actions
on the claim list and the review queue. Claim edits go through ``claim_update`` with the
version the page was opened with, so a stale edit is refused instead of overwriting someone
else's; published claims change only through a verdict correction.
"""

# Importing the modules registers their ModelAdmins with the admin site.
from claims.admin import (  # noqa: F401
    claims,
    external_reviews,
    rating_labels,
    ratings,
    review_queue,
    speakers,
    topics,
    verdicts,
)
