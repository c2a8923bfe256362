"""Guards run over the extractor's answer: a speaker the text does not tie down is dropped.

A wrong speaker is worse for a newsroom than none (it would publish the misattribution), so
where the reading behind a speaker is a guess, the quotation is returned without one. Each
guard looks only at what the extraction produced (the quotation, its mention, its speaker) and
at the text before it, so it can be measured on the output of any earlier extractor;
docs/extraction.md (sections 12 and 13) gives what each removed and cost on the first-contact
runs of the spent held-out parts.
"""

# ruff: noqa: RUF001, SIM905

from __future__ import annotations

import re
from dataclasses import replace

from .attribution import ORGANISATION, PERSON
from .interviews import QUESTION_LABELS, is_answer_label, presented_names
from .lexicon import (
    DETERMINER,
    FULL_NAME,
    INDEFINITE,
    NAME,
    ORGANISATION_HEADS,
    ORGANISATION_WORDS,
)
from .quotes import Quotation

GUARDS = frozenset({"label", "body_as_person", "body", "article", "interview_intro"})
# A bare question label opening a line ("Q:", "P -", "Q.-", "Frage:"), not a host's name
# ("P. Durand.-"): where an interview's introduction ends.
_QUESTION_LINE = re.compile(r"^\s*(?:[-–—]\s)?(\w+)\s*(?::|[-–—]|\.-)\s", re.MULTILINE)
_LONG_NAME = re.compile(FULL_NAME)
_NAME_RE = re.compile(rf"\b{NAME}")
# A person's name takes no article in news copy: "der Dresdner Spediteur", "einem
# Parlamentarischen Abend", "in den Kohleregionen Deutschlands" are a noun phrase.
_ARTICLE_BEFORE = re.compile(
    r"(?:\b(?:der|die|das|den|dem|des|ein|eine|einem|einer|eines|zum|zur|im|am|vom|beim|the|le|"
    r"la|les|un|une|el|los|las|del|al)|\bl['’])\s*$",
    re.IGNORECASE,
)
_DESCRIPTION = re.compile(rf"(?:{DETERMINER}|{INDEFINITE})\s+\S")
_STOP = frozenset(
    "a an the le la les l un une der die das den dem des ein eine einer el los las una de of "
    "for du d s von del".split()
)
# What a description of an organisation's voice says of any organisation: not its name.
_VOICE_WORDS = frozenset(
    "spokesperson spokesman spokeswoman representative statement office porte-parole sprecher "
    "sprecherin portavoz vocero vocera communiqué comunicado erklärung mitteilung said says "
    "official officials cabinet campaign entourage büro oficina".split()
)


def guard(
    quotations: list[Quotation], text: str, enabled: frozenset[str] = GUARDS
) -> list[Quotation]:
    """``quotations`` with the speakers the guards find untied dropped (speaker, mention and
    kind set to None); the quotations themselves are all kept."""
    if not enabled or not any(quotation.speaker for quotation in quotations):
        return quotations
    first_answer = min(
        (q.start for q in quotations if q.mention and is_answer_label(q.mention)),
        default=len(text),
    )
    presented = presented_names(text[:first_answer]) if first_answer < len(text) else []
    answered = first_answer < len(text) and "interview_intro" in enabled
    intro = _introduction(text[:first_answer]) if answered else None
    masked = _masked(text, quotations)
    after_articles: dict[str, bool] = {}  # one search of the text per speaker
    result = []
    for quotation in quotations:
        speaker = quotation.speaker
        if speaker and "article" in enabled and quotation.speaker_kind == PERSON:
            if speaker not in after_articles:
                after_articles[speaker] = _only_after_articles(speaker, masked)
            untied = after_articles[speaker]
        else:
            untied = False
        if (
            speaker
            and intro is not None
            and quotation.mention
            and is_answer_label(quotation.mention)
            and not _introduced(speaker, intro)
        ):
            untied = True
        if speaker and (untied or not _tied(quotation, presented, enabled)):
            quotation = replace(quotation, speaker=None, mention=None, speaker_kind=None)
        result.append(quotation)
    return result


def _masked(text: str, quotations: list[Quotation]) -> str:
    """The text with the quoted words blanked: what the narrator wrote."""
    pieces, last = [], 0
    for quotation in sorted(quotations, key=lambda quotation: quotation.start):
        if quotation.start >= last:
            pieces += [text[last : quotation.start], " " * (quotation.end - quotation.start)]
            last = quotation.end
    return "".join([*pieces, text[last:]])


def _only_after_articles(name: str, masked: str) -> bool:
    """Whether every time the narration writes ``name`` (one or two words, not an acronym)
    an article comes just before it ("der Bundespressekonferenz Sebastian Gülde" is a name
    after a body's)."""
    if len(name.split()) > 2 or name.isupper():
        return False
    found = False
    place = masked.find(name)
    while place >= 0:  # str.find, not a regex per speaker: a long article has many speakers
        end = place + len(name)
        if not (place and masked[place - 1].isalnum()) and not (
            end < len(masked) and masked[end].isalnum()
        ):
            if not _ARTICLE_BEFORE.search(masked, max(0, place - 12), place):
                return False
            found = True
        place = masked.find(name, end)
    return found


def _introduction(before_first_answer: str) -> str:
    """The narration before an interview's first question label: who the piece presents."""
    for match in _QUESTION_LINE.finditer(before_first_answer):
        if match.group(1).casefold() in QUESTION_LABELS:
            return before_first_answer[: match.start()]
    return before_first_answer


def _introduced(speaker: str, intro: str) -> bool:
    """Whether the introduction names the answers' speaker at least as often as anyone else.

    An answer label (``A:``, ``R -``) says only that someone answers; the extractor then picks
    a name. Read with certainty, that is the one the introduction presents: "Hot Springs",
    named only in the first question, and "President Xi Jinping", named once in an
    announcement by "Hua Chunying" (named three times), are guesses, and the answers get no
    speaker rather than a wrong one.
    """

    def count(word: str) -> int:
        return len(re.findall(rf"\b{re.escape(word)}\b", intro))

    own = count(speaker.split()[-1])
    others = {match.group(0).split()[-1] for match in _LONG_NAME.finditer(intro)}
    return own > 0 and all(count(word) <= own for word in others)


def _tied(quotation: Quotation, presented: list[str], enabled: frozenset[str]) -> bool:
    speaker, mention = quotation.speaker or "", quotation.mention
    if "label" in enabled:
        if re.fullmatch(r"[A-ZÀ-Ý]{1,3}", speaker) and re.sub(r"\W", "", mention or "") == speaker:
            return False  # "ML:", "R.-": the label itself returned as the speaker
        if mention and is_answer_label(mention) and presented and not _among(speaker, presented):
            # "Ukraine - Burkina Faso - Interview de Catherine Colonna, ministre …" then "R -":
            # the introduction presents someone else as the one answering.
            return False
    if (
        "body_as_person" in enabled
        and quotation.speaker_kind == PERSON
        and ORGANISATION_WORDS & set(speaker.split())
    ):
        # "Secretaría de Inclusión Social", "Sirius Satellite Radio" given as a person: a body's
        # name read as a person's, so whatever resolved to it was misread.
        return False
    if (
        "body" in enabled
        and mention
        and quotation.speaker_kind == ORGANISATION
        and _DESCRIPTION.match(mention)
        and not _NAME_RE.search(mention, mention.find(" "))
    ):
        # "a sheriff's office spokesperson" is not "Hammond Police": a description naming a
        # kind of body agrees with the body it is given to.
        # "the company", "the ministry": a generic noun, whatever body of that kind was named.
        words = _content(mention) - _VOICE_WORDS - ORGANISATION_HEADS
        if words and not words & _content(speaker):
            return False
    return True


def _among(speaker: str, names: list[str]) -> bool:
    return any(
        name == speaker or name.endswith(" " + speaker) or speaker.endswith(" " + name)
        for name in names
    )


def _content(phrase: str) -> set[str]:
    words = re.findall(r"[\w-]+", phrase.lower().replace("’", "'"))
    return {word for word in words if word not in _STOP and len(word) > 1}
