"""The sitemap (django.contrib.sitemaps): every published fact-check with its last public
change, the speaker and topic pages, and the index pages.

``/sitemap.xml`` is a sitemap index naming one sitemap per section (``/sitemap-<section>.xml``,
in pages of 2,000 URLs with ``?p=``), so that an archive of any size is listed whole: a single
sitemap holds at most 50,000 URLs.
"""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.db.models.functions import Coalesce
from django.urls import reverse

from claims.claimreview.render import claim_slug
from claims.models import Claim
from website.selectors import public_speakers, public_topics


class FactCheckSitemap(Sitemap):
    """Published fact-checks; lastmod is the last change the public saw."""

    # Django renders a sitemap through its template engine, about 0.3 ms a URL: 2,000 URLs a
    # page keep an uncached page under a second; the index names every page.
    limit = 2_000

    def items(self):
        return (
            Claim.objects.published()
            .filter(verdict__rating__isnull=False)
            .only("pk", "text", "claim_reviewed", "published_at", "modified_at")
            .order_by("-published_at", "-id")
        )

    def location(self, item: Claim) -> str:
        return reverse("claim-page", kwargs={"pk": item.pk, "slug": claim_slug(item)})

    def lastmod(self, item: Claim):
        return item.modified_at or item.published_at

    def get_latest_lastmod(self):
        # For the index, in one query (Django's default calls lastmod() on every item).
        latest = self.items().aggregate(latest=Max(Coalesce("modified_at", "published_at")))
        return latest["latest"]


class SpeakerSitemap(Sitemap):
    """Speakers with published fact-checks."""

    def items(self):
        return public_speakers().prefetch_related(None).only("slug")

    def location(self, item) -> str:
        return reverse("website:speaker", kwargs={"slug": item.slug})


class TopicSitemap(Sitemap):
    """Topics with published fact-checks."""

    def items(self):
        return public_topics().only("slug")

    def location(self, item) -> str:
        return reverse("website:topic", kwargs={"slug": item.slug})


class IndexSitemap(Sitemap):
    """The site's index pages."""

    def items(self) -> list[str]:
        return ["website:home", "website:speakers", "website:topics", "website:corrections"]

    def location(self, item: str) -> str:
        return reverse(item)


SITEMAPS = {
    "pages": IndexSitemap,
    "fact-checks": FactCheckSitemap,
    "speakers": SpeakerSitemap,
    "topics": TopicSitemap,
}
