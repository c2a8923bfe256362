"""Demo data from the BBC article on Huawei's founder (claims/demo_data/, "Source: BBC").

``load_demo()`` creates what is missing and leaves everything that exists alone, so running it
twice changes nothing and never overwrites an editor's changes to the demo records. Every
quotation used as a claim is checked against the article text, so the demo cannot drift from
its source.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from claims.models import (
    Appearance,
    Claim,
    Evidence,
    Rating,
    Speaker,
    SpeakerAlias,
    Topic,
    Verdict,
)
from sources.models import Publisher, Source

ARTICLE_PATH = Path(__file__).resolve().parent / "demo_data" / "bbc-huawei-ren-zhengfei.txt"
ARTICLE_URL = "https://www.bbc.com/news/business-46870658"
ARTICLE_DATE = dt.date(2019, 1, 15)

SPEAKERS = [
    {
        "slug": "ren-zhengfei",
        "name": "Ren Zhengfei",
        "role": "Founder of Huawei",
        "affiliation": "Huawei",
        "country": "CN",
        "same_as": ["https://en.wikipedia.org/wiki/Ren_Zhengfei"],
        "aliases": ["Mr Ren", "Huawei's founder", "the 74-year-old"],
    },
    {
        "slug": "meng-wanzhou",
        "name": "Meng Wanzhou",
        "role": "Chief financial officer of Huawei",
        "affiliation": "Huawei",
        "country": "CN",
        "same_as": ["https://en.wikipedia.org/wiki/Meng_Wanzhou"],
        "aliases": ["Ms Meng"],
    },
    {
        "slug": "donald-trump",
        "name": "Donald Trump",
        "role": "President of the United States",
        "affiliation": "United States government",
        "country": "US",
        "same_as": [
            "https://www.wikidata.org/wiki/Q22686",
            "https://en.wikipedia.org/wiki/Donald_Trump",
        ],
        "aliases": ["Mr Trump", "President Trump"],
    },
]

TOPICS = [
    ("cybersecurity", "Cybersecurity"),
    ("5g", "5G"),
    ("us-china-relations", "US-China relations"),
    ("sanctions", "Sanctions"),
    ("trade", "Trade"),
    ("taxation", "Taxation"),
]

PUBLISHERS = [
    ("bbc", "BBC", "https://www.bbc.co.uk"),
    ("national-peoples-congress", "National People's Congress of China", "http://www.npc.gov.cn"),
    ("us-congress", "United States Congress", "https://www.congress.gov"),
]

SOURCES = [
    {
        "url": ARTICLE_URL,
        "title": "Huawei founder Ren Zhengfei denies firm poses spying risk",
        "publisher": "bbc",
        "published_on": ARTICLE_DATE,
        "kind": Source.Kind.NEWS_ARTICLE,
        "notes": "Source: BBC. The article text ships with ClaimTracker as demo data "
        "(claims/demo_data/bbc-huawei-ren-zhengfei.txt).",
    },
    {
        "url": "https://www.chinalawtranslate.com/en/national-intelligence-law-of-the-p-r-c-2017/",
        "title": "National Intelligence Law of the People's Republic of China (2017)",
        "publisher": "national-peoples-congress",
        "published_on": dt.date(2017, 6, 27),
        "kind": Source.Kind.OFFICIAL_DOCUMENT,
        "notes": "Adopted by the Standing Committee of the National People's Congress on "
        "27 June 2017. English translation by China Law Translate.",
    },
    {
        "url": "https://www.congress.gov/bill/115th-congress/house-bill/1",
        "title": "H.R.1, Tax Cuts and Jobs Act (Public Law 115-97)",
        "publisher": "us-congress",
        "published_on": dt.date(2017, 12, 22),
        "kind": Source.Kind.OFFICIAL_DOCUMENT,
        "notes": "Signed into law on 22 December 2017. Section 13001 cuts the corporate "
        "income tax rate from 35% to 21%.",
    },
]

INTELLIGENCE_LAW_URL = SOURCES[1]["url"]
TAX_ACT_URL = SOURCES[2]["url"]


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
    published_at: dt.datetime | None = None
    rating: str | None = None
    summary: str = ""
    analysis: str = ""
    # (source url, stance, note)
    evidence: list[tuple[str, str, str]] = field(default_factory=list)


CLAIMS = [
    DemoClaim(
        speaker="ren-zhengfei",
        text="No law in China requires any company to install mandatory backdoors",
        claim_reviewed="No law in China requires companies to install backdoors",
        context="Said to foreign reporters at a rare media briefing in Shenzhen, addressing "
        "suggestions that Huawei might make it possible for Chinese spies to extract data.",
        topics=["cybersecurity", "5g", "us-china-relations"],
        status=Claim.Status.PUBLISHED,
        published_at=dt.datetime(2019, 1, 18, 9, 0, tzinfo=dt.UTC),
        rating="misleading",
        summary="No Chinese law uses the word backdoor, but the 2017 National Intelligence "
        "Law obliges every organisation to support, assist and cooperate with state "
        "intelligence work, which leaves a company no lawful way to refuse such a request.",
        analysis="Mr Ren's statement is literally accurate: no published Chinese statute "
        "orders companies to build backdoors into their equipment. It is misleading because "
        "it leaves out what the law does require. Article 7 of the National Intelligence Law "
        "(2017) says that any organisation or citizen shall support, assist and cooperate "
        "with state intelligence work in accordance with the law, and keep secret the state "
        "intelligence work they know of. The law gives no exemption for private companies "
        "and no channel to refuse, so whether Huawei would answer such a request, as Mr Ren "
        "says it would not, is not a matter the law leaves to the company.",
        evidence=[
            (
                INTELLIGENCE_LAW_URL,
                "contradicts",
                "Article 7: any organisation or citizen shall support, assist and cooperate "
                "with state intelligence work in accordance with law, and keep confidential "
                "the state intelligence work secrets they are aware of.",
            ),
            (ARTICLE_URL, "context", "Where and when Mr Ren made the statement."),
        ],
    ),
    DemoClaim(
        speaker="ren-zhengfei",
        text="He dares to massively cut tax, which will benefit… business",
        claim_reviewed="Donald Trump massively cut taxes, to the benefit of business",
        context="Mr Ren praising President Trump, whom he described as a \u201cgreat "
        "president\u201d, at the Shenzhen briefing.",
        topics=["us-china-relations", "taxation"],
        status=Claim.Status.PUBLISHED,
        published_at=dt.datetime(2019, 1, 21, 14, 30, tzinfo=dt.UTC),
        rating="mostly-true",
        summary="The 2017 Tax Cuts and Jobs Act, signed by President Trump, cut the US "
        "corporate income tax rate from 35% to 21%, the largest cut in decades; whether it "
        "benefits business as a whole is a forecast, not a fact.",
        analysis="Section 13001 of Public Law 115-97 lowered the federal corporate tax rate "
        "from 35% to a flat 21% from 2018. By the size of the rate cut, \u201cmassively\u201d "
        "is fair. The benefit to business is a prediction that economists still dispute, "
        "which keeps the claim from a plain True.",
        evidence=[
            (
                TAX_ACT_URL,
                "supports",
                "Section 13001: the corporate income tax rate falls from 35% to 21%.",
            ),
        ],
    ),
    DemoClaim(
        speaker="ren-zhengfei",
        text="I love my country. I support the Communist Party. But I will not do anything "
        "to harm the world.",
        claim_reviewed="Ren Zhengfei will not do anything to harm the world",
        context="Said to foreign reporters in Shenzhen, answering concerns about his "
        "membership of China's Communist Party since 1978.",
        topics=["us-china-relations"],
        status=Claim.Status.REJECTED,
    ),
    DemoClaim(
        speaker="ren-zhengfei",
        text="Beijing had never asked him or his company to share \u201cimproper "
        "information\u201d about its partners.",
        claim_reviewed="China's government never asked Huawei for improper information",
        context="Reported speech in the BBC article; Mr Ren's words, as quoted, were "
        "\u201cimproper information\u201d.",
        topics=["cybersecurity", "us-china-relations"],
        status=Claim.Status.IN_REVIEW,
        rating="unverifiable",
        summary="Requests from Chinese intelligence services are secret by law, so neither "
        "the claim nor its opposite can be checked from public records.",
        evidence=[(INTELLIGENCE_LAW_URL, "context", "Article 7 obliges secrecy.")],
    ),
    DemoClaim(
        speaker="ren-zhengfei",
        text="I personally would never harm the interest of my customers and me and my "
        "company would not answer to such requests",
        claim_reviewed="Huawei would refuse requests to harm its customers",
        context="Said at the Shenzhen briefing, on whether Huawei would share data with Beijing.",
        topics=["cybersecurity"],
        status=Claim.Status.DRAFT,
    ),
    DemoClaim(
        speaker="meng-wanzhou",
        text="Ms Meng has denied allegations that she broke US sanctions on Iran and of "
        "conspiring to defraud banks.",
        claim_reviewed="Meng Wanzhou did not break US sanctions on Iran",
        context="Her denial as reported by the BBC; she was under arrest in Canada facing "
        "extradition to the US.",
        topics=["sanctions", "us-china-relations"],
        status=Claim.Status.CHANGES_REQUESTED,
        quoted=False,
        rating="unverifiable",
        summary="The allegations were before the courts when the claim was made.",
        evidence=[(ARTICLE_URL, "context", "The charges and her denial.")],
    ),
    DemoClaim(
        speaker="donald-trump",
        text="President Trump suggested he might intervene if it suited the US's national "
        "security interests or might help secure a trade deal.",
        claim_reviewed="Trump might intervene in the Meng Wanzhou case for a trade deal",
        context="In December 2018, as reported by the BBC.",
        topics=["trade", "us-china-relations", "sanctions"],
        status=Claim.Status.DRAFT,
        quoted=False,
        stated_on=None,
    ),
]


def article_text() -> str:
    """The demo article as it ships with the project."""
    return ARTICLE_PATH.read_text(encoding="utf-8")


def _check_quotes_against_article(article: str) -> None:
    for claim in CLAIMS:
        if claim.quoted and claim.text not in article:
            raise ValueError(f"Demo quotation not found in the article: {claim.text!r}")


@transaction.atomic
def load_demo() -> dict[str, int]:
    """Create the demo records that are missing; return how many of each were created."""
    _check_quotes_against_article(article_text())
    created: dict[str, int] = {}

    def count(kind: str, was_created: bool) -> None:
        created[kind] = created.get(kind, 0) + int(was_created)

    speakers = {}
    for row in SPEAKERS:
        values = {key: value for key, value in row.items() if key not in {"slug", "aliases"}}
        speaker, was_created = Speaker.objects.get_or_create(slug=row["slug"], defaults=values)
        count("speakers", was_created)
        for alias in row["aliases"]:
            _, alias_created = SpeakerAlias.objects.get_or_create(
                speaker=speaker, name__iexact=alias, defaults={"name": alias}
            )
            count("aliases", alias_created)
        speakers[row["slug"]] = speaker

    topics = {}
    for slug, name in TOPICS:
        topic, was_created = Topic.objects.get_or_create(slug=slug, defaults={"name": name})
        count("topics", was_created)
        topics[slug] = topic

    publishers = {}
    for slug, name, url in PUBLISHERS:
        publisher, was_created = Publisher.objects.get_or_create(
            slug=slug, defaults={"name": name, "url": url}
        )
        count("publishers", was_created)
        publishers[slug] = publisher

    sources = {}
    for row in SOURCES:
        source = Source.objects.for_url(row["url"]).first()
        count("sources", source is None)
        if source is None:
            source = Source.objects.create(**{**row, "publisher": publishers[row["publisher"]]})
        sources[row["url"]] = source

    ratings = {rating.slug: rating for rating in Rating.objects.all()}
    for demo in CLAIMS:
        claim, was_created = Claim.objects.get_or_create(
            speaker=speakers[demo.speaker],
            text=demo.text,
            defaults={
                "claim_reviewed": demo.claim_reviewed,
                "stated_on": demo.stated_on,
                "context": demo.context,
                "status": demo.status,
                "published_at": demo.published_at,
                "modified_at": demo.published_at,
            },
        )
        count("claims", was_created)
        if not was_created:
            continue
        claim.topics.set([topics[slug] for slug in demo.topics])
        Appearance.objects.create(claim=claim, source=sources[ARTICLE_URL], is_first=True)
        if demo.rating is None:
            continue
        verdict = Verdict.objects.create(
            claim=claim,
            rating=ratings[demo.rating],
            summary=demo.summary,
            analysis=demo.analysis,
            published_at=demo.published_at,
        )
        Evidence.objects.bulk_create(
            Evidence(verdict=verdict, source=sources[url], stance=stance, note=note)
            for url, stance, note in demo.evidence
        )
    return created


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
