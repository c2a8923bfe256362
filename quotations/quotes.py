"""Finding quotations: paragraphs, quote marks, sentences and the full/fragment distinction.

Nothing here knows who speaks; ``attribution`` does that from the spans found here.
"""

# Typographic quote marks and dashes are what this module is about.
# ruff: noqa: RUF001, RUF002, RUF003

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicon import ABBREVIATIONS, ACCORDING_TO, NAME_WORD, SPEECH_VERB, UPPER

FULL = "full"
FRAGMENT = "fragment"

DOUBLE = "double"
SINGLE = "single"
OPEN = "open"
CLOSE = "close"
EITHER = "either"

OPENING_MARKS = "“„«»‘‚‹›「『\"'"
# What may follow a closing quote mark (besides a space or the end of the paragraph).
AFTER_CLOSE = ",.;:!?)]}…—–-\"”’'»›"
SENTENCE_END = ".!?…"


@dataclass(frozen=True)
class Quotation:
    """One quotation found in an article, with its resolved speaker."""

    text: str
    speaker: str | None
    mention: str | None
    context: str
    start: int
    end: int
    kind: str
    speaker_kind: str | None = None  # "person" or "organisation" when the text says which


@dataclass(frozen=True)
class Span:
    """A stretch of the input text, by offsets."""

    start: int
    end: int


@dataclass
class QuotePart:
    """The quoted words of one paragraph; a multi-paragraph quotation has several."""

    open_mark: int
    inner_start: int
    inner_end: int
    close_mark: int | None  # None when the paragraph ends with the quotation still open


@dataclass
class RawQuote:
    """A quotation before attribution: where it is and the text it holds."""

    family: str
    opener: str = '"'
    parts: list[QuotePart] = field(default_factory=list)

    @property
    def first(self) -> QuotePart:
        return self.parts[0]

    @property
    def last(self) -> QuotePart:
        return self.parts[-1]

    @property
    def after(self) -> int:
        """Offset just past the quotation, closing mark included."""
        last = self.last
        return last.close_mark + 1 if last.close_mark is not None else last.inner_end


def split_paragraphs(text: str) -> list[Span]:
    """Paragraphs are separated by blank lines, or by line breaks when there is no blank line."""
    separator = r"\n[ \t]*\n\s*" if re.search(r"\n[ \t]*\n", text) else r"\n"
    # A cut marked on a line of its own ("[…]") ends a paragraph too.
    separator += r"|\n[ \t]*\[(?:…|\.\.\.)\][ \t]*(?=\n)"
    # A line break before a speaker's label ("Meyer: …") starts a turn, as a paragraph does.
    separator += rf"|\n(?=[ \t]*(?:[{UPPER}][\w.'’-]*[ \t]){{0,3}}[{UPPER}][\w.'’-]*:[ \t])"
    paragraphs = []
    position = 0
    for match in [*re.finditer(separator, text), None]:
        end = match.start() if match else len(text)
        chunk = text[position:end]
        stripped = chunk.strip()
        if stripped:
            start = position + len(chunk) - len(chunk.lstrip())
            paragraphs.append(Span(start, start + len(stripped)))
        if match:
            position = match.end()
    return paragraphs


# Closing marks each opening mark accepts. Typesetting differs by language (“…” and ‘…’ in
# English, „…“ and »…« in German, « … » in French, «…» and “…” in Spanish) and real articles
# mix them (“…», “…“), so a mark closes what it plausibly closes, not only its textbook pair.
CLOSERS = {
    "“": '”“"»',
    "„": '“”"',
    "«": "»”",
    "»": "«»",
    "「": "」",
    "『": "』",
    '"': '"”“',
    "‘": "’‘",
    "‚": "‘’",
    "‹": "›",
    "›": "‹",
    "'": "'’",
}
DOUBLE_MARKS = '“”„«»「」『』"'
SINGLE_MARKS = "‘’‚‹›'"


def _family(char: str) -> str:
    return DOUBLE if char in DOUBLE_MARKS else SINGLE


def quote_mark(text: str, index: int, paragraph: Span) -> tuple[str, str] | None:
    """Classify the character at ``index`` when no quotation is open: (family, role), or None.

    Curly marks mostly say which way they face; » and › open only before a word (German
    »so«). Straight marks face the way their neighbours say: after a space they open, before a
    space or punctuation they close. A mark between two letters or digits (don't, Trump's,
    rock'n'roll) is an apostrophe, never a quote mark.
    """
    char = text[index]
    before = text[index - 1] if index > paragraph.start else " "
    after = text[index + 1] if index + 1 < paragraph.end else " "
    if char in "„«「『‚‹":
        return _family(char), OPEN
    if char in "»›":
        return (_family(char), OPEN) if after.isalnum() else None
    if char == "“":
        if (
            not before.isspace()
            and before not in "([{—–/"
            and (after.isspace() or after in AFTER_CLOSE)
        ):
            return None  # a closing mark with nothing open
        return DOUBLE, OPEN
    if char in "”」』":
        return DOUBLE, CLOSE
    if char == "‘":
        return SINGLE, OPEN
    if char == '"':
        if before.isspace() or before in "([{—–/‘'":
            return DOUBLE, OPEN
        if after.isspace() or after in AFTER_CLOSE:
            return DOUBLE, CLOSE
        return DOUBLE, EITHER
    if char not in "’'":
        return None
    if before.isalnum() and after.isalnum():
        return None
    if before.isspace() or before in '([{—–/“"':
        # '90s and ’em are elisions; only a straight mark may open.
        if char != "'" or re.match(r"\d0s|em\b|n\b", text[index + 1 : index + 4]):
            return None
        return SINGLE, OPEN
    if after.isspace() or after in AFTER_CLOSE:
        return SINGLE, CLOSE
    return None


def _closes(text: str, index: int, paragraph: Span, opener: str) -> bool:
    """Whether the mark at ``index`` closes a quotation opened by ``opener``."""
    char = text[index]
    if char not in CLOSERS[opener]:
        return False
    if char in "\"'’":
        mark = quote_mark(text, index, paragraph)
        return mark is not None and mark[1] != OPEN
    before = text[index - 1] if index > paragraph.start else " "
    if char == opener and char in "“‘":
        return not before.isspace()  # “…“: a second opening mark used as the closing one
    return True


def find_quotes(text: str, paragraphs: list[Span]) -> list[RawQuote]:
    """Every top-level quotation, nested quotes left inside their outer quotation.

    A quotation still open at the end of a paragraph continues when the next paragraph opens with
    a mark of the same family (the newspaper convention for a quotation over several
    paragraphs); otherwise a double-quoted one ends with its paragraph, and a single-quoted one is
    dropped, as its opening mark was most likely an apostrophe.
    """
    quotes: list[RawQuote] = []
    current: RawQuote | None = None
    marks = re.compile("[" + re.escape(DOUBLE_MARKS + SINGLE_MARKS) + "]")
    for paragraph in paragraphs:
        position = paragraph.start
        inner_start = None
        if current is not None:
            mark = quote_mark(text, paragraph.start, paragraph)
            if mark and mark[0] == current.family and mark[1] != CLOSE:
                inner_start = paragraph.start + 1
                position = inner_start
            elif current.family == DOUBLE and _closed_later(text, paragraph, marks):
                # A statement typed over two paragraphs with no mark reopening the second,
                # closed at its end: '“I am disappointed … ¶ I was elected … for our kids,”
                # said Mayor X.' (the first mark in the paragraph closes, then the attribution).
                inner_start = paragraph.start
                position = inner_start
            else:
                if current.family == DOUBLE:
                    quotes.append(current)
                current = None
        nested: list[str] = []
        for found in marks.finditer(text, position, paragraph.end):
            index = found.start()
            char = text[index]
            if current is None:
                mark = quote_mark(text, index, paragraph)
                if mark is not None and mark[1] != CLOSE:
                    current = RawQuote(mark[0], opener=char)
                    inner_start = index + 1
                continue
            if current.opener == "«" and char in "«»":
                # French nests guillemets in guillemets: « … parler de « bordel », mais … ».
                if char == "«" and re.match(r"«\s*\w", text[index : index + 4]):
                    nested.append("«")
                    continue
                if char == "»" and "«" in nested:
                    while nested and nested.pop() != "«":
                        pass
                    continue
            family = _family(char)
            if family != current.family:
                mark = quote_mark(text, index, paragraph)
                if mark is None:
                    continue
                if mark[1] == OPEN or (mark[1] == EITHER and not nested):
                    nested.append(family)
                elif nested:
                    nested.pop()
                # A closing single mark with nothing open inside is an apostrophe (the students’).
                continue
            if not _closes(text, index, paragraph, current.opener):
                continue  # an opening mark inside an open quotation: a typo, skip it
            nested.clear()
            current.parts.append(QuotePart(inner_start - 1, inner_start, index, index))
            quotes.append(current)
            current = None
        if current is not None:
            current.parts.append(QuotePart(inner_start - 1, inner_start, paragraph.end, None))
    if current is not None and current.family == DOUBLE:
        quotes.append(current)
    return [quote for quote in quotes if _quoted_words(text, quote)]


def _closed_later(text: str, paragraph: Span, marks: re.Pattern[str]) -> bool:
    """The paragraph's first quote mark is a curly closing one followed by a comma."""
    for found in marks.finditer(text, paragraph.start, paragraph.end):
        mark = quote_mark(text, found.start(), paragraph)
        if mark is None or mark[0] != DOUBLE:
            continue  # an apostrophe ("next year’s")
        if found.group() not in "”»" or mark[1] != CLOSE:
            return False
        before, after = text[found.start() - 1], text[found.start() + 1 : found.start() + 2]
        return before == "," or after == ","
    return False


def _quoted_words(text: str, quote: RawQuote) -> bool:
    return any(re.search(r"\w", text[part.inner_start : part.inner_end]) for part in quote.parts)


def quote_text(text: str, quote: RawQuote) -> tuple[str, int, int]:
    """The quoted words (parts joined by one space), their start and their end offsets.

    A trailing comma belongs to the sentence around the quotation ("...backdoors," he added), so
    it is dropped; a final full stop, question or exclamation mark is the speaker's and is kept.
    """
    pieces = []
    start = end = None
    for part in quote.parts:
        raw = text[part.inner_start : part.inner_end]
        left = part.inner_start + len(raw) - len(raw.lstrip())
        right = part.inner_start + len(raw.rstrip())
        if part is quote.last:
            while right > left and text[right - 1] in ",;: \t\n":
                right -= 1
        if right <= left:
            continue
        pieces.append(text[left:right])
        start = left if start is None else start
        end = right
    return " ".join(pieces), start, end


def mask_quotes(text: str, quotes: list[RawQuote]) -> str:
    """The text with the quoted words blanked out (marks kept), offsets unchanged.

    Names, pronouns and verbs inside a quotation are the speaker's, not the narrator's, so the
    sentence and attribution rules read this version.
    """
    chars = list(text)
    for quote in quotes:
        for part in quote.parts:
            for index in range(part.inner_start, part.inner_end):
                if chars[index] != "\n":
                    chars[index] = " "
    return "".join(chars)


# After a quotation ending with its own full stop, "Smith said." still belongs to its sentence;
# on the next line, "Sirius says its report …" is a new sentence (a line break ends one).
_ATTRIBUTION_AFTER = re.compile(
    r"[^\S\n]+(?:" + NAME_WORD + r"[^\S\n]+){1,4}(?:\w+ly[^\S\n]+)?" + SPEECH_VERB + r"\b"
    # 'Russia announced the start of its operation': a verb with its own object opens a new
    # sentence ("Smith told the BBC." still attributes).
    r"(?:(?<=told)|(?<=tells)|(?!\s+(?:the|a|an|its|his|her|their)\s))"
    # '„… nötig.“ Oberbürgermeister Bernd Wiegand sagte, die Fragen würden …': a verb whose
    # own clause follows reports that person's words; the quotation ended its sentence.
    r"(?!,\s+\w+\s+\w|\s+(?:that|dass|que|qu['’])\b)"
)


def split_sentences(text: str, paragraphs: list[Span], quotes: list[RawQuote]) -> list[Span]:
    """Sentences, never cut inside a quotation; each lies within one paragraph."""
    inside = bytearray(len(text))
    closing: dict[int, QuotePart] = {}
    for quote in quotes:
        for part in quote.parts:
            stop = part.close_mark + 1 if part.close_mark is not None else part.inner_end
            inside[part.open_mark : stop] = b"\x01" * (stop - part.open_mark)
            if part.close_mark is not None:
                closing[part.close_mark] = part
    sentences = []
    for paragraph in paragraphs:
        start = paragraph.start
        for index in range(paragraph.start, paragraph.end):
            if index in closing:
                inner = text[closing[index].inner_start : closing[index].inner_end].rstrip()
                ends = (
                    inner.endswith(tuple(SENTENCE_END))
                    and _new_sentence_follows(text, index + 1, paragraph.end)
                    and not _ATTRIBUTION_AFTER.match(text, index + 1, paragraph.end)
                )
            else:
                ends = (
                    not inside[index]
                    and text[index] in SENTENCE_END
                    and _new_sentence_follows(text, index + 1, paragraph.end)
                    and not _is_abbreviation(text, index, paragraph.start)
                )
            if ends:
                sentences.append(Span(start, index + 1))
                start = index + 1
                while start < paragraph.end and text[start].isspace():
                    start += 1
        if start < paragraph.end:
            sentences.append(Span(start, paragraph.end))
    return sentences


_NEXT_VISIBLE = re.compile(r"\s+(\S)")
_GLUED_OPENING = re.compile(r"[«„]\s?([^\W\d_])")


def _new_sentence_follows(text: str, index: int, end: int) -> bool:
    # A match at ``index`` (not a slice of the rest of the paragraph) keeps this constant-time.
    following = _NEXT_VISIBLE.match(text, index, end)
    if following is None:
        # "…a été retenue.« Être ministre, c'est … »": a guillemet typed without its space.
        glued = _GLUED_OPENING.match(text, index, end)
        return glued is not None and glued.group(1).isupper()

    first = following.group(1)
    return first.isupper() or first.isdigit() or first in OPENING_MARKS


def _is_abbreviation(text: str, index: int, start: int) -> bool:
    if text[index] != ".":
        return False
    # Only the word before the full stop matters; look back a bounded stretch, not the paragraph.
    word = re.search(r"[\w.]*$", text[max(start, index - 40) : index]).group()
    if word.isdigit() and len(word) <= 2 and _MONTH_AFTER.match(text, index + 1):
        return True  # a German date: "am 12. Oktober", "vom 3. März"
    return word in ABBREVIATIONS or bool(re.fullmatch(r"(?:[A-Z]\.)*[A-Z]", word))


_MONTH_AFTER = re.compile(
    r"\s+(?:Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|"
    r"Dezember)\b"
)


# After a quotation, a lower-case word that cannot start an attribution ("he said", "a déclaré",
# "dit-il", "so Weil", "selon lui", "also") continues the sentence.
_ATTRIBUTION_WORD = re.compile(
    rf"(?:{SPEECH_VERB}|he|she|they|il|elle|ils|elles|er|sie|él|ella|a|avait|has|had|hat|hatte|"
    rf"ha|había|so|selon|según|laut|according|also|later|then|poursuit|conclut)\b"
)
_CONTINUES = re.compile(rf"[ \t]+(?!{_ATTRIBUTION_WORD.pattern})[a-zà-ÿ]")
# 'he said, "…' or 'Savinykh said on Thursday, "…', but not 'señaló que la agresión fue, "…':
# no clause of the reported speech between the verb and the comma.
_VERB_THEN_COMMA = re.compile(
    rf"\b{SPEECH_VERB}\b(?:(?!\b(?:que|qu['’]|that|dass|ce que|lo que)\b)[^\n])*,$"
)


_ACCORDING_THEN_COMMA = re.compile(rf"(?:^|[\s,;])(?:{ACCORDING_TO})\s+[^,.;:!?]{{1,80}},$")


# A wire dateline: a place in capitals, a region, the agency in brackets, then a dash.
_DATELINE = re.compile(
    r"[A-ZÀ-Ý][A-ZÀ-Ý .'’-]{1,40}(?:,\s*[A-Za-zÀ-ÿ. ]{1,30})?(?:\s*\([\w .&/-]{1,30}\))?"
    r"\s*[-–—]+"
)
# A sentence's end, then an editor's cut: what follows opens a sentence.
_CUT_AFTER_SENTENCE = re.compile(r"[.!?…]\s*[\[(](?:…|\.\.\.)[\])]$")


def quotation_kind(text: str, masked: str, sentence: Span, quote: RawQuote) -> str:
    """ "full" for a quotation that stands as a statement, "fragment" for words quoted in passing.

    A full quotation opens its sentence, follows a colon, follows a speech verb and a comma
    (``he said, "...``) or follows a speech verb directly and starts with a capital letter.
    Anything else (``described him as a "great president"``) is a fragment of reported speech.
    """
    head = masked[sentence.start : quote.first.open_mark].rstrip()
    inner = text[quote.first.inner_start : quote.first.inner_end].rstrip()
    if (
        not head
        and not inner.endswith((",", ".", "!", "?", ";", "…"))
        and _CONTINUES.match(masked, quote.after, sentence.end)
    ):
        # '« On peut être fiers » du travail effectué, a jugé…': the sentence goes on with the
        # quoted words as a part of it.
        return FRAGMENT
    if not head or head.endswith(":") or _CUT_AFTER_SENTENCE.search(head):
        return FULL  # "… du village. […] « Autour de la réserve": the cut ends a sentence
    if _DATELINE.fullmatch(head):
        return FULL  # "OWENSBORO, KY (WFIE) - “…": a wire dateline opens the sentence
    quoted = text[quote.first.inner_start : quote.first.inner_end].lstrip()
    # 'warnt er davor, „in Panik zu verfallen“.': lower case and no end of its own, the quoted
    # words finish the narrator's sentence.
    clause = quoted[:1].islower() and not inner.endswith((".", "!", "?", "…"))
    if head.endswith(",") and not clause and _VERB_THEN_COMMA.search(" ".join(head.split()[-14:])):
        return FULL
    if head.endswith(",") and quoted[:1].isupper() and _ACCORDING_THEN_COMMA.search(head):
        return FULL  # "Selon le ministre, « Je n'ai rien dit. »", "Según Pérez, «No hay…»"
    # 'said "America cannot be intimidated" during a speech': the sentence goes on after the
    # quotation, which is then part of it, a fragment.
    goes_on = re.match(r"\s+[a-zà-ÿ]", masked[quote.after : sentence.end])
    if re.search(SPEECH_VERB + r"$", head) and quoted[:1].isupper() and not goes_on:
        return FULL
    return FRAGMENT
