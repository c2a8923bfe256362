"""Request-driven filtering of claims and speakers (django-filter).

Every bad value is a 400 that names the parameter and the value: an unknown slug, a date not
in YYYY-MM-DD form, an unknown ordering field, an over-long search.
"""

from __future__ import annotations

import datetime as dt

import django_filters as filters
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from claims.models import Claim, Rating, Speaker, SpeakerAlias, Topic
from claims.selectors import user_sees_unpublished
from claimtracker.filters import IsoDateFilter, SlugCheckingForm, SlugListFilter

MAX_SEARCH_LENGTH = 500
# A search ranks the most recently published matches, at most this many. Ranking every match
# of a common word costs time in proportion to the archive (seconds at a million claims), and
# nobody pages through hundreds of thousands of results: a narrower query or a date filter
# reaches older claims. Rare terms, the usual case, have fewer matches than this anyway.
SEARCH_WINDOW = 1000


def _start_of_day(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_current_timezone())


def published_on_or_after(queryset: QuerySet, name: str, value: dt.date) -> QuerySet:
    """Claims published on ``value`` or later (a range on the indexed timestamp)."""
    return queryset.filter(published_at__gte=_start_of_day(value))


def published_on_or_before(queryset: QuerySet, name: str, value: dt.date) -> QuerySet:
    """Claims published on ``value`` or earlier (up to its last microsecond: the next day's
    start would not exist after 9999-12-31)."""
    end_of_day = dt.datetime.combine(value, dt.time.max, tzinfo=timezone.get_current_timezone())
    return queryset.filter(published_at__lte=end_of_day)


class ClaimFilterForm(SlugCheckingForm):
    slug_models = {"speaker": Speaker, "topic": Topic, "rating": Rating}


class ClaimFilter(filters.FilterSet):
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
    language = filters.CharFilter(max_length=35, help_text='BCP-47 language tag, e.g. "en".')
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
    status = filters.ChoiceFilter(
        choices=Claim.Status.choices, help_text="Workflow status; signed-in staff only."
    )
    q = filters.CharFilter(
        method="filter_search",
        max_length=MAX_SEARCH_LENGTH,
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
        query = SearchQuery(value, search_type="websearch", config="english")
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


class ClaimReviewFeedFilter(filters.FilterSet):
    """Filters of GET /api/v1/claimreview/: incremental sync by publication or modification."""

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

    class Meta:
        model = Claim
        fields = []


class SpeakerFilter(filters.FilterSet):
    """Filters of GET /api/v1/speakers/."""

    q = filters.CharFilter(
        method="filter_name", max_length=200, help_text="Part of the speaker's name or an alias."
    )

    class Meta:
        model = Speaker
        fields = []

    def filter_name(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        aliases = SpeakerAlias.objects.filter(speaker=OuterRef("pk"), name__icontains=value)
        return queryset.filter(Q(name__icontains=value) | Q(Exists(aliases)))
