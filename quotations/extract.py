"""``extract_quotations``: the steps of quotes.py and attribution.py run over one article."""

# Typographic quote marks are what a headline's end is checked for.
# ruff: noqa: RUF001

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import replace

from .attribution import (
    CLAUSE_FOLLOWS,
    NAME_RE,
    ORGANISATION,
    PERSON,
    PRO_DROP,
    REPORTED_MOOD,
    UNKNOWN,
    Coreference,
    Entity,
    Mention,
    according_source,
    may_refer_forward,
    mention_after,
    mention_before,
    mention_in_head,
    mention_inside,
    subject_of,
)
from .guards import guard
from .interviews import find_interview, interviewee, quoted_answers
from .lexicon import DETERMINER, FULL_NAME, NAME, SPEECH_VERB_RE, UPPER
from .quotes import (
    FRAGMENT,
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

# "Trump began his speech.", "Merkel hielt ihre Rede.": what follows is that speech.
_INTRODUCES = re.compile(
    r"\b(?:speech|remarks|address|discours|allocution|Rede|Ansprache|discurso|alocución)\W*$"
)
STATEMENT = re.compile(r"\b(?:statement|communiqué|Erklärung|Mitteilung|comunicado)\b")
PRONOUNS = frozenset({"he", "she", "they", "it", "il", "elle", "er", "sie", "él", "ella"})


def extract_quotations(text: str, language: str | None = None) -> list[Quotation]:
    """Every quotation in ``text``, in order of appearance, with its speaker when the text says.

    ``language`` (ISO 639-1, e.g. "fr") switches on the rules of that language that would
    mislead in others: Spanish drops the subject (``», sostuvo.``), German attributes with
    ``", so Seibert``. The word lists of English, French, German and Spanish are always read.
    A quotation repeated in the article is returned once.
    """
    # La Jornada's ‘‘…’’ are one double mark (the same length: offsets hold).  # noqa: RUF003
    text = text.replace("‘‘", " “").replace("’’", "” ")
    paragraphs = split_paragraphs(text)
    interview = find_interview(text, paragraphs)
    answers, first_question = quoted_answers(text, paragraphs)
    quotes = [
        quote for quote in find_quotes(text, paragraphs)
        if not interview.covers(quote.first.open_mark)
    ]  # fmt: skip
    masked = mask_quotes(text, quotes)
    sentences = split_sentences(text, paragraphs, quotes)
    starts = [sentence.start for sentence in sentences]

    def sentence_index(offset: int) -> int:
        return bisect.bisect_right(starts, offset) - 1

    by_sentence: dict[int, list[RawQuote]] = {}
    for quote in quotes:
        by_sentence.setdefault(sentence_index(quote.first.open_mark), []).append(quote)

    coreference = Coreference(_without_title_case_headlines(masked, paragraphs), language)
    quotations: list[Quotation] = []
    previous: tuple[Quotation, int] | None = None  # the last quotation and its last sentence
    reported: tuple[int, str, str] | None = None  # the last sentence of reported speech
    paragraph_starts = {paragraph.start for paragraph in paragraphs}
    open_quotes: set[int] = set()  # starts of full quotations with no attribution at all
    paragraph_offsets = [paragraph.start for paragraph in paragraphs]

    def paragraph_of(offset: int) -> Span:
        return paragraphs[bisect.bisect_right(paragraph_offsets, offset) - 1]

    for index, sentence in enumerate(sentences):
        sentence_speaker = None
        fragment_speaker = None  # the speaker of the sentence's first attributed fragment
        earlier_end = None  # where the sentence's previous quotation ends
        earlier_fragment = False  # whether that quotation was a fragment
        last_entity = None  # the speaker of the sentence's last quotation
        for quote in by_sentence.get(index, []):
            last_index = sentence_index(quote.after - 1)
            last_sentence = sentences[last_index]
            kind = quotation_kind(text, masked, sentence, quote)
            if _is_headline(text, paragraph_of(quote.first.open_mark)):
                # Headline and subhead quotes are labels for the story, not words to check.
                words, start, end = quote_text(text, quote)
                quotations.append(Quotation(words, None, None, words, start, end, FRAGMENT))
                continue
            if interview.asked(quote.first.open_mark):
                # 'ML: “Has he come up at all, that whistleblower?”': the interviewer's turn.
                words, start, end = quote_text(text, quote)
                quotations.append(Quotation(words, None, None, words, start, end, kind))
                continue
            mention = (
                mention_after(masked, quote, last_sentence.end, language)
                or mention_before(masked, sentence, quote, earlier_end)
                or mention_inside(text, quote)
            )
            if (
                mention is not None
                and mention.category == "colon"
                and earlier_end is not None
                and earlier_fragment
                and not SPEECH_VERB_RE.search(masked, earlier_end, quote.first.open_mark)
                and not _CAPITALISED.search(masked, earlier_end, quote.first.open_mark)
            ):
                # "Il revient sur … en saluant « cette étape » : « … »", "X ha negado tener
                # información "oficial" sobre …: "…"": words quoted in passing before the colon;
                # the sentence's subject introduces the quotation.
                mention = mention_in_head(masked[sentence.start : quote.first.open_mark])
            entity = coreference.resolve(mention) if mention else None
            if entity is None and mention is not None and mention.category == "pronoun":
                # "Minister Thomas de Maizière beruhigte niemanden, als er erklärt: „…“" in an
                # article's first sentence: the pronoun is the person the sentence opens with.
                entity = coreference.opening_subject(masked, sentence)
            if entity is None and mention is not None and mention.category == "colon":
                # 'Schmidt sagte der „Süddeutschen Zeitung“: „…“': the colon after a quoted
                # title introduces the words of the one who spoke to it.
                entity = last_entity
            if (
                entity is None
                and mention is not None
                and mention.category == "colon"
                and SPEECH_VERB_RE.search(mention.text)
            ):
                # "Aber der Innenminister sieht eine „…“ und erklärt: „…“", "…, tout en
                # précisant : « … »": a verb with no subject of its own shares the sentence's.
                entity = (
                    sentence_speaker
                    or fragment_speaker
                    or coreference.opening_subject(masked, sentence)
                    # "Cifró esta demanda … e ironizó: «…»": Spanish drops the subject, which
                    # is the last speaker.
                    or (coreference.last_speaker if language in PRO_DROP else None)
                )
                if entity is not None:
                    mention = Mention(entity.name, "name", name=entity.name)
            if (
                entity is None
                and mention is not None
                and not coreference.recent
                and coreference.last_speaker is None
                and may_refer_forward(mention)
            ):
                # '"…", señaló el alcalde' before anyone is named: the person the article names
                # next (in narration, within two paragraphs).
                entity = _named_next(masked, quote.after, paragraph_of, coreference)
            if entity is None and mention is not None and mention.category == "description":
                coreference.unknown_spoke = True  # "el vecino": someone, but nobody known
            # An attribution was there: "a witness said", "cuestionó el vecino" (not a colon).
            attributed = mention is not None and not (
                mention.category == "colon" and _bare_opening(masked, sentence, quote)
            )
            if _unread_attribution(masked, quote, last_sentence):
                # '„…“, sagte sein Gocher Kollege Ernes Tiganj.': an attribution naming
                # someone, even when it could not be read: no fallback guesses past it.
                attributed = True
            if entity is None and mention is not None and _bare_opening(masked, sentence, quote):
                mention = None  # "Aber: „…“": nobody named, the continuation rules decide
            speaker = entity.name if entity else None
            speaker_kind = entity.kind if entity and entity.kind != UNKNOWN else None
            mention_text = mention.text if entity else None
            if entity is not None and mention is not None and mention.category == "colon":
                mention_text = entity.name  # the words before the colon are not a name for them
            if entity is None and mention is None and kind == FULL and previous:
                speaker, mention_text = _continued_speaker(
                    masked, sentence, quote, index, last_sentence, previous
                )
                speaker_kind = previous[0].speaker_kind if speaker else None
            if speaker is None and mention is None and kind == FULL:
                answerer = _answerer_or_signer(
                    text, quote, paragraph_of, paragraphs, answers, first_question, coreference
                )
                if answerer is not None:
                    speaker, mention_text, speaker_kind = answerer.name, None, answerer.kind
            if speaker is None and mention is None and kind == FULL and reported:
                speaker, mention_text = _reported_speaker(
                    masked, sentence, quote, index, paragraph_starts, reported
                )
                if any(body.name == speaker for body in coreference.organisations):
                    speaker_kind = ORGANISATION
            if entity is not None:
                coreference.spoke(entity)
                if kind == FULL:
                    sentence_speaker = sentence_speaker or entity
                else:
                    fragment_speaker = fragment_speaker or entity
            last_entity = entity
            words, start, end = quote_text(text, quote)
            context = " ".join(text[sentence.start : last_sentence.end].split())
            if speaker is not None and speaker_kind is None:
                speaker_kind = PERSON  # reported speech is a person's (see _reported_speech)
            quotation = Quotation(
                words, speaker, mention_text, context, start, end, kind, speaker_kind
            )
            quotations.append(quotation)
            if speaker is None and not attributed and kind == FULL:
                open_quotes.add(start)  # no attribution at all: the fallbacks may decide
            if not (
                kind == FRAGMENT
                and speaker is None
                and previous is not None
                and previous[1] == last_index
                and previous[0].kind == FULL
                and previous[0].speaker is not None
            ):
                # '„…“, sagte Schäuble der „Welt am Sonntag“. „…“': a title quoted in the
                # attribution does not stand between the speaker's two quotations.
                previous = (quotation, last_index)
            earlier_end = quote.after
            earlier_fragment = kind == FRAGMENT
        coreference.speaking_organisation = None
        if (
            index in by_sentence
            and last_entity is not None
            and last_entity.kind == PERSON
            and quotations[-1].kind == FRAGMENT
        ):
            # '„…“, sagte der SPD-Landeschef. „Genau das ist geschehen.“': words quoted in
            # passing with a speaker (the sentence's last quotation), then a quotation of its
            # own: the same person's.
            reported = (index, last_entity.name, last_entity.name)
        if index not in by_sentence:
            reported = _reported_speech(masked, sentence, index, coreference) or reported
            source = according_source(masked, sentence)
            cited = coreference.resolve(source) if source is not None else None
            if cited is not None and cited.kind != UNKNOWN:
                # "Einem Polizeisprecher zufolge …. »…«, hieß es weiter.", "Selon le préfet,
                # … . « … »": the source of the narration speaks next.
                coreference.statement_by = cited
                reported = (index, cited.name, cited.name)
        introducer = None
        if index not in by_sentence and masked[sentence.end - 1] == ":":
            # "Zu den Eckpunkten … erklärte der saarländische Ministerpräsident Tobias Hans:"
            # then the statement: the sentence's speaker is read as for a quotation in it
            # (the verb, then its subject), before the sentence's first name is taken.
            introducer = _introducer(masked, sentence, coreference)
        subject = coreference.read_sentence(masked, sentence, sentence_speaker, fragment_speaker)
        if introducer is not None:
            reported = (index, introducer.name, introducer.name)
            subject = None if subject is None else introducer
        elif (
            index not in by_sentence
            and masked[sentence.end - 1] == ":"
            and reported is not None
            and reported[0] == index - 1
            and subject is None
            and not SPEECH_VERB_RE.search(masked, sentence.start, sentence.end)
        ):
            # "… hat sich zu den Ergebnissen geäußert. Hier ein Ausschnitt:" then the words:
            # a colon with no verb and nobody named goes on introducing the same speaker.
            reported = (index, reported[1], reported[2])
        if index not in by_sentence and subject is None and masked[sentence.end - 1] == ":":
            # "Pour Xavier Bertrand (ex-LR), c'est :" then the quotation on the next line.
            introduced = coreference.named_before_colon(masked[sentence.start : sentence.end])
            if introduced is not None and introduced.kind == PERSON:
                reported = (index, introduced.name, introduced.name)
        if index not in by_sentence and subject is not None:
            opening = masked[sentence.start : sentence.start + len(subject.name) + 12]
            if (
                masked[sentence.end - 1] == ":"
                or subject.tokens[-1] in opening.split()
                or _INTRODUCES.search(masked, sentence.start, sentence.end)
            ):
                # "Senator Stabenow released the following statement:" then the statement;
                # "Merkel geht zunächst auf Europa ein." then what she said about it.
                reported = (index, subject.name, subject.name)
            if STATEMENT.search(masked, sentence.start, sentence.end):
                coreference.statement_by = subject  # "the statement read" is theirs
        if index not in by_sentence and STATEMENT.search(masked, sentence.start, sentence.end):
            body = _opening_organisation(masked, sentence, coreference)
            if body is not None:
                # "The City Council released a joint statement Friday …" then '"…," the
                # statement says': the body the sentence opens with issued it.
                coreference.statement_by = body
        elif (
            index not in by_sentence
            and coreference.last_speaker is not None
            and REPORTED_MOOD.search(masked, sentence.start, sentence.end)
        ):
            name = coreference.last_speaker.name  # German indirect speech: "… sei …"
            reported = (index, name, name)
    quotations = _one_speaker(quotations, open_quotes, text, masked, paragraphs, coreference)
    quotations += interview.answers(text, coreference)
    quotations.sort(key=lambda quotation: quotation.start)
    return guard(_without_repeats(quotations), text)


_HEADLINE_NAME = re.compile(rf"\s*(?P<name>{NAME}):\s*[\"“„«»‘']")


def _one_speaker(
    quotations: list[Quotation],
    open_quotes: set[int],
    text: str,
    masked: str,
    paragraphs: list[Span],
    coreference: Coreference,
) -> list[Quotation]:
    """The fallback for full quotations the text attributes nowhere (no verb, no colon, no name
    beside them): when every attributed quotation of the article is one person's, that person
    was named before in narration (or by the headline) and the quotation's paragraph names
    nobody else, that person. The speaker of the nearest quotation before is not guessed: on
    the development part that guess was right 4 times in 5 (docs/extraction.md, section 10)."""
    if not open_quotes:
        return quotations
    starts = [paragraph.start for paragraph in paragraphs]

    def others_named(begin: int, end: int, speaker: str) -> bool:
        for match in NAME_RE.finditer(masked, begin, end):
            entity = coreference.named_person(match.group())
            if entity is not None and entity.name != speaker:
                return True
        return False

    speakers = {q.speaker for q in quotations if q.speaker and q.speaker_kind == PERSON}
    headlined = None  # where the headline naming the one speaker ends
    if not speakers:
        # "Alfonso Bataller: «La encuesta…»" as the headline of an interview written up as a
        # story: the person the headline quotes is the article's one speaker.
        for paragraph in paragraphs:
            match = _HEADLINE_NAME.match(text, paragraph.start, paragraph.end)
            if match and _is_headline(text, paragraph):
                person = coreference.named_person(match["name"])
                speakers = {person.name if person else match["name"]}
                headlined = paragraph.end
                break
    result = list(quotations)
    for index, quotation in enumerate(result):
        if quotation.start in open_quotes and len(speakers) == 1:
            (speaker,) = speakers
            paragraph = paragraphs[bisect.bisect_right(starts, quotation.start) - 1]
            # Named before, in narration (or by the headline): the one the article is about.
            introduced = (headlined is not None and headlined < quotation.start) or any(
                (person := coreference.named_person(match.group())) and person.name == speaker
                for match in NAME_RE.finditer(masked, 0, quotation.start)
            )
            if introduced and not others_named(paragraph.start, paragraph.end, speaker):
                result[index] = replace(quotation, speaker=speaker, speaker_kind=PERSON)
    return result


# A statement's signature on the line after it: "Chief Janeé Harteau", "— Jane Doe, CEO".
_SIGNATURE = re.compile(rf"\s*(?:[-–—]\s*)?(?P<name>{NAME})(?:,[^\n.!?]{{0,80}})?\s*")
_CAPS_SIGNATURE = re.compile(
    rf"\s*(?:[-–—]\s*)?(?P<first>[{UPPER}][a-zà-ÿ'’-]+)\s+(?P<surname>[{UPPER}][{UPPER}'’-]+)"
    r"(?:,?\s+[^\n.!?]{0,80})?\s*"
)


def _answerer_or_signer(
    text: str,
    quote: RawQuote,
    paragraph_of,
    paragraphs: list[Span],
    answers: set[int],
    first_question: int,
    coreference: Coreference,
):
    """Who a quotation that fills its paragraph belongs to when the text around it says so
    without a verb: the interviewee when it answers a printed question (``quoted_answers``),
    or the name signing it on the next line."""
    paragraph = paragraph_of(quote.first.open_mark)
    if quote.first.open_mark > paragraph.start + 3:
        return None
    if paragraph.start in answers:
        return interviewee(text[:first_question], coreference)
    last = paragraph_of(quote.after - 1)  # a statement may run over several paragraphs
    if text[quote.after : last.end].strip():
        return None
    index = bisect.bisect_right(paragraphs, last.start, key=lambda span: span.start)
    if quote.parts[-1].close_mark is None:
        # « … ends one paragraph unclosed, the next ones are not reopened and the last closes
        # it (»): the signature follows the paragraph that closes the statement.
        closed = False
        while not closed and index < len(paragraphs) - 1:
            line = text[paragraphs[index].start : paragraphs[index].end].rstrip()
            if any(mark in line for mark in "«“„"):
                return None
            closed = line.rstrip(" .").endswith(("»", "”", '"'))
            index += 1
        if not closed:
            return None
    if index >= len(paragraphs):
        return None
    match = _SIGNATURE.fullmatch(text, paragraphs[index].start, paragraphs[index].end)
    if match is None:
        # "Didier ROBERT Président de la Région": a first name, the surname in capitals, and
        # the signer's role without a comma.
        match = _CAPS_SIGNATURE.fullmatch(text, paragraphs[index].start, paragraphs[index].end)
        if match is None or SPEECH_VERB_RE.search(match.group()):
            return None
        name = f"{match['first']} {match['surname'].title()}"
        return coreference.named_before_colon(name + ":")
    if len(match["name"].split()) > 5 or SPEECH_VERB_RE.search(match.group()):
        return None
    return coreference.named_before_colon(match["name"] + ":")  # a signature is a label


_CONJUNCTION_COLON = re.compile(
    r"(?:But|And|Yet|Still|Mais|Et|Puis|Aber|Und|Doch|Dann|Pero|Y|Luego)\s*:", re.ASCII
)


def _bare_opening(masked: str, sentence: Span, quote: RawQuote) -> bool:
    """Whether the quotation opens its sentence, a conjunction and a colon aside ("Aber:")."""
    head = masked[sentence.start : quote.first.open_mark].strip()
    return not head or bool(_CONJUNCTION_COLON.fullmatch(head))


def _is_headline(text: str, paragraph: Span) -> bool:
    """A short line with no sentence-ending punctuation: a headline or a subhead."""
    if paragraph.end - paragraph.start > 300:
        return False
    line = text[paragraph.start : paragraph.end]
    stripped = line.rstrip(" \"'”’»«“›)")
    if len(line.split()) > 20 or not stripped or stripped[-1] in ".!?…:;,":
        return False
    if _TWO_SENTENCES.search(line):
        return False  # '"We know that. That's OK," explained Chen': a sentence ends inside
    return "\n" not in line


_TWO_SENTENCES = re.compile(r"\b[a-zà-ÿß]{2,}[.!?]\s+[A-ZÀ-Ý]")


def _without_title_case_headlines(masked: str, paragraphs: list[Span]) -> str:
    """The text with its title-case headlines blanked for finding the cast: in "Prime Minister
    Makes Speech at Conference" or "Senator Stabenow Statement on…" every word is capitalised,
    so no run of capitals there is a name."""
    for paragraph in paragraphs:
        if not _is_headline(masked, paragraph):
            continue
        words = [word for word in masked[paragraph.start : paragraph.end].split() if len(word) > 3]
        if len(words) >= 3 and sum(word[0].isupper() for word in words) >= 0.8 * len(words):
            blank = " " * (paragraph.end - paragraph.start)
            masked = masked[: paragraph.start] + blank + masked[paragraph.end :]
    return masked


def _without_repeats(quotations: list[Quotation]) -> list[Quotation]:
    """The first of each repeated quotation; a later repeat may lend it the speaker it lacked."""
    kept: dict[tuple[str, str], int] = {}
    result: list[Quotation] = []
    for quotation in quotations:
        key = (quotation.kind, " ".join(quotation.text.casefold().split()).strip(".,;:!? "))
        if key not in kept:
            kept[key] = len(result)
            result.append(quotation)
            continue
        first = result[kept[key]]
        if first.speaker is None and quotation.speaker is not None:
            result[kept[key]] = replace(first, speaker=quotation.speaker, mention=quotation.mention)
    return result


def _reported_speech(
    masked: str, sentence: Span, index: int, coreference: Coreference
) -> tuple[int, str, str] | None:
    """(index, speaker, mention) when a sentence reports a person's words ("She says the...").

    A spokesperson's reported words make "she" in the next sentence the organisation's.
    """
    for verb in SPEECH_VERB_RE.finditer(masked, sentence.start, sentence.end):
        mention = subject_of(masked[sentence.start : verb.start()])
        if mention is None:
            last = coreference.last_speaker
            if (
                coreference.language in PRO_DROP
                and last is not None
                and CLAUSE_FOLLOWS.match(masked, verb.end())
                and not any(  # a capital opening the sentence is not a name
                    name.start() > sentence.start
                    for name in NAME_RE.finditer(masked, sentence.start, verb.start())
                )
            ):
                return index, last.name, ""  # "Sin embargo, añadió que…": still the last speaker
            continue
        entity = coreference.resolve(mention)
        if entity is not None and entity.kind == PERSON:
            return index, entity.name, mention.text
        if entity is not None and mention.category == "spokesperson":
            coreference.speaking_organisation = entity
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
    opens_sentence = _bare_opening(masked, sentence, quote)
    if reported_index != index - 1 or not (
        quote.first.open_mark in paragraph_starts or opens_sentence
    ):
        return None, None
    if SPEECH_VERB_RE.search(masked[quote.after : sentence.end]):
        return None, None
    return speaker, mention


def _named_next(masked: str, offset: int, paragraph_of, coreference: Coreference) -> Entity | None:
    """The first known person named in narration after ``offset``, in the same paragraph or
    the next one."""
    end = paragraph_of(offset).end
    following = paragraph_of(end + 2) if end + 2 < len(masked) else None
    if following is not None and following.start > end:
        end = following.end
    for match in NAME_RE.finditer(masked, offset, end):
        person = coreference.named_person(match.group())
        if person is not None:
            return person
    return None


def _opening_organisation(masked: str, sentence: Span, coreference: Coreference) -> Entity | None:
    """The organisation a sentence opens with (its subject), if it opens with one."""
    opening = re.sub(rf"^\W*{DETERMINER}\b\s*", "", masked[sentence.start : sentence.start + 80])
    for body in coreference.organisations:
        named = len(body.name.split()) >= 2 or body.name.isupper()  # not "Club" alone
        if body.kind == ORGANISATION and named and opening.startswith(body.name):
            return body
    return None


def _introducer(masked: str, sentence: Span, coreference: Coreference) -> Entity | None:
    """Who a sentence ending with a colon names as the speaker of what follows, when a speech
    verb and its subject say so."""
    mention = mention_in_head(masked[sentence.start : sentence.end])
    if mention is None or mention.category not in ("name", "honorific", "description"):
        return None
    entity = coreference.resolve(mention)
    return entity if entity is not None and entity.kind in (PERSON, ORGANISATION) else None


def _unread_attribution(masked: str, quote: RawQuote, last_sentence: Span) -> bool:
    """A speech verb right after the quotation's comma, then a full name (two capitalised
    words) in its sentence: an attribution to someone named, even if it could not be read."""
    tail = masked[quote.after : last_sentence.end]
    verb = SPEECH_VERB_RE.search(tail, 0, 60) if re.match(r"\s*[,—–-]", tail) else None
    return verb is not None and bool(_FULL_NAME.search(tail, verb.end()))


_CAPITALISED = re.compile(rf"\b[{UPPER}][a-zà-ÿß]")  # a name, not an acronym ("ETA")
_FULL_NAME = re.compile(FULL_NAME)


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
    opens_sentence = _bare_opening(masked, sentence, quote)
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
        if not mention or mention == quotation.speaker or mention.lower() in PRONOUNS:
            continue
        if mention.lower().startswith(("a ", "an ")) or "spokes" in mention.lower():
            continue
        aliases.setdefault(quotation.speaker, set()).add(mention)
    return aliases
