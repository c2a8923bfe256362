"""Question-and-answer layouts: the answers are the interviewee's words, with no quote marks.

``Q: … A: …``, ``Q - … R - …`` (French), initials or names before a colon (``SS:``,
``MR. YANG:``, ``Olivier Véran:``, bold names once the HTML is text) and transcripts with a
speaker's role or name alone on a line (``PRESENTER`` / ``TREASURER``). An article is read
this way only when its lines are mostly so labelled: a question label and answers at least.
"""

# ruff: noqa: RUF001, SIM905

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .attribution import PERSON, Coreference, Entity, Mention, parse_mention
from .lexicon import HONORIFICS, NAME, NOT_NAME_WORDS, SPEECH_VERB_RE, UPPER, is_role_word
from .quotes import FULL, Quotation, Span

QUESTION_LABELS = frozenset(
    [
        "q",
        "p",
        "question",
        "frage",
        "pregunta",
        "presenter",
        "interviewer",
        "host",
        "journalist",
        "journaliste",
        "moderator",
        "anchor",
        "reporter",
        "interviewer",
        "entrevistador",
        "periodista",
        "zusatzfrage",
        "nachfrage",
    ]
)
ANSWER_LABELS = frozenset(["a", "r", "answer", "réponse", "reponse", "antwort", "respuesta"])
# Fields of a page that look like labels but are nobody's turn.
METADATA_LABELS = frozenset(
    (
        "transcript guest guests source date subject topic title location photo video update "
        "tags related quelle datum thema foto fuente fecha tema"
    ).split()
)
# The minimum of labelled paragraphs for an article to be read as an interview.
MIN_LABELS = 3

_LABEL = re.compile(
    rf"(?P<label>[QARP]|Question|Answer|Réponse|Frage|Antwort|Pregunta|Respuesta)\s*[:\-–—]\s+"
    rf"|(?P<named>[{UPPER}][{UPPER}.'’ -]{{0,40}}[{UPPER}.]|(?:[{UPPER}][\w.'’-]*\s){{0,3}}"
    rf"[{UPPER}][\w.'’-]*)\s*(?::\s*|$)"
)


@dataclass
class Block:
    """One labelled turn: who speaks (the label) and where their words are."""

    label: str
    spans: list[Span] = field(default_factory=list)


@dataclass
class Interview:
    """The answers of a question-and-answer article (none for any other article)."""

    blocks: list[Block] = field(default_factory=list)
    first_answer: int = 0
    questions: frozenset[str] = frozenset()  # the labels that ask

    def asks(self, label: str) -> bool:
        return label in self.questions or _is_question(label)

    def covers(self, offset: int) -> bool:
        """Whether ``offset`` lies in an answer, whose quote marks are part of the answer."""
        return any(
            span.start <= offset < span.end
            for block in self.blocks
            if not self.asks(block.label)
            for span in block.spans
        )

    def answers(self, text: str, coreference: Coreference) -> list[Quotation]:
        """Each answer as a full quotation of the person who gives it."""
        interviewee = _interviewee(text[: self.first_answer], coreference)
        quotations = []
        for block in self.blocks:
            if self.asks(block.label) or not block.spans:
                continue
            words = " ".join(" ".join(text[span.start : span.end] for span in block.spans).split())
            if not re.search(r"\w", words):
                continue
            speaker = interviewee if block.label.casefold() in ANSWER_LABELS else None
            if speaker is None and block.label.casefold() not in ANSWER_LABELS:
                speaker = _labelled_speaker(block.label, coreference)
            start, end = block.spans[0].start, block.spans[-1].end
            quotations.append(
                Quotation(
                    words,
                    speaker.name if speaker else None,
                    block.label if speaker else None,
                    words[:300],
                    start,
                    end,
                    FULL,
                    speaker.kind if speaker else None,
                )
            )
        return quotations


def _is_question(label: str) -> bool:
    return label.casefold().rstrip(".") in QUESTION_LABELS


def find_interview(text: str, paragraphs: list[Span]) -> Interview:
    """The labelled turns of ``text``, when it is laid out as an interview."""
    labelled: list[tuple[Span, str, int]] = []  # paragraph, label, where its words start
    for paragraph in paragraphs:
        match = _LABEL.match(text, paragraph.start, paragraph.end)
        if match is None:
            continue
        label = (match["label"] or match["named"] or "").strip()
        if match["named"] and not _plausible_name_label(label, match, paragraph):
            continue
        if label.casefold() in METADATA_LABELS:
            continue  # "Guest: Wright Thompson", "Transcript: …": a page's fields, not turns
        labelled.append((paragraph, label, match.end()))
    questions = [label for _, label, _ in labelled if _is_question(label)]
    by_turns = False
    if not questions and len(labelled) >= 2:
        # Speakers taking turns, one asking: an interview even when the excerpt holds only
        # one question and its answer ("HAZ: …?" / "Meyer: …").
        questions = _asking_labels(text, paragraphs, labelled)
        by_turns = bool(questions)
    enough = len(labelled) >= MIN_LABELS or by_turns
    if not enough or not questions or set(questions) >= {label for _, label, _ in labelled}:
        return _record(text, paragraphs)
    asker = questions[0]
    interview = Interview(questions=frozenset(questions))
    starts = {paragraph.start: (label, words) for paragraph, label, words in labelled}
    current: Block | None = None
    answerer = None
    for paragraph in paragraphs:
        if paragraph.start in starts:
            label, words = starts[paragraph.start]
            current = Block(label)
            interview.blocks.append(current)
            if words < paragraph.end:
                current.spans.append(Span(words, paragraph.end))
            if not interview.asks(label):
                answerer = label
                interview.first_answer = interview.first_answer or paragraph.start
        elif current is not None:
            line = text[paragraph.start : paragraph.end].rstrip()
            if not interview.asks(current.label) and line.endswith("?") and answerer:
                # A question printed without its label ("Dann anders gefragt: Was ist
                # gelungen?"): the next paragraph is a new answer.
                current = Block(asker, [paragraph])
                interview.blocks.append(current)
                continue
            asked = current.spans and text[: current.spans[-1].end].rstrip().endswith("?")
            if interview.asks(current.label) and answerer and asked and not line.endswith("?"):
                current = Block(answerer)
                interview.blocks.append(current)
            current.spans.append(paragraph)
    return interview


# A parliamentary or press record: "Gabriel Attal, secrétaire d'État…, porte-parole du
# Gouvernement :" on a line of its own, then what that person said.
_RECORD_LABEL = re.compile(rf"(?P<name>{NAME})\s*,[^\n:]{{0,240}}\s:\s*$")


def _record(text: str, paragraphs: list[Span]) -> Interview:
    """A one-speaker record, or no interview at all."""
    for index, paragraph in enumerate(paragraphs[:-1]):
        match = _RECORD_LABEL.match(text, paragraph.start, paragraph.end)
        if match is None or SPEECH_VERB_RE.search(text, paragraph.start, paragraph.end):
            continue
        name = match["name"]
        if len(name.split()) < 2 or name.split()[0] in NOT_NAME_WORDS:
            continue
        block = Block(name, list(paragraphs[index + 1 :]))
        return Interview(blocks=[block], first_answer=paragraphs[index + 1].start)
    return Interview()


def _asking_labels(text: str, paragraphs: list[Span], labelled: list) -> list[str]:
    """The labels of the interviewer, when people take turns under labels.

    Labels of one person are one speaker: "Peter Merseburger" and "Merseburger", "Mauro
    Viale" and "MV". The interviewer is the speaker whose turns open with a question most
    often (at least half of them, more than anyone else); failing that, when exactly one
    speaker is a person the introduction names ("… estaba al aire Alberto Fernández"), that
    person answers and everyone else asks.
    """
    labels = list(dict.fromkeys(label for _, label, _ in labelled))
    groups = _label_groups(labels)
    keys = set(groups.values())
    if len(keys) < 2:
        return []
    starts = {paragraph.start: (label, words) for paragraph, label, words in labelled}
    asked = dict.fromkeys(keys, 0)
    turns = dict.fromkeys(keys, 0)
    current = None
    first_words = False  # whether the next paragraph is the first words of a turn
    for paragraph in paragraphs:
        line = text[paragraph.start : paragraph.end].rstrip()
        if paragraph.start in starts:
            label, words = starts[paragraph.start]
            current = groups[label]
            turns[current] += 1
            first_words = words >= paragraph.end  # a label alone on its line
            if not first_words:
                asked[current] += line.endswith("?")
        elif current is not None and first_words:
            # Only the first words of a turn: an unlabelled question later inside an answer
            # is the interviewer's, not the answerer's.
            asked[current] += line.endswith("?")
            first_words = False
    ratios = {key: asked[key] / max(1, turns[key]) for key in keys}
    best = max(keys, key=ratios.get)
    if ratios[best] >= 0.5 and all(ratios[best] > ratios[key] for key in keys - {best}):
        return [label for label in labels if groups[label] == best]
    intro = text[: labelled[0][0].start]
    named = {
        groups[label]
        for label in labels
        if len(label.split()) >= 2 and not _is_initials(label) and label in intro
    }
    if len(named) == 1 and turns[next(iter(named))] >= 2:
        (answering,) = named
        return [label for label in labels if groups[label] != answering]
    return []


def _is_initials(label: str) -> bool:
    return bool(re.fullmatch(rf"(?:[{UPPER}]\.?\s?){{2,4}}", label.strip()))


def _label_groups(labels: list[str]) -> dict[str, str]:
    """Each label's speaker: a name's last word, or the name whose initials it is."""
    names = [label for label in labels if len(label.split()) >= 2 and not _is_initials(label)]
    groups = {}
    for label in labels:
        if _is_initials(label):
            letters = re.sub(r"\W", "", label).upper()
            owners = [
                name for name in names if "".join(w[0] for w in name.split()).upper() == letters
            ]
            groups[label] = owners[0].split()[-1].casefold() if len(owners) == 1 else letters
        else:
            groups[label] = label.split()[-1].casefold()
    return groups


def _plausible_name_label(label: str, match: re.Match, paragraph: Span) -> bool:
    """ "TREASURER", "MR. YANG:", "Olivier Véran:": a speaker's label, not a sentence start."""
    words = label.split()
    if not words or len(words) > 4 or words[0] in NOT_NAME_WORDS:
        return False
    ends_line = match.end() >= paragraph.end
    has_colon = match.group().rstrip().endswith(":")
    if label.isupper():
        return has_colon or ends_line
    return has_colon


def _interviewee(intro: str, coreference: Coreference) -> Entity | None:
    """The person the questions are put to: the first known person named before an answer."""
    for match in re.finditer(rf"\b{NAME}", intro):
        mention = parse_mention(match.group())
        entity = coreference.resolve(mention) if mention else None
        if entity is not None and entity.kind == PERSON:
            return entity
    return None


def _labelled_speaker(label: str, coreference: Coreference) -> Entity | None:
    """The person a label names: a role ("TREASURER"), a titled name or a name."""
    words = label.rstrip(".:").split()
    if _is_initials(label):
        label = re.sub(r"\W", "", label)  # "A.F." and "A.F" are "AF"
    if re.fullmatch(rf"[{UPPER}]{{2,3}}", label):
        # "SL:" for Sara Lind: the person with those initials.
        holders = [
            person for person in coreference.people
            if "".join(token[0] for token in person.tokens) == label
        ]  # fmt: skip
        return holders[0] if len(holders) == 1 else None
    if label.isupper():
        words = [word.capitalize() for word in words]
    if len(words) == 1 and is_role_word(words[0]):
        role = words[0].lower()
        holders = [person for person in coreference.people if role in person.roles]
        return holders[-1] if holders else None
    if words[0].rstrip(".") in HONORIFICS and len(words) > 1:
        return coreference.resolve(
            Mention(label, "honorific", name=" ".join(words[1:]), title=words[0].rstrip("."))
        )
    mention = parse_mention(" ".join(words))
    return coreference.resolve(mention) if mention else None
