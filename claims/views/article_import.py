"""POST /api/v1/sources/import/: an article in, a source and draft claims out."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from claims import services
from claims.selectors import claims_for_list
from claims.serializers import ClaimListSerializer
from claimtracker.openapi import WRITE_ERRORS
from sources.serializers import SourceSerializer


class ArticleImportInputSerializer(serializers.Serializer):
    text = serializers.CharField(
        trim_whitespace=False, help_text="The article as plain text (HTML reduced to text)."
    )
    url = serializers.URLField(max_length=2000, help_text="The article's address.")
    title = serializers.CharField(
        max_length=500,
        required=False,
        allow_blank=True,
        default="",
        help_text="Default: the first line.",
    )
    publisher = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    published_on = serializers.DateField(required=False, allow_null=True, default=None)
    author = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    language = serializers.RegexField(
        r"^[a-z]{2,3}$",
        required=False,
        allow_null=True,
        default=None,
        help_text="The article's language (ISO 639-1, e.g. fr); detected when omitted.",
    )
    dry_run = serializers.BooleanField(
        required=False, default=False, help_text="Preview: return the candidates, create nothing."
    )


class PublishedMatchSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="claim.pk")
    text = serializers.CharField(source="claim.text")
    score = serializers.FloatField()


class CandidateSerializer(serializers.Serializer):
    text = serializers.CharField(source="quotation.text")
    speaker = serializers.CharField(source="quotation.speaker", allow_null=True)
    mention = serializers.CharField(source="quotation.mention", allow_null=True)
    context = serializers.CharField(source="quotation.context")
    new_speaker = serializers.BooleanField()
    already_imported = serializers.BooleanField()
    published_matches = PublishedMatchSerializer(
        many=True, help_text="Published fact-checks of what looks like the same claim."
    )


class FragmentSerializer(serializers.Serializer):
    text = serializers.CharField()
    speaker = serializers.CharField(allow_null=True)
    context = serializers.CharField()


class ArticleImportResultSerializer(serializers.Serializer):
    source = SourceSerializer(allow_null=True, help_text="Null in a dry run of a new source.")
    source_created = serializers.BooleanField()
    candidates = CandidateSerializer(many=True)
    reported_speech = FragmentSerializer(many=True)
    claims = ClaimListSerializer(many=True, help_text="The draft claims created.")
    speakers_created = serializers.ListField(child=serializers.CharField())
    language = serializers.CharField(
        allow_null=True, help_text="The language the article was read in, given or detected."
    )


class ArticleImportView(APIView):
    """Import an article as a fact-checker: its quotations become draft claims."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        summary="Import a news article: a source, draft claims and reported-speech notes",
        request=ArticleImportInputSerializer,
        responses={200: ArticleImportResultSerializer, 201: ArticleImportResultSerializer}
        | WRITE_ERRORS,
    )
    def post(self, request: Request) -> Response:
        data = ArticleImportInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        arguments = dict(data.validated_data)
        dry_run = arguments.pop("dry_run")
        if dry_run:
            plan = services.article_preview(**arguments)
        else:
            plan = services.article_import(actor=request.user, **arguments)
        claims = claims_for_list(request.user).filter(pk__in=[claim.pk for claim in plan.claims])
        context = {"request": request}
        body = {
            "source": SourceSerializer(plan.source, context=context).data
            if plan.source.pk
            else None,
            "source_created": not plan.source_exists and not dry_run,
            "candidates": CandidateSerializer(plan.candidates, many=True).data,
            "reported_speech": FragmentSerializer(plan.fragments, many=True).data,
            "claims": ClaimListSerializer(claims.order_by("id"), many=True, context=context).data,
            "speakers_created": [speaker.slug for speaker in plan.speakers_created],
            "language": plan.language,
        }
        created = plan.claims or (not plan.source_exists and not dry_run)
        return Response(body, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)
