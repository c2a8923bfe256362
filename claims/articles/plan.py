"""What importing an article would create: its source, its candidate claims (each with its
speaker, new or known, and the published fact-checks it resembles) and its partial quotes.

Reads only. ``article_preview`` is this plan; ``article_import`` (``importer.py``) makes the
same plan and then writes it, so the admin's preview, the command's dry run and the API's
``dry_run`` never disagree with the real import. Importing the same article twice creates
nothing new.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace

from django.core.exceptions import ValidationError

from claims.matching import Match, claim_matches
from claims.models import CLAIM_TEXT_MAX_LENGTH, Claim, Speaker
from claimtracker.languages import detect_language
from quotations import Quotation, extract_quotations, html_to_text
from sources.models import Publisher, Source

# Generous for any article, small enough that a pasted book or a binary file is refused.
MAX_ARTICLE_CHARACTERS = 200_000
# Unattributed quotes this short are scare quotes or interface text ("Enter"), not claims.
MIN_UNATTRIBUTED_WORDS = 4
# A candidate this close to a published claim is flagged (see claims/matching.py).
PUBLISHED_MATCH_SCORE = 0.5
# Lines that sites put before the headline; never a title.
BOILERPLATE = re.compile(r"skip to (main )?content|cookie|sign in|subscribe|menu", re.IGNORECASE)
HTML = re.compile(r"<(html|body|article|p|div|br)\b", re.IGNORECASE)


@dataclass
class Candidate:
    """A full quotation of the article and what the import does with it."""

    quotation: Quotation
    speaker: Speaker | None
    new_speaker: bool
    already_imported: bool
    # Published fact-checks that look like the same claim: it may have been checked before.
    published_matches: list[Match] = field(default_factory=list)
    # The editor unticked it on the import page: it is shown, and not created.
    skipped: bool = False

    @property
    def key(self) -> int:
        """Where the quotation starts in the article: how the import page names a candidate."""
        return self.quotation.start


@dataclass
class ImportPlan:
    """What an import creates (or, after the import, created)."""

    source: Source
    source_exists: bool
    candidates: list[Candidate]
    fragments: list[Quotation]
    claims: list[Claim] = field(default_factory=list)
    speakers_created: list[Speaker] = field(default_factory=list)
    fragments_created: int = 0
    language: str | None = None  # the article's, as given or detected

    @property
    def new_candidates(self) -> list[Candidate]:
        return [
            candidate
            for candidate in self.candidates
            if not candidate.already_imported and not candidate.skipped
        ]


def validate_article_text(text: str) -> str:
    """The article's text, or a ValidationError naming what is wrong with it."""
    if "\x00" in text or _control_share(text) > 0.01:
        raise ValidationError({"text": "This looks like a binary file, not an article's text."})
    text = text.replace("\r\n", "\n").strip()
    if not text:
        raise ValidationError({"text": "The article is empty."})
    if len(text) > MAX_ARTICLE_CHARACTERS:
        raise ValidationError(
            {
                "text": f"The article is too long ({len(text):,} characters; at most "
                f"{MAX_ARTICLE_CHARACTERS:,})."
            }
        )
    return text


def _control_share(text: str) -> float:
    controls = sum(1 for char in text[:100_000] if ord(char) < 32 and char not in "\n\r\t")
    return controls / max(1, min(len(text), 100_000))


def guess_title(text: str) -> str:
    """The first line that reads like a headline."""
    for line in text.splitlines():
        line = line.strip()
        if line and len(line) <= 300 and not BOILERPLATE.search(line):
            return line
    return "Untitled article"


def _find_speaker(name: str) -> Speaker | None:
    speaker = Speaker.objects.filter(name__iexact=name).first()
    if speaker is None:
        speaker = Speaker.objects.filter(aliases__name__iexact=name).distinct().first()
    return speaker


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")


def plan_import(
    *,
    text: str,
    url: str,
    title: str,
    publisher: str,
    published_on,
    author: str,
    language: str | None = None,
    skip: Collection[int] = (),
    speaker_names: Mapping[int, str] | None = None,
) -> tuple[ImportPlan, list[Quotation]]:
    """The plan, and every quotation found (the importer reads speakers' aliases from them)."""
    text = validate_article_text(text)
    if HTML.search(text[:5000]):
        text = validate_article_text(html_to_text(text))
    if language and not LANGUAGE_CODE.fullmatch(language):
        raise ValidationError(
            {"language": f"{language!r} is not a language code such as en, fr, de or es."}
        )
    language = language or detect_language(text[:20_000])
    if not url:
        raise ValidationError({"url": "The article's address is needed to record it."})
    source = Source.objects.for_url(url).first()
    source_exists = source is not None
    if source is None:
        source = Source(
            url=url,
            title=title or guess_title(text),
            publisher=Publisher.objects.filter(name__iexact=publisher).first(),
            published_on=published_on,
            author=author,
            kind=Source.Kind.NEWS_ARTICLE,
        )
        source.full_clean(exclude=["normalized_url"])

    quotations = extract_quotations(text, language=language)
    speaker_names = speaker_names or {}
    existing = set()
    if source_exists:
        existing = {
            (speaker_id, _key(claim_text))
            for speaker_id, claim_text in Claim.objects.filter(
                appearances__source=source
            ).values_list("speaker_id", "text")
        }
    candidates, fragments, new_names = [], [], {}
    for quotation in quotations:
        if quotation.kind == "fragment":
            fragments.append(quotation)
            continue
        if quotation.speaker is None and len(quotation.text.split()) < MIN_UNATTRIBUTED_WORDS:
            continue
        if len(quotation.text) > CLAIM_TEXT_MAX_LENGTH:
            # Longer than any claim can be: a quote mark left open, not something said.
            continue
        if quotation.start in speaker_names:
            # The editor named the speaker on the import page (empty: unattributed).
            name = " ".join(speaker_names[quotation.start].split())[:200]
            kind = quotation.speaker_kind if name == quotation.speaker else None
            quotation = replace(quotation, speaker=name or None, speaker_kind=kind)
        speaker = _find_speaker(quotation.speaker) if quotation.speaker else None
        new_speaker = quotation.speaker is not None and speaker is None
        if new_speaker:
            kind = (
                Speaker.Kind.ORGANISATION
                if quotation.speaker_kind == Speaker.Kind.ORGANISATION
                else Speaker.Kind.PERSON
            )
            speaker = new_names.setdefault(
                quotation.speaker, Speaker(name=quotation.speaker, verified=False, kind=kind)
            )
        already = (speaker.pk if speaker else None, _key(quotation.text)) in existing
        matches = [] if already else published_matches(quotation.text)
        skipped = quotation.start in skip
        candidates.append(Candidate(quotation, speaker, new_speaker, already, matches, skipped))
    plan = ImportPlan(source, source_exists, candidates, fragments, language=language)
    return plan, quotations


def article_preview(
    *,
    text: str,
    url: str,
    title: str = "",
    publisher: str = "",
    published_on: dt.date | None = None,
    author: str = "",
    language: str | None = None,
    skip: Collection[int] = (),
    speaker_names: Mapping[int, str] | None = None,
) -> ImportPlan:
    """What importing the article would create; writes nothing. ``language`` is the article's
    (detected when not given); ``skip`` and ``speaker_names`` are the editor's choices on the
    import page, by quotation start offset (``Candidate.key``)."""
    plan, _ = plan_import(
        text=text,
        url=url,
        title=title,
        publisher=publisher,
        published_on=published_on,
        author=author,
        language=language,
        skip=skip,
        speaker_names=speaker_names,
    )
    return plan


def published_matches(text: str) -> list[Match]:
    """Published claims close enough to ``text`` to be worth a look before checking it again."""
    return claim_matches(text=text, user=None, min_score=PUBLISHED_MATCH_SCORE, limit=3)
