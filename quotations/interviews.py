"""Question-and-answer layouts: the answers are the interviewee's words, with no quote marks.

``Q: … A: …``, ``Q - … R - …`` (French), initials or names before a colon (``SS:``,
``MR. YANG:``, ``Olivier Véran:``, bold names once the HTML is text) and transcripts with a
speaker's role or name alone on a line (``PRESENTER`` / ``TREASURER``). An article is read
this way only when its lines are mostly so labelled: a question label and answers at least.
"""

# ruff: noqa: RUF001, SIM905

from __future__ import annotations

import itertools
import re
import unicodedata
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


def is_answer_label(label: str) -> bool:
    """Whether a turn's label only says that someone answers ("A:", "R.-", "Antwort")."""
    return re.sub(r"[\W_]+", "", label.casefold()) in ANSWER_LABELS


# Fields of a page that look like labels but are nobody's turn.
METADATA_LABELS = frozenset(
    (
        "transcript guest guests source date subject topic title location photo video update "
        "tags related quelle datum thema foto fuente fecha tema circonstances"
    ).split()
)
# The minimum of labelled paragraphs for an article to be read as an interview.
MIN_LABELS = 3

# A dash may open the line and ".-" close the label, as in official French transcripts
# ("- LE PRESIDENT.- Je n'ai pas…", "- QUESTION.- …").
_LABEL = re.compile(
    r"(?:[-–—]\s)?"
    rf"(?:(?P<label>[QARP]|Question|Answer|Réponse|Frage|Antwort|Pregunta|Respuesta)\s*[:\-–—]\s+"
    rf"|(?P<named>[{UPPER}][{UPPER}.'’ -]{{0,40}}[{UPPER}.]|(?:[{UPPER}][\w.'’-]*\s){{0,3}}"
    # "KELLYANNE CONWAY, COUNSELOR TO THE PRESIDENT:": a capitalised role after the name.
    rf"[{UPPER}][\w.'’-]*)(?:,\s(?P<role>[{UPPER}][{UPPER}.'’ -]{{1,60}})(?=:))?"
    r"\s*(?::\s*|(?<=\.)-\s*|$))"
    # "John Thune: (00:00)": the time of the turn in the recording.
    rf"(?P<time>\(\d{{1,2}}:\d{{2}}(?::\d{{2}})?\)\s*)?"
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

    def asked(self, offset: int) -> bool:
        """Whether ``offset`` lies in a question ('ML: “Has he come up at all?”')."""
        return any(
            span.start <= offset < span.end
            for block in self.blocks
            if self.asks(block.label)
            for span in block.spans
        )

    def answers(self, text: str, coreference: Coreference) -> list[Quotation]:
        """Each answer as a full quotation of the person who gives it."""
        intro = text[: self.first_answer]
        interviewee_ = interviewee(intro, coreference)
        quotations = []
        for block in self.blocks:
            if self.asks(block.label) or not block.spans:
                continue
            words = " ".join(" ".join(text[span.start : span.end] for span in block.spans).split())
            if not re.search(r"\w", words):
                continue
            if words[0] in '"“„«' and words[-1] in '"”“»':
                words = words[1:-1].strip()  # 'TY: “No.”': the answer in quote marks
            answer_label = is_answer_label(block.label)  # "R.-"
            speaker = interviewee_ if answer_label else None
            if speaker is None and not answer_label and len(block.label.strip(".-–: ")) > 1:
                # A single letter ("R.-", "P:") names nobody when the interviewee is unknown.
                speaker = _labelled_speaker(block.label, coreference)
                role = block.label.rstrip(".:").split()[-1]
                if speaker is None and is_role_word(role) and _fold(role) in _fold(intro):
                    # "LE PRESIDENT.-" when the introduction presents "M. François Mitterrand,
                    # Président de la République": the person it presents.
                    speaker = interviewee_
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


# "abseits.at:", "derstandard.de:": the publication's own name labels its questions.
_SITE_LABEL = re.compile(r"[a-z][\w-]*(?:\.[a-z][\w-]*)*\.(?:at|de|ch|com|fr|es|net|org|info)")


def _is_question(label: str) -> bool:
    return label.casefold().rstrip(".") in QUESTION_LABELS or bool(_SITE_LABEL.fullmatch(label))


def find_interview(text: str, paragraphs: list[Span]) -> Interview:
    """The labelled turns of ``text``, when it is laid out as an interview.

    Turns printed on single lines of one paragraph ("- QUESTION.- …" then "- LE PRESIDENT.-
    …") are read line by line when the lines carry more labels than the paragraphs do.
    """
    lines = _lines(text, paragraphs)
    if len(lines) > len(paragraphs) and len(_labelled(text, lines)) > len(
        _labelled(text, paragraphs)
    ):
        paragraphs = lines
    labelled = _labelled(text, paragraphs)
    turns = _shared_turns(text, paragraphs, labelled)
    if len(turns) > len(paragraphs):
        paragraphs = turns
        labelled = _labelled(text, paragraphs)
    return _interview(text, paragraphs, labelled)


def _shared_turns(text: str, paragraphs: list[Span], labelled: list) -> list[Span]:
    """The paragraphs cut where a label that opens other paragraphs follows a run of spaces
    ("… What is that about?    CONDOLEEZZA RICE: Well …"): turns printed in one paragraph."""
    labels = {label for _, label, _, _, _ in labelled if label.isupper() and len(label) > 3}
    if not labels:
        return paragraphs
    inner = re.compile(r"\s{2,}(?=(?:" + "|".join(map(re.escape, labels)) + r"):\s)")
    spans = []
    for paragraph in paragraphs:
        start = paragraph.start
        for cut in inner.finditer(text, paragraph.start, paragraph.end):
            spans.append(Span(start, cut.start()))
            start = cut.end()
        spans.append(Span(start, paragraph.end))
    return spans


def _lines(text: str, paragraphs: list[Span]) -> list[Span]:
    lines = []
    for paragraph in paragraphs:
        start = paragraph.start
        for line in text[paragraph.start : paragraph.end].split("\n"):
            if line.strip():
                lines.append(Span(start, start + len(line)))
            start += len(line) + 1
    return lines


# The words of a headline in the "Name: „…“" style: a quotation opening them, at most 20
# words, and no sentence end.
_HEADLINE_TURN = re.compile(r"\s*[\"“„«»‘‚‹][^\n.!?]{0,160}?[^\s.!?…:]\s*")


_SITE_TURN = re.compile(rf"(?P<site>{_SITE_LABEL.pattern}):\s+")


def _labelled(text: str, paragraphs: list[Span]) -> list[tuple[Span, str, int, bool, bool]]:
    # paragraph, label, where its words start, whether the label carries a time, and whether
    # its role asks ("GEORGE STEPHANOPOULOS, ABC HOST:")
    labelled: list[tuple[Span, str, int, bool, bool]] = []
    for paragraph in paragraphs:
        match = _LABEL.match(text, paragraph.start, paragraph.end)
        if match is None:
            site = _SITE_TURN.match(text, paragraph.start, paragraph.end)
            if site is not None:
                labelled.append((paragraph, site["site"], site.end(), False, False))
            continue
        label = (match["label"] or match["named"] or "").strip()
        if match["named"] and not _plausible_name_label(label, match, paragraph):
            continue
        if label.casefold() in METADATA_LABELS or (
            label.split()[-1].casefold() in METADATA_LABELS and not label.isupper()
        ):  # "Full Transcript: …" too
            continue  # "Guest: Wright Thompson", "Transcript: …": a page's fields, not turns
        if _HEADLINE_TURN.fullmatch(text, match.end(), paragraph.end):
            continue  # 'Niebel: "Schwarz-Gelb" erhält Verlängerung': a headline, not a turn
        hosts = any(_is_question(word) for word in (match["role"] or "").split())
        labelled.append((paragraph, label, match.end(), bool(match["time"]), hosts))
    return labelled


def _interview(text: str, paragraphs: list[Span], labelled: list) -> Interview:
    groups = _label_groups(list(dict.fromkeys(label for _, label, _, _, _ in labelled)))
    hosts = {groups[label] for _, label, _, _, host in labelled if host}
    questions = [
        label for _, label, _, _, _ in labelled if _is_question(label) or groups[label] in hosts
    ]
    by_turns = False
    others = [turn for turn in labelled if turn[1] not in questions]
    if questions and len({groups[label] for _, label, _, _, _ in others}) >= 2:
        # "AUDIE CORNISH, HOST:" then "ANGUS KING: Do you believe …?" / "JEFF SESSIONS: It
        # appears so.": a guest who only asks is asking too.
        questions += _asking_labels(text, paragraphs, others)
    if not questions and len(labelled) >= 2:
        # Speakers taking turns, one asking: an interview even when the excerpt holds only
        # one question and its answer ("HAZ: …?" / "Meyer: …").
        questions = _asking_labels(text, paragraphs, labelled)
        by_turns = bool(questions)
    # "Frage: …" then "Dirk Niebel: …": a question label and an answer suffice.
    answered = bool(questions) and any(not _is_question(label) for _, label, _, _, _ in labelled)
    enough = len(labelled) >= MIN_LABELS or by_turns or answered
    # "John Thune: (00:00)": a recording's transcript, whose turns are each their speaker's
    # words whether or not anyone asks.
    timed = sum(timed for _, _, _, timed, _ in labelled) >= 2
    if not timed and (
        not enough or not questions or set(questions) >= {label for _, label, _, _, _ in labelled}
    ):
        return _by_shape(text, paragraphs, labelled) or _record(text, paragraphs)
    asker = questions[0] if questions else None
    interview = Interview(questions=frozenset(questions))
    starts = {paragraph.start: (label, words) for paragraph, label, words, _, _ in labelled}
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
            if not interview.asks(current.label) and line.endswith("?") and answerer and asker:
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


_OPENS_WITH_QUOTE = re.compile(r"\s*[\"“”„«»‘’‚‹›'\-–—]")
# Capitalised too, as an answer's first word: "Ich vermisse…", "Nous ouvrons…".
_FIRST_PERSON = re.compile(
    r"\b(?:I|I'm|I’m|(?i:my|we|our|je|j['’]|moi|nous|ich|mir|mich|wir|uns|yo|me|mi|nosotros|"
    r"creo))\b"
)
# Fewer than this many questions, each answered, is not read as an interview by its shape.
MIN_SHAPED_TURNS = 3


def _by_shape(text: str, paragraphs: list[Span], labelled: list) -> Interview | None:
    """An interview recognised by its shape: short questions printed without a label, each
    followed by a longer answer in the first person, either under the interviewee's one label
    ("Willi: Neu und ungewohnt.") or with no label at all (the introduction names the person).
    """
    starts = {paragraph.start: (label, words) for paragraph, label, words, _, _ in labelled}
    groups = _label_groups(list(dict.fromkeys(label for _, label, _, _, _ in labelled)))
    if len(set(groups.values())) > 1:
        return None

    def question(index: int) -> bool:
        paragraph = paragraphs[index]
        line = text[paragraph.start : paragraph.end].strip()
        return (
            paragraph.start not in starts
            and line.endswith("?")
            and len(line.split()) <= 60
            and not _OPENS_WITH_QUOTE.match(line)
            and not SPEECH_VERB_RE.search(line)
        )

    pairs = []  # (question index, answer index)
    for index in range(len(paragraphs) - 1):
        if not question(index) or question(index + 1):
            continue
        answer = paragraphs[index + 1]
        line = text[answer.start : answer.end]
        if labelled and answer.start not in starts:
            continue  # with a label, every answer carries it
        if not labelled and (_OPENS_WITH_QUOTE.match(line) or not _FIRST_PERSON.search(line)):
            continue
        pairs.append((index, index + 1))
    if len(pairs) < (2 if labelled else MIN_SHAPED_TURNS):
        return None
    if labelled and len(pairs) < 0.5 * len(labelled):
        return None
    # The interview starts at its first question, even when that answer is not one of the
    # pairs that proved the shape ("Wie geht es Ihnen?" / "Körperlich gut.").
    first_question = next(
        index for index in range(pairs[0][0] + 1) if question(index) and not question(index + 1)
    )
    if not labelled:
        # Every paragraph after the first question is a question or an answer's: no quote
        # marks opening a paragraph (a news story quoting people has them).
        for paragraph in paragraphs[first_question:]:
            if _OPENS_WITH_QUOTE.match(text[paragraph.start : paragraph.end]):
                return None
    answer_label = labelled[0][1] if labelled else "A"
    interview = Interview(questions=frozenset({"Q"}))
    interview.first_answer = paragraphs[pairs[0][1]].start
    current: Block | None = None
    for index in range(first_question, len(paragraphs)):
        paragraph = paragraphs[index]
        if question(index):
            current = Block("Q", [paragraph])
        elif paragraph.start in starts:
            label, words = starts[paragraph.start]
            current = Block(label, [Span(words, paragraph.end)] if words < paragraph.end else [])
        elif current is not None and current.label == "Q":
            current = Block(answer_label, [paragraph])
        elif current is not None:
            current.spans.append(paragraph)
            continue
        else:
            continue
        interview.blocks.append(current)
    return interview


_QUOTE_MARKS = re.compile(r"[\"“”„«»‹›]")


def quoted_answers(text: str, paragraphs: list[Span]) -> tuple[set[int], int]:
    """An interview printed with its answers in quote marks: unquoted questions ("Une
    personne a été interpellée, qu'en est-il ?"), each followed by a paragraph that opens with
    a quotation. Returns where those answer paragraphs start (empty with fewer than two
    pairs) and where the first question starts (the introduction ends there)."""
    answers: set[int] = set()
    first_question = 0
    for question, answer in itertools.pairwise(paragraphs):
        line = text[question.start : question.end]
        if (
            "?" in line
            and len(line.split()) <= 60
            and not _QUOTE_MARKS.search(line)
            and not SPEECH_VERB_RE.search(line)
            and _OPENS_WITH_QUOTE.match(text, answer.start)
        ):
            answers.add(answer.start)
            first_question = first_question or question.start
    return (answers, first_question) if len(answers) >= 2 else (set(), 0)


# A parliamentary or press record: "Gabriel Attal, secrétaire d'État…, porte-parole du
# Gouvernement :" on a line of its own, then what that person said.
_DASH_RECORD_LABEL = re.compile(rf"(?P<name>{NAME})\s[-–—]\s+(?=[{UPPER}])")
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
    for index, paragraph in enumerate(paragraphs):
        # "Alain Juppé - Mesdames et Messieurs, je suis heureux …": a speech transcript whose
        # one speaker's name opens the turn, followed by a dash and first-person words.
        match = _DASH_RECORD_LABEL.match(text, paragraph.start, paragraph.end)
        if match is None or not _FIRST_PERSON.search(text, match.end(), match.end() + 300):
            continue
        name = match["name"]
        tokens = name.split()
        if not 2 <= len(tokens) <= 4 or tokens[0] in NOT_NAME_WORDS:
            continue
        dashed = [p for p in paragraphs if _DASH_RECORD_LABEL.match(text, p.start, p.end)]
        if len(dashed) > 1:
            return Interview()  # several turns with dashes: not one speaker's record
        spans = [Span(match.end(), paragraph.end), *paragraphs[index + 1 :]]
        return Interview(blocks=[Block(name, spans)], first_answer=match.end())
    return Interview()


def _asking_labels(text: str, paragraphs: list[Span], labelled: list) -> list[str]:
    """The labels of the interviewer, when people take turns under labels.

    Labels of one person are one speaker: "Peter Merseburger" and "Merseburger", "Mauro
    Viale" and "MV". The interviewer is the speaker whose turns open with a question most
    often (at least half of them, more than anyone else); failing that, when exactly one
    speaker is a person the introduction names ("… estaba al aire Alberto Fernández"), that
    person answers and everyone else asks.
    """
    labels = list(dict.fromkeys(label for _, label, _, _, _ in labelled))
    groups = _label_groups(labels)
    keys = set(groups.values())
    if len(keys) < 2:
        return []
    starts = {paragraph.start: (label, words) for paragraph, label, words, _, _ in labelled}
    asked = dict.fromkeys(keys, 0)
    turns = dict.fromkeys(keys, 0)
    current = None
    first_words = False  # whether the next paragraph is the first words of a turn
    for paragraph in paragraphs:
        # 'ML: “Has he come up at all?”': a question in quote marks asks too.
        line = text[paragraph.start : paragraph.end].rstrip().rstrip('"”»“’')
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
        if len(label.split()) >= 2
        and not _is_initials(label)
        and label.casefold() in intro.casefold()  # "EDOUARD PHILIPPE", "Edouard Philippe"
    }
    if len(named) > 1:
        # "Interview de M. Edouard Philippe, …" then "ti : PATRICK COHEN": the person the
        # introduction names most often is the one interviewed.
        counts = {
            key: len(re.findall(rf"\b{re.escape(key.split()[-1].casefold())}\b", intro.casefold()))
            for key in named
        }
        top = max(counts.values())
        named = {key for key in named if counts[key] == top}
    if len(named) == 1 and turns[next(iter(named))] >= 2:
        (answering,) = named
        return [label for label in labels if groups[label] != answering]
    # "NEÏLA LATROUS" / "Bonjour Olivier VERAN." / "OLIVIER VERAN" / "Bonjour.": the host
    # opens the programme and greets the guest by name; with two speakers, the first asks.
    first_key = groups[labelled[0][1]]
    if len(keys) == 2 and len(labelled) >= 3:
        end = labelled[1][0].start
        opening = text[labelled[0][2] : end].casefold()
        (guest,) = keys - {first_key}
        surnames = {label.split()[-1].casefold() for label in labels if groups[label] == guest}
        if any(re.search(rf"\b{re.escape(name)}\b", opening) for name in surnames):
            return [label for label in labels if groups[label] == first_key]
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
    label_end = match.start("time") if match["time"] else match.end()
    has_colon = match.string[match.start() : label_end].rstrip().endswith((":", ".-"))
    if label.isupper():
        return has_colon or ends_line
    return has_colon


_ARTICLES = frozenset("the le la el der die".split())


def _fold(word: str) -> str:
    """ "Président" and "PRESIDENT" are one role."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


# "Interview de Catherine Colonna", "im Gespräch mit", "entrevista a", "interview with former
# Secretary of State Condoleezza Rice": the name an interview's title or introduction presents.
_PRESENTED = re.compile(
    r"(?i:interview|entretien|entrevista|gespräch|conversation|rencontre)\w*"
    r"(?:\s+\S+){0,3}?\s+(?:with|de|d['’]|du|avec|mit|a|con)\s+"
    rf"(?:[a-zà-ÿ]+\s+){{0,2}}(?P<name>{NAME})(?!['’])"
)
# "Avec F. Amara, ce matin, nous allons parler …", "With us, John Smith, …": the guest.
_WITH_GUEST = re.compile(
    rf"\b(?:[Aa]vec|[Ww]ith|[Mm]it|[Cc]on)\s+(?:nous|us|uns|nosotros)?[\s,]*"
    rf"(?P<name>(?:[{UPPER}]\.\s?)?{NAME})\s*,"
)
# "Catherine Colonna, ministre de l'Europe": a name followed by a role between commas.
_NAME_THEN_ROLE = re.compile(rf"\b(?P<name>{NAME}),\s+(?:[\w]+['’]?\s+)?(?P<role>[\w-]+)")
_TITLE_WORDS = frozenset(title.rstrip(".") for title in HONORIFICS)


def presented_names(intro: str) -> list[str]:
    """The names an interview's introduction presents as the one answering: after an
    interview word ("Interview de M. X", "im Gespräch mit X") or followed by a role between
    commas ("Catherine Colonna, ministre de l'Europe"); a person's title left out."""
    found = [match["name"] for match in _PRESENTED.finditer(intro)]
    found += [match["name"] for match in _WITH_GUEST.finditer(intro)]
    found += [
        match["name"] for match in _NAME_THEN_ROLE.finditer(intro) if is_role_word(match["role"])
    ]
    names = []
    for name in found:
        words = name.split()
        lowered = [word.lower() for word in words]
        for index, word in enumerate(lowered):
            if word.startswith(("interview", "entretien", "entrevista", "gespräch")):
                words = words[index + 1 :]  # "Interview de M. Edouard Philippe, Premier …"
                break
        while words and words[0][0].islower():
            words.pop(0)
        while words and (words[0].rstrip(".") in _TITLE_WORDS or is_role_word(words[0])):
            words.pop(0)
        if len(words) >= 2 and words[0] not in NOT_NAME_WORDS:
            names.append(" ".join(words))
    return names


def interviewee(intro: str, coreference: Coreference) -> Entity | None:
    """The person the questions are put to: the one the introduction presents (after an
    interview word or with a role), else the first known person named before an answer."""
    named = [
        (intro.find(person.name), index, person)
        for index, person in enumerate(coreference.people)
        if len(person.tokens) >= 2 and person.name in intro
    ]
    for name in presented_names(intro):
        mention = parse_mention(name)
        person = coreference.named_person(name) or (
            coreference.resolve(mention) if mention else None
        )
        if person is None or person.kind != PERSON:
            person = coreference.named_before_colon(name + ":")  # "F. Amara", an initial
        if person is not None and person.kind == PERSON:
            return person  # "Ukraine - Burkina Faso - Interview de Catherine Colonna, …"
    if named:
        return min(named)[2]  # "Rencontre de M. François Mitterrand, Président…"
    for match in re.finditer(rf"\b{NAME}", intro):
        if re.search(r"[\"“«„]\s*$", intro[: match.start()]):
            continue  # 'le plan "Espoir Banlieues"': a title in quote marks names nobody
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
    if len(words) == 2 and words[0].lower() in _ARTICLES:
        words = words[1:]  # "LE PRESIDENT.-": the role
    if len(words) == 1 and is_role_word(words[0]):
        role = _fold(words[0])
        holders = [
            person for person in coreference.people
            if role in {_fold(held) for held in person.roles}
        ]  # fmt: skip
        return holders[-1] if holders else None
    if words[0].rstrip(".") in HONORIFICS and len(words) > 1:
        return coreference.resolve(
            Mention(label, "honorific", name=" ".join(words[1:]), title=words[0].rstrip("."))
        )
    mention = parse_mention(" ".join(words))
    return coreference.resolve(mention) if mention else None
