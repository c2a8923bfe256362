"""Request-driven filtering of claims and speakers (django-filter).

Every bad value is a 400 that names the parameter and the value: an unknown slug, a date not
in YYYY-MM-DD form, an unknown ordering field, an over-long search.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

import django_filters as filters
from django import forms
from django.conf import settings
from django.contrib.postgres.search import SearchRank
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from claims.models import Claim, Rating, Speaker, SpeakerAlias, Topic
from claims.search import ClaimSearchQuery, configs_for, language_q, language_ranges
from claims.selectors import user_sees_unpublished
from claimtracker.filters import (
    IsoDateFilter,
    SlugCheckingForm,
    SlugListField,
    SlugListFilter,
    shown,
)

MAX_SEARCH_LENGTH = 500
# A search ranks the most recently published matches, at most this many. Ranking every match
# of a common word costs time in proportion to the archive (seconds at a million claims), and
# nobody pages through hundreds of thousands of results: a narrower query or a date filter
# reaches older claims. Rare terms, the usual case, have fewer matches than this anyway.
SEARCH_WINDOW = 1000
# PostgreSQL's web-search parser nests one NOT for every '-' in a row ("- - -law" is NOT NOT
# NOT law) and fails past 32 levels ("tsquery stack too small"). No search means more than a
# couple; runs longer than this are refused with a 400 instead of reaching the database.
MAX_NEGATIONS_IN_A_ROW = 16
NEGATION_RUN = re.compile(rf"-(?:\s*-){{{MAX_NEGATIONS_IN_A_ROW},}}")


def validate_search_text(value: str) -> None:
    """Refuse web-search text that PostgreSQL cannot parse (too deeply negated)."""
    if NEGATION_RUN.search(value):
        raise ValidationError(
            f"A search may have at most {MAX_NEGATIONS_IN_A_ROW} '-' (not) in a row; "
            "this one has more."
        )


def start_of_day(day: dt.date) -> dt.datetime:
    """The first microsecond of ``day`` in the current time zone."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_current_timezone())


def end_of_day(day: dt.date) -> dt.datetime:
    """The last microsecond of ``day`` (the next day's start would not exist after
    9999-12-31)."""
    return dt.datetime.combine(day, dt.time.max, tzinfo=timezone.get_current_timezone())


def published_on_or_after(queryset: QuerySet, name: str, value: dt.date) -> QuerySet:
    """Claims published on ``value`` or later (a range on the indexed timestamp)."""
    return queryset.filter(published_at__gte=start_of_day(value))


def published_on_or_before(queryset: QuerySet, name: str, value: dt.date) -> QuerySet:
    """Claims published on ``value`` or earlier, up to its last microsecond."""
    return queryset.filter(published_at__lte=end_of_day(value))


MAX_LANGUAGE_RANGES = 20
LANGUAGE_HELP = (
    'Language tag or range, RFC 4647 basic filtering: "fr" matches fr and fr-FR, case '
    'ignored; "*" any. Repeat for OR. Also the language(s) `q` is parsed in.'
)


class LanguageRangeField(SlugListField):
    """One or more language ranges ("fr", "pt-BR", "*"), lower-cased."""

    def validate(self, value: list[str]) -> None:
        forms.Field.validate(self, value)
        if len(value) > MAX_LANGUAGE_RANGES:
            raise ValidationError(f"At most {MAX_LANGUAGE_RANGES} languages.")
        for item in value:
            if len(item) > 35:
                raise ValidationError(f"{shown(item)} is too long for a language tag.")
        language_ranges(value)

    def clean(self, value) -> list[str]:
        return language_ranges(super().clean(value))


class LanguageFilter(filters.Filter):
    """Claims in any of the languages asked for (RFC 4647 basic filtering)."""

    field_class = LanguageRangeField

    def filter(self, qs: QuerySet, value: list[str]) -> QuerySet:
        return qs.filter(language_q(value)) if value else qs


_LABEL = r"[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?"
SITE = RegexValidator(
    rf"^(www\.)?{_LABEL}(\.{_LABEL})*$", "Not a site name: give a host such as example.org."
)


class WholeNumberFilter(filters.NumberFilter):
    field_class = forms.IntegerField


def review_publisher_q(site: str, *, own_host: str) -> Q:
    """Reviews published on ``site`` or a subdomain ("example.org" takes www.example.org):
    imported reviews by their URL; ours when ``own_host`` (our organisation's) is on it."""
    pattern = rf"^https?://([^/?#@]*\.)?{re.escape(site)}(:[0-9]+)?([/?#]|$)"
    condition = Q(external_review__url__iregex=pattern)
    own_host = own_host.lower()
    if own_host and (own_host == site or own_host.endswith(f".{site}")):
        condition |= Q(external_review__isnull=True)
    return condition


class ReviewPublisherMixin:
    """``review_publisher``: Google Fact Check Tools' reviewPublisherSiteFilter."""

    def filter_review_publisher(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # Our organisation's site: CLAIMTRACKER_ORGANIZATION_URL, else this site (as the
        # ClaimReview author.url says).
        configured = getattr(settings, "CLAIMTRACKER_ORGANIZATION_URL", "") or ""
        own_host = urlsplit(configured).hostname or ""
        if not own_host and self.request is not None:
            own_host = self.request.get_host().rsplit(":", 1)[0]
        site = value.strip().lower().removeprefix("www.")
        return queryset.filter(review_publisher_q(site, own_host=own_host))


def max_age_filter(queryset: QuerySet, name: str, value: int) -> QuerySet:
    """Reviews published in the last ``value`` days (ours by publication, imported ones by
    their review date); Google Fact Check Tools' maxAgeDays."""
    cutoff = timezone.now() - dt.timedelta(days=int(value))
    return queryset.filter(
        Q(published_at__gte=cutoff)
        | Q(status=Claim.Status.IMPORTED, external_review__date_published__gte=cutoff.date())
    )


def _review_publisher() -> filters.CharFilter:
    return filters.CharFilter(
        method="filter_review_publisher",
        max_length=253,
        validators=[SITE],
        help_text="Site of the review's publisher, e.g. example.org (subdomains included); "
        "our own organisation's site selects our fact-checks.",
    )


def _max_age_days() -> filters.NumberFilter:
    return WholeNumberFilter(
        method=max_age_filter,
        min_value=1,
        max_value=36_500,
        help_text="Only reviews published in the last N days.",
    )


class ClaimFilterForm(SlugCheckingForm):
    slug_models = {"speaker": Speaker, "topic": Topic, "rating": Rating}


class ClaimFilter(ReviewPublisherMixin, filters.FilterSet):
    """Filters of GET /api/v1/claims/."""

    ORDERING_FIELDS = ("stated_on", "published_at", "id")

    speaker = SlugListFilter(
        field_name="speaker__slug",
        key="speaker_id",
        help_text="Speaker slug; repeat the parameter for OR.",
    )
    topic = SlugListFilter(method="filter_topic", help_text="Topic slug; repeatable (OR).")
    rating = SlugListFilter(
        field_name="verdict__rating__slug",
        key="verdict__rating_id",
        help_text="Rating slug; repeatable (OR).",
    )
    language = LanguageFilter(help_text=LANGUAGE_HELP)
    stated_after = IsoDateFilter(
        field_name="stated_on", lookup_expr="gte", help_text="Stated on or after (YYYY-MM-DD)."
    )
    stated_before = IsoDateFilter(
        field_name="stated_on", lookup_expr="lte", help_text="Stated on or before (YYYY-MM-DD)."
    )
    published_after = IsoDateFilter(
        method=published_on_or_after, help_text="Published on or after (YYYY-MM-DD)."
    )
    published_before = IsoDateFilter(
        method=published_on_or_before, help_text="Published on or before (YYYY-MM-DD)."
    )
    review_publisher = _review_publisher()
    max_age_days = _max_age_days()
    status = filters.ChoiceFilter(
        choices=Claim.Status.choices, help_text="Workflow status; signed-in staff only."
    )
    q = filters.CharFilter(
        method="filter_search",
        max_length=MAX_SEARCH_LENGTH,
        validators=[validate_search_text],
        help_text='Full-text search, web-search syntax: "quoted phrase", or, -word. '
        f"Searches the {SEARCH_WINDOW:,} most recently published matches, ordered by relevance "
        "unless `ordering` is given; add filters (dates, speaker, topic) to reach older ones.",
    )
    ordering = filters.ChoiceFilter(
        method="filter_ordering",
        choices=[(key, key) for name in ORDERING_FIELDS for key in (name, f"-{name}")],
        help_text="Sort order: stated_on, published_at or id, each optionally with '-'. "
        "Default -published_at.",
    )

    class Meta:
        model = Claim
        fields = []
        form = ClaimFilterForm

    def is_valid(self) -> bool:
        valid = super().is_valid()
        status = self.form.cleaned_data.get("status") if valid else None
        if status and status != Claim.Status.PUBLISHED and not self._staff():
            self.form.add_error(
                "status", "Only signed-in staff may filter on unpublished statuses."
            )
            return False
        return valid

    def _staff(self) -> bool:
        return user_sees_unpublished(getattr(self.request, "user", None))

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter_queryset(queryset)
        if self.form.cleaned_data.get("ordering"):
            return queryset
        default = [F("published_at").desc(nulls_last=True), "-id"]
        if self.form.cleaned_data.get("q"):
            return queryset.order_by("-rank", *default)
        return queryset.order_by(*default)

    def filter_topic(self, queryset: QuerySet, name: str, value: list[int]) -> QuerySet:
        # EXISTS rather than a join, so a claim with two matching topics is listed once.
        tagged = Claim.topics.through.objects.filter(claim=OuterRef("pk"), topic_id__in=value)
        return queryset.filter(Exists(tagged))

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # Parsed with the stemmer of each language asked for, or of every language present.
        configs = configs_for(self.form.cleaned_data.get("language"))
        query = ClaimSearchQuery(value, configs=configs, using=queryset.db)
        newest = (
            queryset.filter(search_vector=query)
            .order_by(F("published_at").desc(nulls_last=True), "-id")
            .values("pk")[:SEARCH_WINDOW]
        )
        return queryset.filter(pk__in=newest).annotate(rank=SearchRank(F("search_vector"), query))

    def filter_ordering(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        field = value.lstrip("-")
        descending = value.startswith("-")
        expression = F(field).desc(nulls_last=True) if descending else F(field).asc(nulls_last=True)
        return queryset.order_by(expression, "-id" if descending else "id")


class ClaimReviewFeedFilter(ReviewPublisherMixin, filters.FilterSet):
    """Filters of GET /api/v1/claimreview/: incremental sync by publication date or
    modification, language, publisher site and age (as Google Fact Check Tools' claims:search)."""

    published_after = IsoDateFilter(
        method=published_on_or_after, help_text="Published on or after (YYYY-MM-DD)."
    )
    modified_after = filters.IsoDateTimeFilter(
        field_name="modified_at",
        lookup_expr="gte",
        help_text="Publicly changed (published, corrected, updated) at or after this ISO 8601 "
        "time, e.g. the last `dateModified` you hold; the feed is then ordered by modification, "
        "oldest first. Retracted claims leave the feed: follow /api/v1/changes/ to learn of them.",
    )
    language = LanguageFilter(help_text=LANGUAGE_HELP)
    review_publisher = _review_publisher()
    max_age_days = _max_age_days()

    class Meta:
        model = Claim
        fields = []


class SpeakerFilter(filters.FilterSet):
    """Filters of GET /api/v1/speakers/."""

    q = filters.CharFilter(
        method="filter_name", max_length=200, help_text="Part of the speaker's name or an alias."
    )
    kind = filters.ChoiceFilter(choices=Speaker.Kind.choices, help_text="person or organisation.")

    class Meta:
        model = Speaker
        fields = []

    def filter_name(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        aliases = SpeakerAlias.objects.filter(speaker=OuterRef("pk"), name__icontains=value)
        return queryset.filter(Q(name__icontains=value) | Q(Exists(aliases)))
