"""RSS and Atom feeds of the latest fact-checks, overall, by speaker and by topic
(django.contrib.syndication)."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from claims.claimreview.render import claim_slug, organization_name
from claims.models import Claim
from claims.selectors import LIST_COLUMNS, claims_for_list
from website.selectors import public_speakers, public_topics

FEED_SIZE = 30


def _latest(claims: QuerySet) -> list[Claim]:
    # A list item's columns and the date of the last public change (Atom's <updated>).
    claims = claims.only(*LIST_COLUMNS, "modified_at")
    return list(claims.order_by("-published_at", "-id")[:FEED_SIZE])


class LatestFactChecks(Feed):
    """The newest published fact-checks (RSS 2.0)."""

    def title(self, obj=None) -> str:
        return _("%(organization)s: latest fact-checks") % {"organization": organization_name()}

    def link(self, obj=None) -> str:
        return reverse("website:home")

    def description(self, obj=None) -> str:
        return _("The newest fact-checks published by %(organization)s.") % {
            "organization": organization_name()
        }

    def items(self, obj=None) -> list[Claim]:
        return _latest(claims_for_list(None))

    def item_title(self, item: Claim) -> str:
        return item.claim_reviewed or item.text

    def item_description(self, item: Claim) -> str:
        rating = item.verdict.rating
        summary = item.verdict.summary
        return f"{rating.label}. {summary}" if summary else rating.label

    def item_link(self, item: Claim) -> str:
        return reverse("claim-page", kwargs={"pk": item.pk, "slug": claim_slug(item)})

    def item_pubdate(self, item: Claim):
        return item.published_at

    def item_updateddate(self, item: Claim):
        return item.modified_at or item.published_at

    def item_categories(self, item: Claim) -> list[str]:
        return [topic["name"] for topic in item.topic_refs or []]


class LatestFactChecksAtom(LatestFactChecks):
    """The newest published fact-checks (Atom 1.0)."""

    feed_type = Atom1Feed
    subtitle = LatestFactChecks.description


class SpeakerFactChecks(LatestFactChecks):
    """A speaker's newest fact-checks (RSS 2.0)."""

    def get_object(self, request, slug: str):
        return get_object_or_404(public_speakers(), slug=slug)

    def title(self, obj) -> str:
        return _("%(organization)s: fact-checks of %(speaker)s") % {
            "organization": organization_name(),
            "speaker": obj.name,
        }

    def link(self, obj) -> str:
        return reverse("website:speaker", kwargs={"slug": obj.slug})

    def description(self, obj) -> str:
        return _("The newest fact-checks of statements by %(speaker)s.") % {"speaker": obj.name}

    def items(self, obj) -> list[Claim]:
        return _latest(claims_for_list(None).filter(speaker=obj))


class SpeakerFactChecksAtom(SpeakerFactChecks):
    """A speaker's newest fact-checks (Atom 1.0)."""

    feed_type = Atom1Feed
    subtitle = SpeakerFactChecks.description


class TopicFactChecks(LatestFactChecks):
    """A topic's newest fact-checks (RSS 2.0)."""

    def get_object(self, request, slug: str):
        return get_object_or_404(public_topics(), slug=slug)

    def title(self, obj) -> str:
        return _("%(organization)s: fact-checks on %(topic)s") % {
            "organization": organization_name(),
            "topic": obj.name,
        }

    def link(self, obj) -> str:
        return reverse("website:topic", kwargs={"slug": obj.slug})

    def description(self, obj) -> str:
        return _("The newest fact-checks on %(topic)s.") % {"topic": obj.name}

    def items(self, obj) -> list[Claim]:
        return _latest(claims_for_list(None).filter(topics=obj))


class TopicFactChecksAtom(TopicFactChecks):
    """A topic's newest fact-checks (Atom 1.0)."""

    feed_type = Atom1Feed
    subtitle = TopicFactChecks.description
