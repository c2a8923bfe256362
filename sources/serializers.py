"""The JSON shapes of publishers and sources."""

from __future__ import annotations

from rest_framework import serializers

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
