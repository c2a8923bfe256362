"""``extract_quotations``: the steps of quotes.py and attribution.py run over one article."""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from .attribution import PERSON, Coreference, mention_after, mention_before, subject_of
from .lexicon import SPEECH_VERB_RE
from .quotes import (
    FULL,
    Quotation,
    RawQuote,
    Span,
    find_quotes,
    mask_quotes,
    quotation_kind,
    quote_text,
    split_paragraphs,
    split_sentences,
)

PRONOUNS = frozenset({"he", "she", "they", "it"})


def extract_quotations(text: str) -> list[Quotation]:
    """Every quotation in ``text``, in order of appearance, with its speaker when the text says."""
    paragraphs = split_paragraphs(text)
    quotes = find_quotes(text, paragraphs)
    masked = mask_quotes(text, quotes)
    sentences = split_sentences(text, paragraphs, quotes)
    starts = [sentence.start for sentence in sentences]

    def sentence_index(offset: int) -> int:
        return bisect.bisect_right(starts, offset) - 1

    by_sentence: dict[int, list[RawQuote]] = {}
    for quote in quotes:
        by_sentence.setdefault(sentence_index(quote.first.open_mark), []).append(quote)

    coreference = Coreference(masked)
    quotations: list[Quotation] = []
    previous: tuple[Quotation, int] | None = None  # the last quotation and its last sentence
    reported: tuple[int, str, str] | None = None  # the last sentence of reported speech
    paragraph_starts = {paragraph.start for paragraph in paragraphs}
    for index, sentence in enumerate(sentences):
        sentence_speaker = None
        for quote in by_sentence.get(index, []):
            last_index = sentence_index(quote.after - 1)
            last_sentence = sentences[last_index]
            kind = quotation_kind(text, masked, sentence, quote)
            mention = mention_after(masked, quote, last_sentence.end) or mention_before(
                masked, sentence, quote
            )
            entity = coreference.resolve(mention) if mention else None
            speaker = entity.name if entity else None
            mention_text = mention.text if entity else None
            if entity is None and mention is None and kind == FULL and previous:
                speaker, mention_text = _continued_speaker(
                    masked, sentence, quote, index, last_sentence, previous
                )
            if speaker is None and mention is None and kind == FULL and reported:
                speaker, mention_text = _reported_speaker(
                    masked, sentence, quote, index, paragraph_starts, reported
                )
            if entity is not None:
                coreference.spoke(entity)
                sentence_speaker = sentence_speaker or entity
            words, start, end = quote_text(text, quote)
            context = " ".join(text[sentence.start : last_sentence.end].split())
            quotation = Quotation(words, speaker, mention_text, context, start, end, kind)
            quotations.append(quotation)
            previous = (quotation, last_index)
        if index not in by_sentence:
            reported = _reported_speech(masked, sentence, index, coreference) or reported
        coreference.read_sentence(masked, sentence, sentence_speaker)
    return quotations


def _reported_speech(
    masked: str, sentence: Span, index: int, coreference: Coreference
) -> tuple[int, str, str] | None:
    """(index, speaker, mention) when a sentence reports a person's words ("She says the...")."""
    for verb in SPEECH_VERB_RE.finditer(masked, sentence.start, sentence.end):
        mention = subject_of(masked[sentence.start : verb.start()])
        if mention is None:
            continue
        entity = coreference.resolve(mention)
        if entity is not None and entity.kind == PERSON:
            return index, entity.name, mention.text
        return None
    return None


def _reported_speaker(
    masked: str,
    sentence: Span,
    quote: RawQuote,
    index: int,
    paragraph_starts: set[int],
    reported: tuple[int, str, str],
) -> tuple[str | None, str | None]:
    """A paragraph that is nothing but a quotation, right after a sentence reporting what a
    person said, quotes that person: "She says the campaign has..." then "We've had cheques...".
    """
    reported_index, speaker, mention = reported
    if reported_index != index - 1 or quote.first.open_mark not in paragraph_starts:
        return None, None
    if SPEECH_VERB_RE.search(masked[quote.after : sentence.end]):
        return None, None
    return speaker, mention


def _continued_speaker(
    masked: str,
    sentence: Span,
    quote: RawQuote,
    index: int,
    last_sentence: Span,
    previous: tuple[Quotation, int],
) -> tuple[str | None, str | None]:
    """A full quotation with no attribution of its own that directly follows an attributed one
    (in the next sentence, or opening the next paragraph) continues the same speaker."""
    earlier, earlier_sentence = previous
    if earlier.speaker is None or earlier.kind != FULL:
        return None, None
    opens_sentence = not masked[sentence.start : quote.first.open_mark].strip()
    adjacent = index == earlier_sentence + 1 and opens_sentence
    if not (adjacent or index == earlier_sentence):
        return None, None
    if SPEECH_VERB_RE.search(masked[quote.after : last_sentence.end]):
        return None, None  # an attribution we could not read: better none than the wrong one
    return earlier.speaker, earlier.mention


def known_aliases(quotations: Iterable[Quotation]) -> dict[str, set[str]]:
    """Speaker -> the other names used for them ("Mr Ren", "the 74-year-old"), pronouns and
    spokesperson phrases left out, for the importer to remember as aliases."""
    aliases: dict[str, set[str]] = {}
    for quotation in quotations:
        if quotation.speaker is None or quotation.mention is None:
            continue
        mention = quotation.mention
        if mention == quotation.speaker or mention.lower() in PRONOUNS:
            continue
        if mention.lower().startswith(("a ", "an ")) or "spokes" in mention.lower():
            continue
        aliases.setdefault(quotation.speaker, set()).add(mention)
    return aliases
