"""The JSON shapes of claims, speakers, topics and ratings.

These read from querysets built in ``claims/selectors.py``, which load every relation a
serializer touches; a serializer never triggers a query of its own.
"""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims.models import Appearance, Claim, Correction, Evidence, Rating, Speaker, Topic, Verdict


def verdict_of(claim: Claim) -> Verdict | None:
    """The claim's verdict, or None; reads the joined row, never queries."""
    try:
        return claim.verdict
    except Verdict.DoesNotExist:
        return None


def person_name(user) -> str | None:
    """How a user is named in public: full name, else username."""
    if user is None:
        return None
    return user.get_full_name() or user.get_username()


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
            "appearances",
            "claimreview_url",
        ]

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

    class Meta:
        model = Verdict
        fields = ["rating", "summary", "analysis", "evidence", "author", "published_at"]

    @extend_schema_field(OpenApiTypes.STR)
    def get_author(self, verdict: Verdict) -> str | None:
        return person_name(verdict.author)


class CorrectionSerializer(serializers.ModelSerializer):
    at = serializers.DateTimeField(source="created_at")
    old_rating = RatingRefSerializer(allow_null=True)
    new_rating = RatingRefSerializer(allow_null=True)

    class Meta:
        model = Correction
        fields = ["at", "note", "old_rating", "new_rating"]


class ClaimDetailSerializer(ClaimListSerializer):
    """A claim with its full verdict and corrections."""

    verdict = serializers.SerializerMethodField()
    corrections = CorrectionSerializer(many=True)

    class Meta(ClaimListSerializer.Meta):
        fields = [*ClaimListSerializer.Meta.fields, "verdict", "corrections"]

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
            "role",
            "affiliation",
            "country",
            "same_as",
            "aliases",
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
