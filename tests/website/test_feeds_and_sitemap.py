"""Feeds and the sitemap: well-formed XML (xmllint), readable by a feed reader (feedparser),
listing the published fact-checks with their last public change."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess

import feedparser
import pytest

from claims.claimreview.render import claim_slug
from claims.models import Claim
from claimtracker.writes import fixture_writes
from tests.factories import published_claim

pytestmark = pytest.mark.django_db

XMLLINT = shutil.which("xmllint")

FEEDS = [
    "/feed.rss",
    "/feed.atom",
    "/speakers/ren-zhengfei/feed.rss",
    "/speakers/ren-zhengfei/feed.atom",
    "/topics/cybersecurity/feed.rss",
    "/topics/cybersecurity/feed.atom",
]


def backdoors_url() -> str:
    claim = Claim.objects.get(text__startswith="No law in China")
    return f"http://testserver/claims/{claim.pk}/{claim_slug(claim)}/"


@pytest.fixture
def xmllint():
    if XMLLINT is None:
        if os.environ.get("E2E_REQUIRED"):
            raise RuntimeError("xmllint is missing: apt-get install -y libxml2-utils")
        pytest.skip("xmllint is not installed: apt-get install -y libxml2-utils")

    def check(content: bytes) -> subprocess.CompletedProcess:
        return subprocess.run(
            [XMLLINT, "--noout", "--nonet", "-"], input=content, capture_output=True, timeout=30
        )

    return check


SITEMAPS = [
    "/sitemap.xml",
    "/sitemap-pages.xml",
    "/sitemap-fact-checks.xml",
    "/sitemap-speakers.xml",
    "/sitemap-topics.xml",
]


@pytest.mark.parametrize("path", [*FEEDS, *SITEMAPS])
def test_feeds_and_sitemap_are_well_formed_xml(demo, client, xmllint, path):
    response = client.get(path)

    assert response.status_code == 200
    result = xmllint(response.content)
    assert result.returncode == 0, result.stderr.decode()


def test_xmllint_refuses_broken_xml(xmllint):
    # The check above can fail: a document cut short is refused.
    assert xmllint(b"<urlset><url>").returncode != 0


@pytest.mark.parametrize("path", FEEDS)
def test_feeds_parse_and_list_the_fact_checks(demo, client, path):
    feed = feedparser.parse(client.get(path).content)

    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version in {"rss20", "atom10"}
    links = [entry.link for entry in feed.entries]
    assert backdoors_url() in links
    entry = feed.entries[links.index(backdoors_url())]
    assert entry.title == "No law in China requires companies to install backdoors"
    assert entry.summary.startswith("Misleading. No Chinese law uses the word backdoor")
    assert {tag.term for tag in entry.tags} >= {"Cybersecurity"}


def test_the_latest_feed_lists_published_claims_only_newest_first(demo, client):
    feed = feedparser.parse(client.get("/feed.rss").content)

    assert [entry.title for entry in feed.entries] == [
        "Donald Trump massively cut taxes, to the benefit of business",
        "No law in China requires companies to install backdoors",
    ]
    assert feed.feed.title == "ClaimTracker: latest fact-checks"


def test_topic_feed_lists_that_topic_only(demo, client):
    feed = feedparser.parse(client.get("/topics/taxation/feed.atom").content)

    assert [entry.title for entry in feed.entries] == [
        "Donald Trump massively cut taxes, to the benefit of business"
    ]
    assert feed.feed.title == "ClaimTracker: fact-checks on Taxation"


def test_atom_entries_carry_the_last_public_change(client):
    claim = published_claim(published_at=dt.datetime(2024, 1, 10, tzinfo=dt.UTC))
    with fixture_writes("test data written by hand"):
        Claim.objects.filter(pk=claim.pk).update(modified_at=dt.datetime(2024, 2, 1, tzinfo=dt.UTC))

    feed = feedparser.parse(client.get("/feed.atom").content)

    (entry,) = feed.entries
    assert entry.updated.startswith("2024-02-01")
    assert entry.published.startswith("2024-01-10")


@pytest.mark.parametrize("path", ["/speakers/nobody/feed.rss", "/topics/nothing/feed.atom"])
def test_feeds_of_unknown_speakers_and_topics_are_not_found(client, path):
    assert client.get(path).status_code == 404


def test_sitemap_lists_published_claims_with_their_last_public_change(demo, client):
    corrected = Claim.objects.get(text__startswith="No law in China")
    with fixture_writes("test data written by hand"):
        Claim.objects.filter(pk=corrected.pk).update(
            modified_at=dt.datetime(2024, 3, 5, 10, 0, tzinfo=dt.UTC)
        )

    sitemap = client.get("/sitemap-fact-checks.xml").content.decode()

    assert f"<loc>{backdoors_url()}</loc><lastmod>2024-03-05</lastmod>" in sitemap
    # Without a later change, lastmod is the publication date.
    assert "cut-taxes-to-the-benefit-of-business/</loc><lastmod>2019-01-21</lastmod>" in sitemap
    assert "huawei-would-refuse" not in sitemap  # a draft
    assert sitemap.count("/claims/") == 2


def test_sitemap_index_names_each_section_with_the_latest_change(demo, client):
    with fixture_writes("test data written by hand"):
        Claim.objects.filter(text__startswith="No law in China").update(
            modified_at=dt.datetime(2024, 3, 5, 10, 0, tzinfo=dt.UTC)
        )

    index = client.get("/sitemap.xml").content.decode()

    assert "<sitemapindex" in index
    assert (
        "<loc>http://testserver/sitemap-fact-checks.xml</loc>"
        "<lastmod>2024-03-05T10:00:00+00:00</lastmod>"
    ) in index
    for section in ("pages", "speakers", "topics"):
        assert f"<loc>http://testserver/sitemap-{section}.xml</loc>" in index


def test_sitemap_sections_list_the_index_speaker_and_topic_pages(demo, client):
    pages = client.get("/sitemap-pages.xml").content.decode()
    speakers = client.get("/sitemap-speakers.xml").content.decode()
    topics = client.get("/sitemap-topics.xml").content.decode()

    assert "<loc>http://testserver/corrections/</loc>" in pages
    assert "<loc>http://testserver/</loc>" in pages
    assert "<loc>http://testserver/speakers/ren-zhengfei/</loc>" in speakers
    assert "meng-wanzhou" not in speakers
    assert "<loc>http://testserver/topics/taxation/</loc>" in topics
    assert "sanctions" not in topics


def test_unknown_sitemap_sections_and_pages_are_not_found(demo, client):
    assert client.get("/sitemap-nothing.xml").status_code == 404
    assert client.get("/sitemap-fact-checks.xml?p=2").status_code == 404
