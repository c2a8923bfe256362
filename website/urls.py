"""The public site's URLs. The claim page keeps its name (``claim-page``) outside the
namespace: claims.claimreview.render links to it by that name."""

from __future__ import annotations

from django.contrib.sitemaps.views import index, sitemap
from django.urls import path

from website import feeds, views
from website.caching import public_page
from website.claim_page import claim_page
from website.sitemaps import SITEMAPS

app_name = "website"

urlpatterns = [
    path("", views.home, name="home"),
    path("speakers/", views.speaker_index, name="speakers"),
    path("speakers/<slug:slug>/", views.speaker_detail, name="speaker"),
    path(
        "speakers/<slug:slug>/feed.rss", public_page(feeds.SpeakerFactChecks()), name="speaker-rss"
    ),
    path(
        "speakers/<slug:slug>/feed.atom",
        public_page(feeds.SpeakerFactChecksAtom()),
        name="speaker-atom",
    ),
    path("topics/", views.topic_index, name="topics"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic"),
    path("topics/<slug:slug>/feed.rss", public_page(feeds.TopicFactChecks()), name="topic-rss"),
    path(
        "topics/<slug:slug>/feed.atom", public_page(feeds.TopicFactChecksAtom()), name="topic-atom"
    ),
    path("corrections/", views.corrections, name="corrections"),
    path("feed.rss", public_page(feeds.LatestFactChecks()), name="rss"),
    path("feed.atom", public_page(feeds.LatestFactChecksAtom()), name="atom"),
    path(
        "sitemap.xml",
        public_page(index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "website:sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        public_page(sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("robots.txt", views.robots_txt, name="robots"),
]

# Outside the namespace, under the names they have always had.
claim_urlpatterns = [
    path("claims/<int:pk>/<slug:slug>/", claim_page, name="claim-page"),
    path("claims/<int:pk>/", claim_page, name="claim-page-short"),
]
