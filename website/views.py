"""The public site's index pages: the latest fact-checks with filters and search, speakers
and their scorecards, topics, the corrections log, robots.txt.

Lists reuse the API's reads: ``claims_for_list`` (one query for a page of claims), the API's
``ClaimFilter`` (filters and full-text search) and its ``CachedCountPaginator`` (page counts
kept under the public generation).
"""

from __future__ import annotations

from django.core.paginator import InvalidPage, Page
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from claims.claimreview.render import claim_slug
from claims.filters import ClaimFilter, SpeakerFilter
from claims.models import Claim
from claims.selectors import claims_for_list, speaker_rating_counts
from claimtracker.pagination import CachedCountPaginator
from website.caching import public_page
from website.scorecard import scorecard_chart
from website.selectors import (
    LogEntry,
    filter_choices,
    public_log,
    public_speakers,
    public_topics,
    scale_with_counts,
)

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


def _whole_number(request: HttpRequest, name: str, default: int) -> int:
    raw = request.GET.get(name, "")
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise Http404(f"{name} must be a positive whole number.")
    return int(raw)


def paginate(request: HttpRequest, items: QuerySet, *, page_size: int = PAGE_SIZE) -> Page:
    """The requested page of ``items`` (``page``, ``page_size`` up to 100), its count cached
    like the API's; 404 for a page that does not exist."""
    size = min(_whole_number(request, "page_size", page_size), MAX_PAGE_SIZE)
    paginator = CachedCountPaginator(items, size)
    try:
        return paginator.page(_whole_number(request, "page", 1))
    except InvalidPage as error:
        raise Http404(str(error)) from None


def page_links(request: HttpRequest, page: Page) -> dict:
    """The query strings of the previous and next pages, keeping the reader's filters."""

    def to(number: int) -> str:
        query = request.GET.copy()
        query["page"] = str(number)
        return "?" + query.urlencode()

    return {
        "previous_url": to(page.previous_page_number()) if page.has_previous() else "",
        "next_url": to(page.next_page_number()) if page.has_next() else "",
    }


def claim_items(page: Page) -> list[dict]:
    """A page of list rows (``claims_for_list``), ready for the template: no further query."""
    return [
        {
            "claim": claim,
            "url": reverse("claim-page", kwargs={"pk": claim.pk, "slug": claim_slug(claim)}),
            "rating": claim.verdict.rating if hasattr(claim, "verdict") else None,
            "topics": claim.topic_refs or [],
        }
        for claim in page.object_list
    ]


def _claims_context(request: HttpRequest, claims: QuerySet) -> dict:
    page = paginate(request, claims)
    return {"page": page, "items": claim_items(page), **page_links(request, page)}


def _language_label(code: str) -> str:
    try:
        return get_language_info(code.lower())["name_local"]
    except KeyError:
        return code


def _default_order(claims: QuerySet) -> QuerySet:
    # The API's own default order (newest published first), from its filterset.
    return ClaimFilter(data={}, queryset=claims).qs


@public_page
def home(request: HttpRequest) -> HttpResponse:
    """The latest fact-checks, filtered and searched as the API's claim list is."""
    filterset = ClaimFilter(data=request.GET, queryset=claims_for_list(None))
    selected = {name: request.GET.get(name, "") for name in ("rating", "topic", "speaker")}
    selected |= {"language": request.GET.get("language", ""), "q": request.GET.get("q", "")}
    choices = filter_choices(selected)
    choices["language"] = [(code, _language_label(code)) for code, _label in choices["language"]]
    context = {
        "choices": choices,
        "selected": selected,
        "filtered": any(selected.values()),
    }
    if not filterset.is_valid():
        # The reader sees the problem next to the form, with a 400 (no cache keeps it).
        context["errors"] = [
            message for messages in filterset.errors.values() for message in messages
        ]
        return render(request, "website/home.html", context, status=400)
    context |= _claims_context(request, filterset.qs)
    return render(request, "website/home.html", context)


@public_page
def speaker_index(request: HttpRequest) -> HttpResponse:
    """Speakers with published fact-checks, searchable by name or alias."""
    filterset = SpeakerFilter(data=request.GET, queryset=public_speakers())
    query = request.GET.get("q", "")
    if not filterset.is_valid():
        errors = [message for messages in filterset.errors.values() for message in messages]
        return render(request, "website/speakers.html", {"q": query, "errors": errors}, status=400)
    page = paginate(request, filterset.qs)
    return render(
        request,
        "website/speakers.html",
        {"q": query, "page": page, **page_links(request, page)},
    )


@public_page
def speaker_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A speaker's scorecard (counts per rating, as a chart and a table), then their
    fact-checks."""
    speaker = get_object_or_404(public_speakers().prefetch_related(None), slug=slug)
    scale = scale_with_counts(speaker_rating_counts(speaker))
    claims = _default_order(claims_for_list(None).filter(speaker=speaker))
    context = {
        "speaker": speaker,
        "scale": scale,
        "chart": scorecard_chart(scale, title=_("Fact-checks of %s by rating") % speaker.name),
        **_claims_context(request, claims),
    }
    return render(request, "website/speaker.html", context)


@public_page
def topic_index(request: HttpRequest) -> HttpResponse:
    """Topics with published fact-checks, a hundred a page."""
    page = paginate(request, public_topics(), page_size=MAX_PAGE_SIZE)
    return render(request, "website/topics.html", {"page": page, **page_links(request, page)})


@public_page
def topic_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A topic's fact-checks."""
    topic = get_object_or_404(public_topics(), slug=slug)
    claims = _default_order(claims_for_list(None).filter(topics=topic))
    return render(
        request, "website/topic.html", {"topic": topic, **_claims_context(request, claims)}
    )


@public_page
def corrections(request: HttpRequest) -> HttpResponse:
    """The public log of corrections, public updates and retractions, newest first."""
    page = paginate(request, public_log())
    entries = []
    for row in page.object_list:
        entry = LogEntry(*row)
        stand_in = Claim(
            pk=entry.claim_id, text=entry.claim_text, claim_reviewed=entry.claim_reviewed
        )
        url = reverse("claim-page", kwargs={"pk": entry.claim_id, "slug": claim_slug(stand_in)})
        entries.append({"entry": entry, "url": url})
    return render(
        request,
        "website/corrections.html",
        {"page": page, "entries": entries, **page_links(request, page)},
    )


@public_page
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawlers welcome on the public pages; the sitemap lists them."""
    sitemap = request.build_absolute_uri(reverse("website:sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /api/", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
