"""Every change the public can see is seen at once by a reader of cached responses; a change it
cannot see (a draft, a claim in review, a speaker only drafts use) retires nothing.

A reader first fetches every public response a change may touch (lists, filtered lists and
their counts, the detail, the ClaimReview, the feeds, the DataFeed, the change feed, the
exports and the site's pages), which puts each in the cache. Then the
change commits, and each response, read again with the cache on, must be exactly what it is
with the cache off; a response whose content changed must not be confirmed (304) under the
ETag it had before.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from claims import services
from claims.models import Claim, Rating, RatingLabel, Topic
from claims.services import speaker_update, topic_update
from claims.services.newsroom import newsroom_user_create
from claimtracker import caching
from claimtracker.writes import fixture_writes
from sources.services import publisher_update, source_update
from tests import snapshots
from tests.factories import (
    SpeakerFactory,
    TopicFactory,
    UserFactory,
    claim_in_status,
    published_claim,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def cache_on(settings):
    settings.PUBLIC_CACHE_SECONDS = 300


@pytest.fixture
def editor():
    return UserFactory(username="desk-editor", is_staff=True, is_superuser=True)


@snapshots.fixture
def newsroom(db, django_capture_on_commit_callbacks):
    """Two published fact-checks (the second by another speaker, on another topic), a claim
    in review by the first one's speaker, and a draft with a speaker, a topic and a source of
    its own; committed before anyone reads (built once per process: tests/snapshots.py)."""

    def build():
        with django_capture_on_commit_callbacks(execute=True):
            return _newsroom()

    return snapshots.built_once("newsroom", build)


def _newsroom():
    speaker = SpeakerFactory(slug="ren", name="Ren Zhengfei")
    topic = TopicFactory(slug="5g", name="5G")
    claim = published_claim(
        speaker=speaker,
        text="No law in China requires companies to install backdoors",
        claim_reviewed="No law requires backdoors",
        language="en",
    )
    other = published_claim(claim_reviewed="Masts cause headaches")
    with fixture_writes("test data"):
        claim.topics.add(topic)
        other.topics.add(TopicFactory(slug="health", name="Health"))
    in_review = claim_in_status(Claim.Status.IN_REVIEW)
    with fixture_writes("test data"):
        Claim.objects.filter(pk=in_review.pk).update(speaker=speaker)
    draft = claim_in_status(Claim.Status.DRAFT)
    draft_only_speaker = SpeakerFactory(slug="draft-only", name="Nobody Yet")
    draft_only_topic = TopicFactory(slug="draft-topic", name="Draft topic")
    with fixture_writes("test data"):
        Claim.objects.filter(pk=draft.pk).update(speaker=draft_only_speaker)
        draft.topics.add(draft_only_topic)
    return {
        "claim": Claim.objects.get(pk=claim.pk),
        "other": other,
        "in_review": in_review,
        "draft": Claim.objects.get(pk=draft.pk),
    }


def public_urls(claim: Claim, other: Claim) -> list[str]:
    """What an anonymous reader may have fetched that shows ``claim`` (or its neighbours)."""
    slug = claim.speaker.slug
    return [
        "/api/v1/claims/",
        "/api/v1/claims/?page_size=1&page=2",  # a page whose count is cached
        f"/api/v1/claims/?speaker={slug}",
        "/api/v1/claims/?topic=5g",
        "/api/v1/claims/?rating=false",
        "/api/v1/claims/?speaker=draft-only",
        "/api/v1/claims/?q=backdoors",
        "/api/v1/claims/match/?text=no+law+requires+backdoors",
        f"/api/v1/claims/{claim.pk}/",
        f"/api/v1/claims/{claim.pk}/claimreview/",
        f"/api/v1/claims/{other.pk}/",
        "/api/v1/claimreview/",
        "/api/v1/claimreview/datafeed/",
        "/api/v1/changes/",
        "/api/v1/exports/claims.jsonl",
        "/",
        f"/?speaker={slug}",
        "/?speaker=draft-only",
        "/?topic=draft-topic",
        "/speakers/",
        "/speakers/?q=mr+ren",
        f"/speakers/{slug}/",
        f"/speakers/{slug}/feed.rss",
        "/topics/",
        "/topics/5g/",
        "/topics/5g/feed.atom",
        "/corrections/",
        f"/claims/{claim.pk}/",
        "/feed.rss",
        "/sitemap-fact-checks.xml",
    ]


def read(url: str, **headers) -> tuple[int, bytes, str | None]:
    """An anonymous reader's GET (following the claim page's redirect to its slug)."""
    response = Client().get(url, follow=True, **headers)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, body, response.get("ETag")


def read_uncached(settings, url: str) -> tuple[int, bytes]:
    settings.PUBLIC_CACHE_SECONDS = 0
    try:
        status, body, _ = read(url)
    finally:
        settings.PUBLIC_CACHE_SECONDS = 300
    return status, body


def warm(urls: list[str]) -> dict[str, tuple[int, bytes, str | None]]:
    """Each URL read once, which puts it in the cache."""
    return {url: read(url) for url in urls}


def assert_seen_at_once(settings, before: dict) -> set[str]:
    """Every response, read with the cache on, is what it is without the cache; a changed one
    is not confirmed under its old ETag. Returns the URLs whose response changed."""
    changed = set()
    for url, (old_status, old_body, old_etag) in before.items():
        status, body, _ = read(url)
        assert (status, body) == read_uncached(settings, url), f"stale: {url}"
        if (status, body) != (old_status, old_body):
            changed.add(url)
            if old_etag:
                revalidated, _, _ = read(url, HTTP_IF_NONE_MATCH=old_etag)
                assert revalidated != 304, f"304 for a changed response: {url}"
    return changed


def _publish(world, editor):
    services.claim_publish(claim=world["in_review"], actor=editor)


def _correct(world, editor):
    services.verdict_correct(
        claim=world["claim"],
        actor=editor,
        note="The rating was too harsh.",
        rating=Rating.objects.get(slug="misleading"),
    )


def _public_update(world, editor):
    services.claim_public_update(
        claim=world["claim"], actor=editor, note="Added the date.", context="Said in Davos."
    )


def _retract(world, editor):
    services.claim_retract(claim=world["claim"], actor=editor, note="Misattributed.")


def _speaker(world, editor):
    speaker_update(speaker=world["claim"].speaker, actor=editor, name="Ren Z.")


def _speaker_alias(world, editor):
    services.speaker_aliases_add(speaker=world["claim"].speaker, actor=editor, names=["Mr Ren"])


def _topic(world, editor):
    topic_update(topic=world["claim"].topics.get(), actor=editor, name="Fifth generation")


def _source(world, editor):
    source = world["claim"].appearances.get().source
    source_update(source=source, actor=editor, note="Title fixed.", title="A better title")


def _publisher(world, editor):
    publisher = world["claim"].appearances.get().source.publisher
    publisher_update(publisher=publisher, actor=editor, name="The Daily Renamed")


def _rating(world, editor):
    services.rating_update(rating=Rating.objects.get(slug="false"), actor=editor, label="Wrong")


def _rating_label(world, editor):
    exported = RatingLabel.objects.filter(rating__slug="false", language="en", exported=True)
    if exported.exists():
        services.rating_label_update(actor=editor, rating_label=exported.get(), label="Untrue")
    else:
        services.rating_label_create(
            actor=editor,
            rating=Rating.objects.get(slug="false"),
            label="Untrue",
            language="en",
            exported=True,
        )


def _byline(world, editor):
    author = world["claim"].verdict.author
    with fixture_writes("a user renamed in the admin"):
        author.first_name, author.last_name = "Ada", "Lovelace"
        author.save()


# Each public change, and responses that must show it (at least these; all must be fresh).
PUBLIC_CHANGES = {
    "publish": (_publish, ["/api/v1/claims/", "/api/v1/claimreview/", "/", "/feed.rss"]),
    "correct": (_correct, ["claim", "claimreview", "/api/v1/changes/", "/corrections/"]),
    "public update": (_public_update, ["claim", "/api/v1/claims/", "/corrections/"]),
    "retract": (_retract, ["claim", "/api/v1/claims/", "/api/v1/changes/", "/topics/"]),
    "speaker": (_speaker, ["claim", "claimreview", "/speakers/", "/api/v1/claims/"]),
    "speaker alias": (_speaker_alias, ["/speakers/?q=mr+ren"]),
    "topic": (_topic, ["claim", "/topics/", "/topics/5g/"]),
    "source": (_source, ["claim", "claimreview", "/api/v1/claims/"]),
    "publisher": (_publisher, ["claim", "claimreview"]),
    "rating": (_rating, ["claim", "/api/v1/claims/?rating=false", "/"]),
    "rating label": (_rating_label, ["claimreview"]),
    "byline": (_byline, ["claim", "claimreview"]),
}


# About 100 requests for each of 13 changes: a long scenario, left out of make test-fast (the
# draft-save test below, in the quick loop, covers the cache's other half).
@pytest.mark.slow
@pytest.mark.parametrize("change", list(PUBLIC_CHANGES))
def test_every_public_change_is_seen_at_once(
    change, newsroom, editor, settings, django_capture_on_commit_callbacks
):
    write, expected = PUBLIC_CHANGES[change]
    claim = newsroom["claim"]
    before = warm(public_urls(claim, newsroom["other"]))
    with django_capture_on_commit_callbacks(execute=True):
        write(newsroom, editor)
    changed = assert_seen_at_once(settings, before)
    aliases = {
        "claim": f"/api/v1/claims/{claim.pk}/",
        "claimreview": f"/api/v1/claims/{claim.pk}/claimreview/",
    }
    for url in expected:
        assert aliases.get(url, url) in changed, f"{change} does not show in {url}"


def claim_reads(captured) -> list[str]:
    return [query["sql"] for query in captured.captured_queries if "claims_claim" in query["sql"]]


def assert_all_served_from_cache(urls: list[str], before: dict) -> None:
    for url in urls:
        if url in ("/api/v1/claimreview/datafeed/", "/api/v1/changes/") or "exports" in url:
            continue  # Streamed or read live: never cached.
        with CaptureQueriesContext(connection) as captured:
            status, body, _ = read(url)
        assert (status, body) == before[url][:2]
        if url.startswith("/claims/"):
            continue  # The page reads its ETag (one query on claims) before the cache.
        assert claim_reads(captured) == [], f"{url} was read again"


@pytest.fixture
def fact_checker_api(db):
    """An API client signed in as a fact-checker, who writes drafts."""
    client = APIClient()
    client.force_login(
        newsroom_user_create(
            username="checker", password="A long pass phrase 42", role="fact-checker"
        )
    )
    return client


def test_a_draft_save_retires_no_cached_public_response(
    newsroom, editor, settings, fact_checker_api, django_capture_on_commit_callbacks
):
    """A fact-checker's day: drafts saved through the API and the services, a claim in review
    edited, a speaker, topic and source only unpublished claims use edited. Readers keep
    every cached response, and each is still what the database says."""
    urls = public_urls(newsroom["claim"], newsroom["other"])
    before = warm(urls)
    generations = (caching.public_generation(), caching.claim_generation(newsroom["claim"].pk))
    draft = newsroom["draft"]
    with django_capture_on_commit_callbacks(execute=True):
        response = fact_checker_api.patch(
            f"/api/v1/claims/{draft.pk}/",
            {"context": "Said on the radio, twice."},
            HTTP_IF_MATCH="*",
        )
        assert response.status_code == 200, response.content
    with django_capture_on_commit_callbacks(execute=True):
        services.verdict_set(
            claim=draft,
            actor=editor,
            expected_version=None,
            rating=Rating.objects.get(slug="true"),
            summary="Right after all.",
            evidence=None,
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.claim_update(
            claim=Claim.objects.get(pk=draft.pk),
            actor=editor,
            expected_version=None,
            topics=[TopicFactory(slug="new-for-a-draft")],
        )
    with django_capture_on_commit_callbacks(execute=True):
        speaker_update(speaker=draft.speaker, actor=editor, name="Somebody Yet")
        topic_update(topic=Topic.objects.get(slug="draft-topic"), actor=editor, name="Renamed")
        source_update(
            source=draft.appearances.first().source, actor=editor, title="A draft's source"
        )
    assert (
        caching.public_generation(),
        caching.claim_generation(newsroom["claim"].pk),
    ) == generations
    assert_all_served_from_cache(urls, before)
    assert assert_seen_at_once(settings, before) == set()


def test_a_public_change_of_one_claim_keeps_the_other_claims_cached(
    newsroom, editor, django_capture_on_commit_callbacks
):
    other = newsroom["other"]
    detail = [f"/api/v1/claims/{other.pk}/", f"/api/v1/claims/{other.pk}/claimreview/"]
    before = warm(detail)
    with django_capture_on_commit_callbacks(execute=True):
        _correct(newsroom, editor)
    assert_all_served_from_cache(detail, before)


def test_a_speaker_slug_change_retires_even_if_only_drafts_use_it(
    newsroom, editor, django_capture_on_commit_callbacks
):
    """The API's filters answer 400 for an unknown slug: a cached 200 for the old one goes."""
    url = "/api/v1/claims/?speaker=draft-only"
    assert read(url)[0] == 200
    with django_capture_on_commit_callbacks(execute=True):
        speaker_update(speaker=newsroom["draft"].speaker, actor=editor, slug="renamed")
    assert read(url)[0] == 400
