"""Publishers and sources: where a claim appeared, and what the evidence for a verdict is."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from claimtracker.audit import audited
from claimtracker.fields import bounded_text, max_length_check
from claimtracker.writes import GuardedQuerySet
from sources.normalization import normalize_url, without_tracking

# Limits on free text; the API, the admin, model validation and the database all refuse more.
NOTES_MAX_LENGTH = 10_000  # a source's notes
CONTEXT_MAX_LENGTH = 10_000  # the sentences around a reported quote


class Publisher(models.Model):
    """An organisation that publishes sources: a newspaper, a broadcaster, a parliament."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    url = models.URLField("website", max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = GuardedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(name__regex=r"\S"), name="publisher_name_not_blank"),
        ]

    def __str__(self) -> str:
        return self.name


class NormalizedUrlMixin:
    """A model identified by its ``url`` once normalised (``normalized_url``, kept in step)."""

    def save(self, *args, **kwargs) -> None:
        self.url = self.url.strip()
        self.normalized_url = normalize_url(self.url)
        if kwargs.get("update_fields") is not None and "url" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "normalized_url"}
        super().save(*args, **kwargs)


class SourceKind(models.TextChoices):
    """What kind of document a source is."""

    NEWS_ARTICLE = "news_article", "News article"
    INTERVIEW = "interview", "Interview or transcript"
    OFFICIAL_DOCUMENT = "official_document", "Official document"
    SOCIAL_MEDIA_POST = "social_media_post", "Social media post"
    DATASET = "dataset", "Dataset"
    OTHER = "other", "Other"


class SourceQuerySet(GuardedQuerySet):
    """Queries on sources."""

    def for_url(self, url: str) -> SourceQuerySet:
        """Sources whose address is ``url`` once normalised."""
        return self.filter(normalized_url=normalize_url(url))


@audited("SourceHistory")
class Source(NormalizedUrlMixin, models.Model):
    """A document at a URL: a news article, a transcript, a law, a post, a dataset."""

    Kind = SourceKind

    url = models.URLField("URL", max_length=2000)
    normalized_url = models.CharField(
        "normalised URL",
        max_length=2000,
        unique=True,
        editable=False,
        help_text="The identity of the source: scheme and host lower-cased, no tracking "
        "parameters, no trailing slash.",
    )
    title = models.CharField(max_length=500)
    publisher = models.ForeignKey(
        Publisher, on_delete=models.PROTECT, related_name="sources", null=True, blank=True
    )
    author = models.CharField(max_length=300, blank=True)
    published_on = models.DateField("published date", null=True, blank=True)
    kind = models.CharField(
        max_length=32, choices=SourceKind.choices, default=SourceKind.NEWS_ARTICLE
    )
    archived_url = models.URLField("archived URL", max_length=2000, blank=True)
    accessed_at = models.DateTimeField(null=True, blank=True)
    notes = bounded_text(NOTES_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=SourceKind.values), name="source_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(normalized_url__regex=r"^https?://[^/\s]+"),
                name="source_normalized_url_absolute",
            ),
            models.CheckConstraint(condition=Q(title__regex=r"\S"), name="source_title_not_blank"),
            models.CheckConstraint(
                condition=Q(url__regex=r"^https?://\S+$"), name="source_url_absolute"
            ),
            max_length_check("notes", NOTES_MAX_LENGTH, "source_notes_max_length"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        """Refuse a second source for the same address, however it is spelled."""
        super().clean()
        if not self.url:
            return
        duplicate = Source.objects.for_url(self.url).exclude(pk=self.pk).first()
        if duplicate is not None:
            raise ValidationError(
                {"url": f"This address is already recorded as source #{duplicate.pk}: {duplicate}."}
            )

    @property
    def clean_url(self) -> str:
        """The URL without tracking parameters (``?utm_source=...``): what public pages link."""
        return without_tracking(self.url)


class ReportedSpeech(models.Model):
    """A partial quote inside reported speech ("described him as a 'great president'").

    Too short to check on its own, it is kept with the article it came from, attributed, for
    the fact-checker to read in context.
    """

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="reported_speech")
    speaker_name = models.CharField(max_length=200, blank=True)
    text = models.CharField(max_length=1000)
    context = bounded_text(CONTEXT_MAX_LENGTH, blank=True)
    start = models.PositiveIntegerField(help_text="Offset of the quoted words in the article.")
    end = models.PositiveIntegerField()

    objects = GuardedQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "reported speech"
        ordering = ["source", "start"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "start", "end"], name="reportedspeech_unique_span"
            ),
            models.CheckConstraint(
                condition=Q(end__gt=F("start")), name="reportedspeech_span_not_empty"
            ),
            max_length_check("context", CONTEXT_MAX_LENGTH, "reportedspeech_context_max_length"),
        ]

    def __str__(self) -> str:
        return f"{self.speaker_name or 'Unattributed'}: \u201c{self.text}\u201d"
