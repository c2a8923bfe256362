"""Claims and everything a fact-check says about them.

The database enforces what must always hold (valid statuses and stances, one verdict per
claim, a published claim has a publication time, unique slugs), so that no code path, form or
raw SQL can store an invalid state. Workflow rules that depend on who acts live in
``claims/services/``.
"""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse

from claimtracker.audit import audited
from claimtracker.fields import bounded_text, max_length_check
from claimtracker.writes import GuardedQuerySet
from sources.models import NormalizedUrlMixin, Publisher, Source

# BCP-47 language tags, as far as a check constraint can tell: "en", "pt-BR", "zh-Hant-TW".
LANGUAGE_TAG_REGEX = r"^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$"
# ClaimReview recommends a claimReviewed under 75 characters; we allow a little more.
CLAIM_REVIEWED_MAX_LENGTH = 200
RECOMMENDED_CLAIM_REVIEWED_LENGTH = 75
# Limits on free text, generous for a newsroom; the API, the admin, model validation and the
# database (CHECK constraints) all refuse longer text.
CLAIM_TEXT_MAX_LENGTH = 10_000  # a claim's text and its context
ANALYSIS_MAX_LENGTH = 100_000  # a verdict's full reasoning
NOTE_MAX_LENGTH = 5_000  # notes and descriptions
# Caps on list inputs, checked before any database work by the API's serializers and by the
# services alike: a request naming 10,000 topics is refused at once, not after 10,000 lookups.
MAX_TOPICS = 20  # per claim
MAX_APPEARANCES = 50  # per claim
MAX_EVIDENCE = 100  # per verdict
MAX_ALIASES = 50  # per speaker


def _not_blank(field: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(**{f"{field}__regex": r"\S"}), name=name)


class SpeakerKind(models.TextChoices):
    """Whether a speaker is a person or an organisation (ClaimReview Person or Organization)."""

    PERSON = "person", "Person"
    ORGANISATION = "organisation", "Organisation"


@audited("SpeakerHistory")
class Speaker(models.Model):
    """A person or organisation whose statements are checked."""

    Kind = SpeakerKind

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(
        max_length=12,
        choices=Kind.choices,
        default=Kind.PERSON,
        db_default=Kind.PERSON,
        help_text="A person, or an organisation (a ministry, a company, a newspaper): "
        "ClaimReview exports a Person or an Organization.",
    )
    role = models.CharField(
        "role or description",
        max_length=300,
        blank=True,
        help_text='What the speaker is known as, e.g. "Founder of Huawei" (ClaimReview jobTitle).',
    )
    affiliation = models.CharField(max_length=200, blank=True)
    country = models.CharField(
        max_length=2, blank=True, help_text="ISO 3166-1 alpha-2 code, e.g. CN."
    )
    same_as = ArrayField(
        models.URLField(max_length=500),
        default=list,
        blank=True,
        verbose_name="same as",
        help_text="Wikidata or Wikipedia URLs identifying the speaker (ClaimReview sameAs), "
        "comma-separated.",
    )
    verified = models.BooleanField(
        default=True,
        help_text="Unticked for speakers created by an article import, until someone checks "
        "who they are.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = GuardedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            _not_blank("name", "speaker_name_not_blank"),
            models.CheckConstraint(
                condition=Q(country="") | Q(country__regex=r"^[A-Z]{2}$"),
                name="speaker_country_iso_code",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class SpeakerAlias(models.Model):
    """Another name an article may use for a speaker: "Mr Ren", "the Huawei founder"."""

    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)

    objects = GuardedQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "speaker aliases"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                "speaker", Lower("name"), name="speakeralias_unique_per_speaker"
            ),
            _not_blank("name", "speakeralias_name_not_blank"),
        ]

    def __str__(self) -> str:
        return self.name


class Topic(models.Model):
    """A subject a claim is about: 5G, sanctions, cybersecurity."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = bounded_text(NOTE_MAX_LENGTH, blank=True)

    objects = GuardedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            _not_blank("name", "topic_name_not_blank"),
            max_length_check("description", NOTE_MAX_LENGTH, "topic_description_max_length"),
        ]

    def __str__(self) -> str:
        return self.name


class Rating(models.Model):
    """One step of the rating scale. Numbered ratings map onto ClaimReview's 1 (worst) to 5."""

    WORST_VALUE = 1
    BEST_VALUE = 5

    slug = models.SlugField(max_length=50, unique=True)
    label = models.CharField(max_length=100, unique=True)
    value = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="1 (worst) to 5 (best), or empty for ratings off the scale, like Misleading.",
    )
    order = models.PositiveSmallIntegerField("display order", default=0)
    description = bounded_text(NOTE_MAX_LENGTH, blank=True)
    external = models.BooleanField(
        default=False,
        help_text="A rating another organisation used, kept in its wording by a ClaimReview "
        "import; not part of our scale.",
    )

    objects = GuardedQuerySet.as_manager()

    class Meta:
        ordering = ["order", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=1, value__lte=5),
                name="rating_value_in_scale",
            ),
            max_length_check("description", NOTE_MAX_LENGTH, "rating_description_max_length"),
        ]

    def __str__(self) -> str:
        return self.label


class RatingLabel(models.Model):
    """A rating's wording in a language: how fact-checkers word it, and how we export it.

    A ClaimReview import maps a review's textual rating to the rating whose label matches it
    (case, hyphens and underscores ignored), in any language. The label marked ``exported``
    for a claim's language is its ClaimReview ``alternateName``. Editors keep this table in
    the admin; adding a label also moves reviews already imported under that wording.
    """

    rating = models.ForeignKey(Rating, on_delete=models.CASCADE, related_name="labels")
    label = models.CharField(max_length=100)
    key = models.CharField(
        max_length=100,
        editable=False,
        help_text="The label as compared: lower case, hyphens and underscores as spaces.",
    )
    language = models.CharField(
        max_length=35,
        blank=True,
        help_text='The language of the label, a BCP-47 tag such as "fr"; empty for any.',
    )
    exported = models.BooleanField(
        "our label",
        default=False,
        help_text="Our own name for the rating in this language: exported as ClaimReview "
        "alternateName for claims in it.",
    )

    objects = GuardedQuerySet.as_manager()

    class Meta:
        ordering = ["rating__order", "language", "label"]
        constraints = [
            models.UniqueConstraint(
                fields=["key", "language"], name="ratinglabel_unique_key_per_language"
            ),
            models.UniqueConstraint(
                fields=["rating", "language"],
                condition=Q(exported=True),
                name="ratinglabel_one_exported_per_language",
            ),
            _not_blank("label", "ratinglabel_label_not_blank"),
            models.CheckConstraint(
                condition=Q(language="") | Q(language__regex=LANGUAGE_TAG_REGEX),
                name="ratinglabel_language_bcp47",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.language or 'any'}): {self.rating}"


class ClaimStatus(models.TextChoices):
    """Where a claim is in the editorial workflow."""

    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    PUBLISHED = "published", "Published"
    REJECTED = "rejected", "Rejected"
    RETRACTED = "retracted", "Retracted"
    # Another organisation's fact-check, brought in by a ClaimReview import: a record, not our
    # work, so no workflow action starts from it (see ALLOWED_TRANSITIONS).
    IMPORTED = "imported", "Imported (another organisation's fact-check)"


class ClaimAction(models.TextChoices):
    """The editorial actions that move a claim between statuses."""

    SUBMIT = "submit", "Submit for review"
    REQUEST_CHANGES = "request_changes", "Request changes"
    RESUBMIT = "resubmit", "Resubmit"
    PUBLISH = "publish", "Publish"
    REJECT = "reject", "Reject"
    RETRACT = "retract", "Retract"


# The workflow as data: action -> (statuses it may start from, status it leads to).
# claims/services/workflow.py checks every transition against this table; the database refuses
# invalid statuses and a published claim without a rated verdict.
ALLOWED_TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    ClaimAction.SUBMIT: (frozenset({ClaimStatus.DRAFT}), ClaimStatus.IN_REVIEW),
    ClaimAction.REQUEST_CHANGES: (
        frozenset({ClaimStatus.IN_REVIEW}),
        ClaimStatus.CHANGES_REQUESTED,
    ),
    ClaimAction.RESUBMIT: (frozenset({ClaimStatus.CHANGES_REQUESTED}), ClaimStatus.IN_REVIEW),
    ClaimAction.PUBLISH: (frozenset({ClaimStatus.IN_REVIEW}), ClaimStatus.PUBLISHED),
    ClaimAction.REJECT: (frozenset({ClaimStatus.IN_REVIEW}), ClaimStatus.REJECTED),
    ClaimAction.RETRACT: (frozenset({ClaimStatus.PUBLISHED}), ClaimStatus.RETRACTED),
}


# The statuses the public can see something of: a published claim, and a retracted one's
# retraction (its page, the change feed, the corrections log). Published leads only to
# retracted, so a claim the public has seen stays in these.
PUBLIC_STATUSES = (ClaimStatus.PUBLISHED, ClaimStatus.RETRACTED)


def allowed_actions(status: str) -> list[str]:
    """The actions that may start from ``status``, in workflow order."""
    return [action for action, (sources, _) in ALLOWED_TRANSITIONS.items() if status in sources]


# The SQL function of migration 0015: a language tag's text-search configuration.
_SEARCH_CONFIG = models.Func(
    F("language"), function="claims_search_config", output_field=models.TextField()
)


class ClaimQuerySet(GuardedQuerySet):
    """Queries on claims."""

    def published(self) -> ClaimQuerySet:
        """Claims the public may see."""
        return self.filter(status=Claim.Status.PUBLISHED)


@audited("ClaimHistory", exclude=["search_vector"])
class Claim(models.Model):
    """A statement made by a speaker, and the unit of a fact-check."""

    Status = ClaimStatus
    Action = ClaimAction

    text = bounded_text(CLAIM_TEXT_MAX_LENGTH, help_text="The statement as it was said.")
    claim_reviewed = models.CharField(
        "claim reviewed",
        max_length=CLAIM_REVIEWED_MAX_LENGTH,
        blank=True,
        help_text=f"A short summary of the claim; ClaimReview recommends under "
        f"{RECOMMENDED_CLAIM_REVIEWED_LENGTH} characters.",
    )
    speaker = models.ForeignKey(
        Speaker, on_delete=models.PROTECT, related_name="claims", null=True, blank=True
    )
    stated_on = models.DateField("stated on", null=True, blank=True)
    context = bounded_text(
        CLAIM_TEXT_MAX_LENGTH, blank=True, help_text="Where and how it was said."
    )
    language = models.CharField(
        max_length=35, default="en", help_text='A BCP-47 language tag, e.g. "en" or "pt-BR".'
    )
    topics = models.ManyToManyField(Topic, related_name="claims", blank=True)
    sources = models.ManyToManyField(
        Source, through="Appearance", related_name="claims", blank=True
    )
    status = models.CharField(
        max_length=20, choices=ClaimStatus.choices, default=ClaimStatus.DRAFT, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="claims_created",
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="claims_assigned",
    )
    published_at = models.DateTimeField(null=True, blank=True)
    modified_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="The last change the public saw: publication, correction, public update or "
        "retraction (ClaimReview dateModified). Set by the services only.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    # Stemmed with the text-search configuration of the claim's language (claims/search.py).
    search_vector = models.GeneratedField(
        expression=(
            SearchVector("claim_reviewed", weight="A", config=_SEARCH_CONFIG)
            + SearchVector("text", weight="A", config=_SEARCH_CONFIG)
            + SearchVector("context", weight="C", config=_SEARCH_CONFIG)
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = ClaimQuerySet.as_manager()

    class Meta:
        permissions = [
            ("submit_claim", "Can submit a claim for review"),
            ("review_claim", "Can request changes to or reject a claim in review"),
            ("publish_claim", "Can publish or retract a claim"),
            ("correct_verdict", "Can correct a published verdict"),
        ]
        indexes = [
            # A small pending list (256 kB, not 4 MB): a match searches the index once per
            # pair of words (up to 28 times), and every search reads the whole pending list,
            # which at a million claims autovacuum empties rarely. No pending list at all
            # made each draft edit dearer (docs/performance.md, "Round 4").
            GinIndex(
                fields=["search_vector"], name="claim_search_vector_gin", gin_pending_list_limit=256
            ),
            # Matches the API's default order (newest published first, nulls last, id as
            # tie-break), so a page is read off the index instead of sorting every claim.
            models.Index(
                F("status"),
                F("published_at").desc(nulls_last=True),
                F("id").desc(),
                name="claim_status_published_idx",
            ),
            # The ClaimReview feed's cursor order, newest first (DESC puts NULLs first, which
            # the index above, in the list's NULLS LAST order, cannot serve).
            models.Index(
                F("published_at").desc(),
                F("id").desc(),
                condition=Q(status=ClaimStatus.PUBLISHED),
                name="claim_feed_idx",
            ),
            # The ClaimReview feed by modification (modified_after): oldest change first, so
            # a client syncing by modification time resumes where it stopped.
            models.Index(
                F("modified_at"),
                F("id"),
                condition=Q(status=ClaimStatus.PUBLISHED),
                name="claim_feed_modified_idx",
            ),
            models.Index(fields=["stated_on"], name="claim_stated_on_idx"),
            # The languages present, read by a loose index scan (claims/search.py).
            models.Index(fields=["language"], name="claim_language_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ClaimStatus.values),
                name="claim_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[ClaimStatus.PUBLISHED, ClaimStatus.RETRACTED])
                | Q(published_at__isnull=False),
                name="claim_published_has_published_at",
            ),
            models.CheckConstraint(
                condition=Q(language__regex=LANGUAGE_TAG_REGEX), name="claim_language_bcp47"
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="claim_version_positive"),
            _not_blank("text", "claim_text_not_blank"),
            max_length_check("text", CLAIM_TEXT_MAX_LENGTH, "claim_text_max_length"),
            max_length_check("context", CLAIM_TEXT_MAX_LENGTH, "claim_context_max_length"),
        ]

    def __str__(self) -> str:
        summary = self.claim_reviewed or self.text
        return summary if len(summary) <= 80 else summary[:79] + "…"

    def get_absolute_url(self) -> str:
        """The public page (website app), by its URL name: claims never imports the site.
        The short form redirects to the page under its current slug."""
        return reverse("claim-page-short", kwargs={"pk": self.pk})


@audited("AppearanceHistory")
class Appearance(models.Model):
    """A source in which a claim appeared; at most one per claim is its first appearance."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="appearances")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="appearances")
    is_first = models.BooleanField(
        "first appearance", default=False, help_text="Where the claim was first made."
    )
    note = models.CharField(max_length=500, blank=True)

    objects = GuardedQuerySet.as_manager()

    class Meta:
        ordering = ["-is_first", "id"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "source"], name="appearance_unique_source"),
            models.UniqueConstraint(
                fields=["claim"], condition=Q(is_first=True), name="appearance_one_first_per_claim"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.claim} in {self.source}"


@audited("VerdictHistory")
class Verdict(models.Model):
    """The current verdict on a claim: its rating and the reasoning behind it."""

    claim = models.OneToOneField(Claim, on_delete=models.CASCADE, related_name="verdict")
    rating = models.ForeignKey(
        Rating, on_delete=models.PROTECT, related_name="verdicts", null=True, blank=True
    )
    summary = models.CharField(max_length=1000, blank=True, help_text="One or two sentences.")
    analysis = bounded_text(
        ANALYSIS_MAX_LENGTH, blank=True, help_text="The full reasoning, with its evidence."
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="verdicts_written",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="verdicts_reviewed",
    )
    published_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    evidence_sources = models.ManyToManyField(
        Source, through="Evidence", related_name="verdicts", blank=True
    )
    contributors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="VerdictContributor",
        related_name="verdicts_contributed",
        blank=True,
        help_text="Everyone who set or changed the rating, summary, analysis or evidence; "
        "recorded by the services. None of them may publish the verdict (four eyes).",
    )

    objects = GuardedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(version__gte=1), name="verdict_version_positive"),
            max_length_check("analysis", ANALYSIS_MAX_LENGTH, "verdict_analysis_max_length"),
        ]

    def __str__(self) -> str:
        return f"{self.rating or 'Unrated'}: {self.claim}"

    @property
    def byline(self) -> list:
        """Who wrote the verdict, in the order they first contributed: its public byline.

        Reads ``contributions`` (prefetched by the selectors, with their users); the author
        leads if, in older data, they are not recorded as a contributor.
        """
        people = [contribution.user for contribution in self.contributions.all()]
        if self.author is not None and all(person.pk != self.author_id for person in people):
            people.insert(0, self.author)
        return people


class VerdictContributor(models.Model):
    """Someone who wrote part of a verdict, and when they first did (the public byline)."""

    verdict = models.ForeignKey(Verdict, on_delete=models.CASCADE, related_name="contributions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="verdict_contributions"
    )
    first_contributed_at = models.DateTimeField(auto_now_add=True)

    objects = GuardedQuerySet.as_manager()

    class Meta:
        ordering = ["first_contributed_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["verdict", "user"], name="verdictcontributor_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.verdict_id}"


class ExternalReview(NormalizedUrlMixin, models.Model):
    """Where an imported claim came from: another organisation's published ClaimReview."""

    claim = models.OneToOneField(Claim, on_delete=models.CASCADE, related_name="external_review")
    url = models.URLField("review URL", max_length=2000)
    normalized_url = models.CharField(
        "normalised URL",
        max_length=2000,
        unique=True,
        editable=False,
        help_text="The identity of the review: importing the same address again updates it.",
    )
    publisher = models.ForeignKey(
        Publisher,
        on_delete=models.PROTECT,
        related_name="external_reviews",
        null=True,
        blank=True,
        help_text="The organisation that published the review (ClaimReview author).",
    )
    fact_checker = models.CharField(
        max_length=300,
        blank=True,
        help_text="The person who wrote the review, when the ClaimReview names one.",
    )
    date_published = models.DateField("review published", null=True, blank=True)
    rating_text = models.CharField(
        "rating as published", max_length=300, blank=True, help_text="The reviewer's own wording."
    )
    data = models.JSONField(default=dict, help_text="The ClaimReview as it was imported.")
    imported_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = GuardedQuerySet.as_manager()

    class Meta:
        ordering = ["-date_published", "id"]

    def __str__(self) -> str:
        return self.url


class EvidenceStance(models.TextChoices):
    """How a piece of evidence bears on a claim."""

    SUPPORTS = "supports", "Supports the claim"
    CONTRADICTS = "contradicts", "Contradicts the claim"
    CONTEXT = "context", "Gives context"


@audited("EvidenceHistory")
class Evidence(models.Model):
    """A source used by a verdict, and how it bears on the claim."""

    Stance = EvidenceStance

    verdict = models.ForeignKey(Verdict, on_delete=models.CASCADE, related_name="evidence")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="evidence")
    stance = models.CharField(max_length=20, choices=EvidenceStance.choices)
    note = bounded_text(
        NOTE_MAX_LENGTH, blank=True, help_text="What in the source bears on the claim."
    )

    objects = GuardedQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "evidence"
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["verdict", "source"], name="evidence_unique_source"),
            models.CheckConstraint(
                condition=Q(stance__in=EvidenceStance.values),
                name="evidence_stance_valid",
            ),
            max_length_check("note", NOTE_MAX_LENGTH, "evidence_note_max_length"),
        ]

    def __str__(self) -> str:
        return f"{self.get_stance_display()}: {self.source}"


class CorrectionKind(models.TextChoices):
    """What a public change record is."""

    CORRECTION = "correction", "Correction (the rating or summary changed)"
    UPDATE = "update", "Public update (e.g. a dead link replaced; the verdict stands)"


class Correction(models.Model):
    """A public record that a published fact-check was changed, and why.

    A correction changes the verdict's rating or summary (``verdict_correct``); a public update
    changes anything else the public sees (``claim_public_update``, or an edit of a source it
    cites). Both are listed, in order, on the page, in the API and in the ClaimReview.
    """

    Kind = CorrectionKind

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(
        max_length=10,
        choices=CorrectionKind.choices,
        default=CorrectionKind.CORRECTION,
        db_default=CorrectionKind.CORRECTION,
    )
    created_at = models.DateTimeField("corrected at", auto_now_add=True)
    note = bounded_text(NOTE_MAX_LENGTH, help_text="Public explanation of what changed and why.")
    old_rating = models.ForeignKey(
        Rating, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    new_rating = models.ForeignKey(
        Rating, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="corrections_made",
    )

    objects = GuardedQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            _not_blank("note", "correction_note_not_blank"),
            models.CheckConstraint(
                condition=Q(kind__in=CorrectionKind.values), name="correction_kind_valid"
            ),
            max_length_check("note", NOTE_MAX_LENGTH, "correction_note_max_length"),
        ]

    def __str__(self) -> str:
        what = "Update" if self.kind == CorrectionKind.UPDATE else "Correction"
        return f"{what} to {self.claim} on {self.created_at:%Y-%m-%d}"


# How each step of a claim's history reads (ClaimEvent.action: the workflow's actions, and the
# services' "correct" and "update"), in the admin and wherever a step is named.
CLAIM_EVENT_WORDS = {
    "submit": "Submitted for review",
    "resubmit": "Resubmitted for review",
    "request_changes": "Sent back to the fact-checker",
    "publish": "Published",
    "reject": "Rejected",
    "retract": "Retracted",
    "correct": "Verdict corrected",
    "update": "Updated in public",
}


class ClaimEvent(models.Model):
    """One step of a claim's workflow: who moved it, from where to where, and why."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=30)
    from_status = models.CharField(max_length=20, choices=ClaimStatus.choices)
    to_status = models.CharField(max_length=20, choices=ClaimStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="claim_events",
    )
    note = bounded_text(NOTE_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField("at", auto_now_add=True)

    objects = GuardedQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["claim", "created_at"], name="claimevent_claim_at_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(from_status__in=ClaimStatus.values)
                & Q(to_status__in=ClaimStatus.values),
                name="claimevent_statuses_valid",
            ),
            max_length_check("note", NOTE_MAX_LENGTH, "claimevent_note_max_length"),
        ]

    def __str__(self) -> str:
        return CLAIM_EVENT_WORDS.get(self.action, self.action.replace("_", " ").capitalize())


class ClaimInReview(Claim):
    """Claims waiting for an editor: the admin's review queue (same table, no extra data)."""

    class Meta:
        proxy = True
        verbose_name = "claim in review"
        verbose_name_plural = "review queue"


class ClaimNote(models.Model):
    """A message in a claim's internal thread between its fact-checkers and editors.

    Internal: no public page, API representation, feed, ClaimReview or export shows it. A
    change request's note starts the thread (``claim_request_changes`` writes it).
    """

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="claim_notes",
    )
    body = bounded_text(NOTE_MAX_LENGTH, help_text="Seen by the newsroom only, never the public.")
    created_at = models.DateTimeField("written at", auto_now_add=True)

    objects = GuardedQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["claim", "created_at"], name="claimnote_claim_at_idx")]
        constraints = [
            _not_blank("body", "claimnote_body_not_blank"),
            max_length_check("body", NOTE_MAX_LENGTH, "claimnote_body_max_length"),
        ]

    def __str__(self) -> str:
        return f"Note on {self.claim} by {self.author or 'the system'}"


@pghistory.track(
    pghistory.InsertEvent("topic.add"),
    pghistory.DeleteEvent("topic.remove"),
    obj_field=None,
    model_name="ClaimTopicHistory",
)
class ClaimTopic(Claim.topics.through):
    """A claim's topic (the many-to-many table), tracked so the timeline shows topic changes."""

    objects = GuardedQuerySet.as_manager()

    class Meta:
        proxy = True
