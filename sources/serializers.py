"""The JSON shapes of publishers and sources."""

from __future__ import annotations

from rest_framework import serializers

from claimtracker.fields import max_length
from sources.models import Publisher, Source


class PublisherSerializer(serializers.ModelSerializer):
    class Meta:
        model = Publisher
        fields = ["slug", "name", "url"]


class SourceSerializer(serializers.ModelSerializer):
    """A document at a URL: where a claim appeared, or evidence for a verdict."""

    api_url = serializers.HyperlinkedIdentityField(view_name="source-detail")
    publisher = PublisherSerializer(allow_null=True)

    class Meta:
        model = Source
        fields = [
            "id",
            "api_url",
            "url",
            "title",
            "publisher",
            "author",
            "published_on",
            "kind",
            "archived_url",
        ]


class SourceInputSerializer(serializers.Serializer):
    """A source to record (POST) or the fields to change (PATCH)."""

    url = serializers.URLField(max_length=max_length(Source, "url"))
    title = serializers.CharField(max_length=max_length(Source, "title"))
    publisher = serializers.SlugRelatedField(
        slug_field="slug", queryset=Publisher.objects.all(), required=False, allow_null=True
    )
    author = serializers.CharField(
        max_length=max_length(Source, "author"), required=False, allow_blank=True
    )
    published_on = serializers.DateField(required=False, allow_null=True)
    kind = serializers.ChoiceField(choices=Source.Kind.choices, required=False)
    archived_url = serializers.URLField(
        max_length=max_length(Source, "archived_url"), required=False, allow_blank=True
    )
    accessed_at = serializers.DateTimeField(required=False, allow_null=True)
    notes = serializers.CharField(
        max_length=max_length(Source, "notes"), required=False, allow_blank=True
    )
    note = serializers.CharField(
        max_length=5_000,
        required=False,
        allow_blank=True,
        write_only=True,
        help_text="PATCH only: the public note an edit needs when a published fact-check cites "
        "the source (the edit is then a public update of each such fact-check). The URL of such "
        "a source cannot change (409).",
    )
