"""Demo data from the BBC article on Huawei's founder (claims/demo_data/, "Source: BBC").

The content is data (``claims/demo_data/demo.json``); this module loads it through the same
services an editor's actions call, as a system job (``actor=None``): each claim is created,
given its verdict and moved through the workflow to its status, so the demo holds only states
the product can reach. ``load_demo()`` creates what is missing and leaves everything that
exists alone, so running it twice changes nothing and never overwrites an editor's changes to
the demo records. Every quotation used as a claim is checked against the article text, so the
demo cannot drift from its source.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.db import transaction

from claims import services
from claims.models import Claim, ClaimAction, Rating, Speaker, Topic
from sources import services as source_services
from sources.models import Publisher, Source

DEMO_DATA = Path(__file__).resolve().parent / "demo_data"
CONTENT_PATH = DEMO_DATA / "demo.json"


@cache
def content() -> dict:
    """The demo's speakers, topics, publishers, sources and claims, as shipped."""
    return json.loads(CONTENT_PATH.read_text(encoding="utf-8"))


ARTICLE_PATH = DEMO_DATA / content()["article"]["path"]
ARTICLE_URL = content()["article"]["url"]
ARTICLE_DATE = dt.date.fromisoformat(content()["article"]["published_on"])

# The workflow steps that lead from a new draft to each status of the demo.
STEPS_TO = {
    Claim.Status.DRAFT: [],
    Claim.Status.IN_REVIEW: [ClaimAction.SUBMIT],
    Claim.Status.CHANGES_REQUESTED: [ClaimAction.SUBMIT, ClaimAction.REQUEST_CHANGES],
    Claim.Status.PUBLISHED: [ClaimAction.SUBMIT, ClaimAction.PUBLISH],
    Claim.Status.REJECTED: [ClaimAction.SUBMIT, ClaimAction.REJECT],
}


@dataclass(frozen=True)
class DemoClaim:
    """A claim of the demo, and what the fact-check says about it."""

    speaker: str
    text: str
    claim_reviewed: str
    context: str
    topics: list[str]
    status: str
    # Whether `text` is a direct quotation that must appear word for word in the article.
    quoted: bool = True
    stated_on: dt.date | None = ARTICLE_DATE
    # The note of the last workflow step (required to request changes or reject).
    note: str = ""
    published_at: dt.datetime | None = None
    verdict: dict | None = None

    @classmethod
    def from_row(cls, row: dict) -> DemoClaim:
        row = dict(row)
        if "stated_on" in row:
            row["stated_on"] = row["stated_on"] and dt.date.fromisoformat(row["stated_on"])
        if "published_at" in row:
            row["published_at"] = dt.datetime.fromisoformat(row["published_at"])
        return cls(**row)


CLAIMS = [DemoClaim.from_row(row) for row in content()["claims"]]


def article_text() -> str:
    """The demo article as it ships with the project."""
    return ARTICLE_PATH.read_text(encoding="utf-8")


def _check_quotes_against_article(article: str) -> None:
    for claim in CLAIMS:
        if claim.quoted and claim.text not in article:
            raise ValueError(f"Demo quotation not found in the article: {claim.text!r}")


@transaction.atomic
def load_demo(*, actor=None) -> dict[str, int]:
    """Create the demo records that are missing; return how many of each were created."""
    _check_quotes_against_article(article_text())
    data = content()
    created: dict[str, int] = {}

    def count(kind: str, number: int) -> None:
        created[kind] = created.get(kind, 0) + number

    speakers = {speaker.slug: speaker for speaker in Speaker.objects.all()}
    for row in data["speakers"]:
        if row["slug"] not in speakers:
            speakers[row["slug"]] = services.speaker_create(actor=actor, **row)
            count("speakers", 1)
            count("aliases", len(row["aliases"]))

    topics = {topic.slug: topic for topic in Topic.objects.all()}
    for row in data["topics"]:
        if row["slug"] not in topics:
            topics[row["slug"]] = services.topic_create(actor=actor, **row)
            count("topics", 1)

    publishers = {publisher.slug: publisher for publisher in Publisher.objects.all()}
    for row in data["publishers"]:
        if row["slug"] not in publishers:
            publishers[row["slug"]] = source_services.publisher_create(actor=actor, **row)
            count("publishers", 1)

    sources = {}
    for row in data["sources"]:
        source, was_created = source_services.source_get_or_create(
            actor=actor,
            **{
                **row,
                "publisher": publishers[row["publisher"]],
                "published_on": dt.date.fromisoformat(row["published_on"]),
            },
        )
        count("sources", int(was_created))
        sources[row["url"]] = source

    ratings = {rating.slug: rating for rating in Rating.objects.filter(external=False)}
    for demo in CLAIMS:
        speaker = speakers[demo.speaker]
        if Claim.objects.filter(speaker=speaker, text=demo.text).exists():
            continue
        _create_claim(
            demo, actor=actor, speaker=speaker, topics=topics, sources=sources, ratings=ratings
        )
        count("claims", 1)
    return created


def _create_claim(
    demo: DemoClaim,
    *,
    actor,
    speaker: Speaker,
    topics: dict[str, Topic],
    sources: dict[str, Source],
    ratings: dict[str, Rating],
) -> Claim:
    claim = services.claim_create(
        actor=actor,
        text=demo.text,
        claim_reviewed=demo.claim_reviewed,
        speaker=speaker,
        stated_on=demo.stated_on,
        context=demo.context,
        topics=[topics[slug] for slug in demo.topics],
        appearances=[services.AppearanceItem(sources[ARTICLE_URL], is_first=True)],
    )
    if demo.verdict is not None:
        services.verdict_set(
            claim=claim,
            actor=actor,
            expected_version=None,
            rating=ratings[demo.verdict["rating"]],
            summary=demo.verdict["summary"],
            analysis=demo.verdict["analysis"],
            evidence=[
                services.EvidenceItem(sources[item["source"]], item["stance"], item["note"])
                for item in demo.verdict["evidence"]
            ],
        )
    steps = STEPS_TO[demo.status]
    for step in steps:
        note = demo.note if step == steps[-1] else ""
        if step == ClaimAction.PUBLISH:
            # A person publishes now; the demo, loaded as a system job, keeps its dates.
            published_at = demo.published_at if actor is None else None
            services.claim_publish(claim=claim, actor=actor, note=note, published_at=published_at)
        else:
            services.TRANSITION_SERVICES[step](claim=claim, actor=actor, note=note)
    return claim


# Demo accounts: a fact-checker and two editors, so that four eyes can be tried.
DEMO_USERS = [
    ("checker", "Fact-checkers", "Fiona", "Checker"),
    ("editor", "Editors", "Eddie", "Editor"),
    ("editor2", "Editors", "Erin", "Editor"),
]


@transaction.atomic
def load_demo_users(*, password: str) -> list[str]:
    """Create the demo accounts that are missing (staff, in their group); return their names.

    Existing accounts are left alone, password included.
    """
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    User = get_user_model()
    created = []
    for username, group, first_name, last_name in DEMO_USERS:
        if User.objects.filter(username=username).exists():
            continue
        user = User.objects.create_user(
            username=username,
            password=password,
            first_name=first_name,
            last_name=last_name,
            is_staff=True,
        )
        user.groups.add(Group.objects.get(name=group))
        created.append(username)
    return created
