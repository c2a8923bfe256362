"""The JSON shapes of the change feed's query and of webhook subscriptions."""

from __future__ import annotations

from rest_framework import serializers

from sync.models import ChangeType, WebhookSubscription

CHANGES_PAGE_SIZE = 100
CHANGES_MAX_PAGE_SIZE = 500


class ChangeFeedQuerySerializer(serializers.Serializer):
    """The query of GET /api/v1/changes/."""

    after = serializers.IntegerField(
        min_value=0, default=0, help_text="The last event id you hold; 0 (default) from the start."
    )
    types = serializers.ListField(
        child=serializers.ChoiceField(choices=ChangeType.choices),
        required=False,
        help_text="Event types to include; repeat the parameter for several. Default: all.",
    )
    page_size = serializers.IntegerField(
        min_value=1,
        default=CHANGES_PAGE_SIZE,
        help_text=f"Events per page, default {CHANGES_PAGE_SIZE}, at most "
        f"{CHANGES_MAX_PAGE_SIZE} (larger requests are capped).",
    )


class ChangeEventSerializer(serializers.Serializer):
    """A public change: the change feed's item and every webhook's body (for the schema)."""

    id = serializers.IntegerField(help_text="Increasing; ids appear in the order they commit.")
    type = serializers.ChoiceField(choices=ChangeType.choices)
    at = serializers.DateTimeField()
    claim = serializers.IntegerField()
    url = serializers.URLField(help_text="The claim in the API.")
    claimreview_url = serializers.URLField()
    note = serializers.CharField(allow_null=True, help_text="The public note, if any.")
    old_rating = serializers.CharField(allow_null=True, help_text="Rating slug before.")
    new_rating = serializers.CharField(allow_null=True, help_text="Rating slug after.")


class ChangeFeedSerializer(serializers.Serializer):
    results = ChangeEventSerializer(many=True)
    next = serializers.URLField(
        allow_null=True, help_text="The next page, or null when you are up to date."
    )


class WebhookInputSerializer(serializers.Serializer):
    """A subscription to create."""

    url = serializers.CharField(max_length=2000, help_text="https, on a public address.")
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=ChangeType.choices),
        allow_empty=False,
        max_length=len(ChangeType.values) * 2,
    )
    description = serializers.CharField(
        max_length=500, required=False, allow_blank=True, default=""
    )


class WebhookSerializer(serializers.ModelSerializer):
    """A subscription, without its secret."""

    class Meta:
        model = WebhookSubscription
        fields = [
            "id",
            "url",
            "events",
            "description",
            "is_active",
            "consecutive_failures",
            "failing_since",
            "disabled_at",
            "disabled_reason",
            "created_at",
        ]


class NewWebhookSerializer(WebhookSerializer):
    """A subscription just created, with its signing secret: shown this once only."""

    secret = serializers.CharField(help_text='"whsec_...": verify signatures with it.')

    class Meta(WebhookSerializer.Meta):
        fields = [*WebhookSerializer.Meta.fields, "secret"]
