"""Every change to claims, verdicts, speakers, topics and ratings, in one place.

The admin, the API and management commands call these functions and nothing else. Each one
runs in a transaction, locks the claim row it changes, checks the actor's permission and the
business rules, bumps the claim's ``version`` (optimistic concurrency: callers pass the
version they read as ``expected_version``), records what happened, and returns the result.
The audit trail (django-pghistory) is attributed to the actor passed in.
"""

from claims.articles.importer import article_import
from claims.articles.plan import ImportPlan, article_preview, validate_article_text
from claims.claimreview.importer import (
    ImportedReview,
    ImportReport,
    claimreview_import,
    claimreview_import_item,
)
from claims.claimreview.parse import ClaimReviewDocument, claimreview_items
from claims.services.claims import (
    CLAIM_FIELDS,
    CLAIM_FIELDS_WITH_ASSIGNMENT,
    CORRECT_ACTION,
    EDITABLE_STATUSES,
    NEVER_DELETED_STATUSES,
    AppearanceItem,
    EvidenceItem,
    claim_create,
    claim_delete,
    claim_import_create,
    claim_import_update,
    claim_update,
    require_claim_editable,
    verdict_correct,
    verdict_edited,
    verdict_set,
)
from claims.services.locking import StaleVersion
from claims.services.notes import (
    claim_people_ids,
    may_read_timeline,
    may_write_notes,
    note_add,
)
from claims.services.public_updates import (
    PUBLIC_UPDATE_PERMISSION,
    UPDATE_ACTION,
    claim_public_update,
)
from claims.services.rating_labels import (
    rating_label_create,
    rating_label_delete,
    rating_label_update,
)
from claims.services.ratings import (
    RATING_FIELDS,
    rating_create,
    rating_record_external,
    rating_update,
)
from claims.services.speakers import (
    SPEAKER_FIELDS,
    speaker_aliases_add,
    speaker_create,
    speaker_update,
)
from claims.services.topics import TOPIC_FIELDS, topic_create, topic_update
from claims.services.workflow import (
    ACTION_PERMISSIONS,
    NOTE_REQUIRED,
    TRANSITION_SERVICES,
    Requirement,
    TransitionNotAllowed,
    claim_publish,
    claim_reject,
    claim_request_changes,
    claim_resubmit,
    claim_retract,
    claim_submit,
    submission_problems,
    submission_requirements,
)

__all__ = [
    "ACTION_PERMISSIONS",
    "CLAIM_FIELDS",
    "CLAIM_FIELDS_WITH_ASSIGNMENT",
    "CORRECT_ACTION",
    "EDITABLE_STATUSES",
    "NEVER_DELETED_STATUSES",
    "NOTE_REQUIRED",
    "PUBLIC_UPDATE_PERMISSION",
    "RATING_FIELDS",
    "SPEAKER_FIELDS",
    "TOPIC_FIELDS",
    "TRANSITION_SERVICES",
    "UPDATE_ACTION",
    "AppearanceItem",
    "ClaimReviewDocument",
    "EvidenceItem",
    "ImportPlan",
    "ImportReport",
    "ImportedReview",
    "Requirement",
    "StaleVersion",
    "TransitionNotAllowed",
    "article_import",
    "article_preview",
    "claim_create",
    "claim_delete",
    "claim_import_create",
    "claim_import_update",
    "claim_people_ids",
    "claim_public_update",
    "claim_publish",
    "claim_reject",
    "claim_request_changes",
    "claim_resubmit",
    "claim_retract",
    "claim_submit",
    "claim_update",
    "claimreview_import",
    "claimreview_import_item",
    "claimreview_items",
    "may_read_timeline",
    "may_write_notes",
    "note_add",
    "rating_create",
    "rating_label_create",
    "rating_label_delete",
    "rating_label_update",
    "rating_record_external",
    "rating_update",
    "require_claim_editable",
    "speaker_aliases_add",
    "speaker_create",
    "speaker_update",
    "submission_problems",
    "submission_requirements",
    "topic_create",
    "topic_update",
    "validate_article_text",
    "verdict_correct",
    "verdict_edited",
    "verdict_set",
]
