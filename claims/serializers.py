"""The JSON shapes of claims, speakers, topics and ratings.

These read from querysets built in ``claims/selectors.py``, which load every relation a
serializer touches; a serializer never triggers a query of its own.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims.models import (
    MAX_ALIASES,
    MAX_APPEARANCES,
    MAX_EVIDENCE,
    MAX_TOPICS,
    Appearance,
    Claim,
    ClaimEvent,
    Correction,
    Evidence,
    Rating,
    Speaker,
    SpeakerAlias,
    Topic,
    Verdict,
)
from claims.search import language_ranges
from claims.services.claims import EDITABLE_STATUSES
from claims.services.workflow import submission_problems
from claimtracker.fields import max_length
from claimtracker.people import person_name
from sources.models import Source


def verdict_of(claim: Claim) -> Verdict | None:
    """The claim's verdict, or None; reads the joined row, never queries."""
    try:
        return claim.verdict
    except Verdict.DoesNotExist:
        return None


class RatingRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Rating
        fields = ["slug", "label", "value"]


class RatingSerializer(serializers.ModelSerializer):
    """A step of the rating scale."""

    class Meta:
        model = Rating
        fields = ["slug", "label", "value", "order", "description"]


class SpeakerRefSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="speaker-detail", lookup_field="slug")

    class Meta:
        model = Speaker
        fields = ["slug", "name", "url"]


class TopicRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Topic
        fields = ["slug", "name"]


class AppearanceSerializer(serializers.ModelSerializer):
    """Where the claim appeared."""

    url = serializers.URLField(source="source.url")
    title = serializers.CharField(source="source.title")
    publisher = serializers.CharField(source="source.publisher.name", allow_null=True)
    published_on = serializers.DateField(source="source.published_on", allow_null=True)
    first = serializers.BooleanField(source="is_first")

    class Meta:
        model = Appearance
        fields = ["url", "title", "publisher", "published_on", "first"]


# DRF's own formats for the hand-written representation below.
_DATES = serializers.DateField()
_DATETIMES = serializers.DateTimeField()


def topic_items(refs: list[dict] | None) -> list[dict]:
    """A list item's topics, from the JSON aggregate of ``claims_for_list()`` (or its rows)."""
    return [{"slug": topic["slug"], "name": topic["name"]} for topic in refs or []]


def appearance_items(refs: list[dict] | None) -> list[dict]:
    """A list item's appearances, from the JSON aggregate of ``claims_for_list()``."""
    return [
        {
            "url": appearance["url"],
            "title": appearance["title"],
            "publisher": appearance["publisher"],
            "published_on": appearance["published_on"],
            "first": appearance["first"],
        }
        for appearance in refs or []
    ]


class ClaimListSerializer(serializers.ModelSerializer):
    """A claim as listed: what was said, by whom, and its rating."""

    url = serializers.HyperlinkedIdentityField(view_name="claim-detail")
    speaker = SpeakerRefSerializer(allow_null=True)
    topics = TopicRefSerializer(many=True)
    rating = serializers.SerializerMethodField()
    verdict_summary = serializers.SerializerMethodField()
    appearances = AppearanceSerializer(many=True)
    claimreview_url = serializers.HyperlinkedIdentityField(view_name="claim-claimreview")

    class Meta:
        model = Claim
        fields = [
            "id",
            "url",
            "text",
            "claim_reviewed",
            "speaker",
            "stated_on",
            "context",
            "language",
            "topics",
            "status",
            "rating",
            "verdict_summary",
            "published_at",
            "modified_at",
            "appearances",
            "claimreview_url",
        ]

    # The fields above describe the shape (and the OpenAPI schema); to_representation writes
    # it by hand, because the generic path costs ten times more per list item. A test holds
    # the two to the same output (tests/api/test_claims_list.py).
    def to_representation(self, claim: Claim) -> dict:
        """The claim as JSON, from a claim fetched with ``claims_for_list()``."""
        if not hasattr(claim, "appearance_refs"):
            return super().to_representation(claim)
        claims_url, speakers_url = self._collection_urls()
        verdict = verdict_of(claim)
        rating = verdict.rating if verdict else None
        speaker = claim.speaker
        data = {
            "id": claim.pk,
            "url": f"{claims_url}{claim.pk}/",
            "text": claim.text,
            "claim_reviewed": claim.claim_reviewed,
            "speaker": (
                {
                    "slug": speaker.slug,
                    "name": speaker.name,
                    "url": f"{speakers_url}{speaker.slug}/",
                }
                if speaker
                else None
            ),
            "stated_on": _DATES.to_representation(claim.stated_on) if claim.stated_on else None,
            "context": claim.context,
            "language": claim.language,
            "topics": topic_items(claim.topic_refs),
            "status": claim.status,
            "rating": (
                {"slug": rating.slug, "label": rating.label, "value": rating.value}
                if rating
                else None
            ),
            "verdict_summary": verdict.summary if verdict else "",
            "published_at": _DATETIMES.to_representation(claim.published_at)
            if claim.published_at
            else None,
            "modified_at": _DATETIMES.to_representation(claim.modified_at)
            if claim.modified_at
            else None,
            "appearances": appearance_items(claim.appearance_refs),
            "claimreview_url": f"{claims_url}{claim.pk}/claimreview/",
        }
        # Fields a subclass adds (the detail's verdict, a match's score) take the usual path.
        for name in self.Meta.fields[len(ClaimListSerializer.Meta.fields) :]:
            field = self.fields[name]
            attribute = field.get_attribute(claim)
            data[name] = None if attribute is None else field.to_representation(attribute)
        return data

    def _collection_urls(self) -> tuple[str, str]:
        """Absolute URLs of the claim and speaker collections, worked out once per page."""
        if not hasattr(self, "_urls"):
            request = self.context["request"]
            self._urls = (
                request.build_absolute_uri(reverse("claim-list")),
                request.build_absolute_uri(reverse("speaker-list")),
            )
        return self._urls

    @extend_schema_field(RatingRefSerializer(allow_null=True))
    def get_rating(self, claim: Claim) -> dict | None:
        verdict = verdict_of(claim)
        if verdict is None or verdict.rating is None:
            return None
        return RatingRefSerializer(verdict.rating).data

    @extend_schema_field(OpenApiTypes.STR)
    def get_verdict_summary(self, claim: Claim) -> str:
        verdict = verdict_of(claim)
        return verdict.summary if verdict else ""


class SourceRefSerializer(serializers.Serializer):
    """A source as cited by a verdict."""

    id = serializers.IntegerField()
    url = serializers.URLField()
    title = serializers.CharField()
    publisher = serializers.CharField(source="publisher.name", allow_null=True)
    kind = serializers.CharField()
    published_on = serializers.DateField(allow_null=True)


class EvidenceSerializer(serializers.ModelSerializer):
    source = SourceRefSerializer()

    class Meta:
        model = Evidence
        fields = ["source", "stance", "note"]


class VerdictSerializer(serializers.ModelSerializer):
    """The full verdict: rating, reasoning and evidence."""

    rating = RatingRefSerializer(allow_null=True)
    evidence = EvidenceSerializer(many=True)
    author = serializers.SerializerMethodField()
    contributors = serializers.SerializerMethodField(
        help_text="The byline: everyone who wrote any of the rating, summary, analysis or "
        "evidence, in the order they first did."
    )

    class Meta:
        model = Verdict
        fields = [
            "rating",
            "summary",
            "analysis",
            "evidence",
            "author",
            "contributors",
            "published_at",
        ]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_author(self, verdict: Verdict) -> str | None:
        return person_name(verdict.author) if verdict.author else None

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_contributors(self, verdict: Verdict) -> list[str]:
        return [person_name(person) for person in verdict.byline]


class CorrectionSerializer(serializers.ModelSerializer):
    """A correction (the rating or summary changed) or a public update (anything else)."""

    at = serializers.DateTimeField(source="created_at")
    kind = serializers.ChoiceField(
        choices=Correction.Kind.choices,
        help_text="correction: the rating or summary changed; update: something else the "
        "public sees changed (a link, the analysis, the evidence...), the verdict stands.",
    )
    old_rating = RatingRefSerializer(allow_null=True)
    new_rating = RatingRefSerializer(allow_null=True)

    class Meta:
        model = Correction
        fields = ["at", "kind", "note", "old_rating", "new_rating"]


class ClaimDetailSerializer(ClaimListSerializer):
    """A claim with its full verdict and corrections."""

    verdict = serializers.SerializerMethodField()
    corrections = CorrectionSerializer(many=True)
    submission_problems = serializers.SerializerMethodField(
        help_text="What a claim still being worked on lacks before it can be submitted or "
        "published (empty when ready, and for published claims)."
    )

    class Meta(ClaimListSerializer.Meta):
        fields = [*ClaimListSerializer.Meta.fields, "verdict", "corrections", "submission_problems"]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_submission_problems(self, claim: Claim) -> list[str]:
        # Only claims in work have any; the public never sees those, so its reads cost nothing.
        if claim.status not in EDITABLE_STATUSES:
            return []
        return submission_problems(claim)

    @extend_schema_field(VerdictSerializer(allow_null=True))
    def get_verdict(self, claim: Claim) -> dict | None:
        verdict = verdict_of(claim)
        return VerdictSerializer(verdict, context=self.context).data if verdict else None


class SpeakerSerializer(serializers.ModelSerializer):
    """A speaker, with the number of their published claims."""

    url = serializers.HyperlinkedIdentityField(view_name="speaker-detail", lookup_field="slug")
    aliases = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")
    claim_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Speaker
        fields = [
            "slug",
            "url",
            "name",
            "kind",
            "role",
            "affiliation",
            "country",
            "same_as",
            "aliases",
            "verified",
            "claim_count",
        ]


class SpeakerDetailSerializer(SpeakerSerializer):
    """A speaker with a scorecard: published verdicts per rating."""

    rating_counts = serializers.DictField(
        child=serializers.IntegerField(),
        read_only=True,
        help_text="Published verdicts on this speaker's claims, per rating slug.",
    )

    class Meta(SpeakerSerializer.Meta):
        fields = [*SpeakerSerializer.Meta.fields, "rating_counts"]


class TopicSerializer(serializers.ModelSerializer):
    """A topic, with the number of its published claims."""

    url = serializers.HyperlinkedIdentityField(view_name="topic-detail", lookup_field="slug")
    claim_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Topic
        fields = ["slug", "url", "name", "description", "claim_count"]


# --- Input serializers: the shape of writes (business rules are in claims/services/) ----------


def topics_named(slugs: list[str]) -> list[Topic]:
    """The topics with these slugs, in the order given, in one query; unknown slugs refused."""
    wanted = list(dict.fromkeys(slugs))
    found = {topic.slug: topic for topic in Topic.objects.filter(slug__in=wanted)}
    unknown = [slug for slug in wanted if slug not in found]
    if unknown:
        raise serializers.ValidationError(f"No such topic: {', '.join(unknown)}.")
    return [found[slug] for slug in wanted]


class AppearanceInputSerializer(serializers.Serializer):
    source = serializers.PrimaryKeyRelatedField(queryset=Source.objects.all())
    first = serializers.BooleanField(default=False)


class ClaimInputSerializer(serializers.Serializer):
    """A claim to create (POST) or the fields to change (PATCH)."""

    text = serializers.CharField(max_length=max_length(Claim, "text"))
    claim_reviewed = serializers.CharField(
        max_length=max_length(Claim, "claim_reviewed"),
        required=False,
        allow_blank=True,
    )
    speaker = serializers.SlugRelatedField(
        slug_field="slug", queryset=Speaker.objects.all(), required=False, allow_null=True
    )
    stated_on = serializers.DateField(required=False, allow_null=True)
    context = serializers.CharField(
        max_length=max_length(Claim, "context"), required=False, allow_blank=True
    )
    language = serializers.CharField(max_length=max_length(Claim, "language"), required=False)
    # Slugs, looked up in one query once the list is known to be short (MAX_TOPICS).
    topics = serializers.ListField(
        child=serializers.SlugField(max_length=max_length(Topic, "slug")),
        required=False,
        max_length=MAX_TOPICS,
        help_text=f"Topic slugs, at most {MAX_TOPICS}.",
    )
    appearances = AppearanceInputSerializer(
        many=True,
        required=False,
        max_length=MAX_APPEARANCES,
        help_text=f"At most {MAX_APPEARANCES}; replaces the list.",
    )
    assigned_to = serializers.SlugRelatedField(
        slug_field="username",
        queryset=get_user_model().objects.filter(is_active=True),
        required=False,
        allow_null=True,
    )

    def validate_topics(self, slugs: list[str]) -> list[Topic]:
        return topics_named(slugs)

    def service_arguments(self) -> dict:
        """The validated data as keyword arguments of claim_create / claim_update."""
        data = dict(self.validated_data)
        if "appearances" in data:
            data["appearances"] = [(row["source"], row["first"]) for row in data["appearances"]]
        return data


class EvidenceInputSerializer(serializers.Serializer):
    source = serializers.PrimaryKeyRelatedField(queryset=Source.objects.all())
    stance = serializers.ChoiceField(choices=Evidence.Stance.choices)
    note = serializers.CharField(
        max_length=max_length(Evidence, "note"), required=False, allow_blank=True, default=""
    )


class VerdictInputSerializer(serializers.Serializer):
    """The whole verdict of a claim in work (PUT replaces it, evidence included)."""

    # Any rating by shape; the service refuses ratings off our scale (kept from imports).
    rating = serializers.SlugRelatedField(
        slug_field="slug", queryset=Rating.objects.all(), allow_null=True
    )
    summary = serializers.CharField(max_length=max_length(Verdict, "summary"), allow_blank=True)
    analysis = serializers.CharField(
        max_length=max_length(Verdict, "analysis"), required=False, allow_blank=True, default=""
    )
    evidence = EvidenceInputSerializer(
        many=True, required=False, default=list, max_length=MAX_EVIDENCE
    )


class TransitionInputSerializer(serializers.Serializer):
    note = serializers.CharField(
        max_length=max_length(ClaimEvent, "note"),
        required=False,
        allow_blank=True,
        default="",
        help_text="Why: required to request changes, reject and retract.",
    )


class CorrectionInputSerializer(serializers.Serializer):
    """A correction to a published verdict: a new rating, a new summary, or both."""

    note = serializers.CharField(
        max_length=max_length(Correction, "note"), help_text="Public: what changed and why."
    )
    rating = serializers.SlugRelatedField(
        slug_field="slug", queryset=Rating.objects.all(), required=False
    )
    summary = serializers.CharField(max_length=max_length(Verdict, "summary"), required=False)


class PublicUpdateInputSerializer(serializers.Serializer):
    """A public update of a published fact-check: what changes, and a public note.

    The rating and summary change by correction; anything else the public sees, here. Lists
    given replace the current ones.
    """

    note = serializers.CharField(
        max_length=max_length(Correction, "note"), help_text="Public: what changed and why."
    )
    text = serializers.CharField(max_length=max_length(Claim, "text"), required=False)
    claim_reviewed = serializers.CharField(
        max_length=max_length(Claim, "claim_reviewed"), required=False, allow_blank=True
    )
    speaker = serializers.SlugRelatedField(
        slug_field="slug", queryset=Speaker.objects.all(), required=False
    )
    stated_on = serializers.DateField(required=False)
    context = serializers.CharField(
        max_length=max_length(Claim, "context"), required=False, allow_blank=True
    )
    language = serializers.CharField(max_length=max_length(Claim, "language"), required=False)
    topics = serializers.ListField(
        child=serializers.SlugField(max_length=max_length(Topic, "slug")),
        required=False,
        max_length=MAX_TOPICS,
    )
    appearances = AppearanceInputSerializer(many=True, required=False, max_length=MAX_APPEARANCES)
    analysis = serializers.CharField(
        max_length=max_length(Verdict, "analysis"), required=False, allow_blank=True
    )
    evidence = EvidenceInputSerializer(many=True, required=False, max_length=MAX_EVIDENCE)

    def validate_topics(self, slugs: list[str]) -> list[Topic]:
        return topics_named(slugs)

    def service_arguments(self) -> dict:
        """The validated data as keyword arguments of claim_public_update (evidence as dicts)."""
        data = dict(self.validated_data)
        if "appearances" in data:
            data["appearances"] = [(row["source"], row["first"]) for row in data["appearances"]]
        return data


class SpeakerInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=max_length(Speaker, "name"))
    slug = serializers.SlugField(max_length=max_length(Speaker, "slug"))
    kind = serializers.ChoiceField(choices=Speaker.Kind.choices, required=False)
    role = serializers.CharField(
        max_length=max_length(Speaker, "role"), required=False, allow_blank=True
    )
    affiliation = serializers.CharField(
        max_length=max_length(Speaker, "affiliation"), required=False, allow_blank=True
    )
    country = serializers.CharField(
        max_length=max_length(Speaker, "country"), required=False, allow_blank=True
    )
    same_as = serializers.ListField(
        child=serializers.URLField(
            max_length=Speaker._meta.get_field("same_as").base_field.max_length
        ),
        required=False,
        max_length=20,
    )
    aliases = serializers.ListField(
        child=serializers.CharField(max_length=max_length(SpeakerAlias, "name")),
        required=False,
        max_length=MAX_ALIASES,
    )


class TopicInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=max_length(Topic, "name"))
    slug = serializers.SlugField(max_length=max_length(Topic, "slug"))
    description = serializers.CharField(
        max_length=max_length(Topic, "description"), required=False, allow_blank=True
    )


class ClaimEventSerializer(serializers.ModelSerializer):
    at = serializers.DateTimeField(source="created_at")
    actor = serializers.SerializerMethodField()

    class Meta:
        model = ClaimEvent
        fields = ["at", "action", "from_status", "to_status", "actor", "note"]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_actor(self, event: ClaimEvent) -> str | None:
        return person_name(event.actor) if event.actor else None


class HistoryChangeSerializer(serializers.Serializer):
    """One row of the audit trail: a tracked model's insert, update or delete."""

    at = serializers.DateTimeField(source="pgh_created_at")
    model = serializers.CharField(source="pgh_model")
    object_id = serializers.CharField(source="pgh_obj_id")
    event = serializers.CharField(source="pgh_label")
    changes = serializers.JSONField(source="pgh_diff", allow_null=True)
    user_id = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_user_id(self, event) -> int | None:
        return (event.pgh_context or {}).get("user")

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_url(self, event) -> str | None:
        return (event.pgh_context or {}).get("url")


class ClaimHistorySerializer(serializers.Serializer):
    workflow = ClaimEventSerializer(many=True)
    changes = HistoryChangeSerializer(many=True)


class MatchQuerySerializer(serializers.Serializer):
    """The parameters of GET /api/v1/claims/match/."""

    text = serializers.CharField(max_length=1_000, help_text="The claim to look for.")
    min_score = serializers.FloatField(
        min_value=0.0, max_value=1.0, default=0.0, help_text="Leave out weaker matches (0-1)."
    )
    language = serializers.ListField(
        child=serializers.CharField(max_length=35),
        required=False,
        max_length=20,
        help_text='Language tag or range, RFC 4647 basic filtering: "fr" matches fr and '
        "fr-FR, case ignored. Repeat for OR. The text is stemmed in these languages.",
    )
    speaker = serializers.SlugRelatedField(
        slug_field="slug", queryset=Speaker.objects.all(), required=False
    )

    def validate_language(self, value: list[str]) -> list[str]:
        try:
            return language_ranges(value)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from None


class ClaimMatchSerializer(ClaimListSerializer):
    """A claim and how close it is to the text: 0 (nothing shared) to 1 (the same words)."""

    score = serializers.FloatField(read_only=True)

    class Meta(ClaimListSerializer.Meta):
        fields = [*ClaimListSerializer.Meta.fields, "score"]


class ClaimMatchesSerializer(serializers.Serializer):
    results = ClaimMatchSerializer(many=True)
