"""Who said it: reading the mention next to a quotation and resolving it to a speaker.

Two steps. ``find_mention`` reads the words around a quotation for the phrase that names the
speaker ("he", "Mr Ren", "the 74-year-old", "a spokesperson for the Ministry of Health").
``Coreference`` turns that phrase into a speaker: a person's full name as first introduced, or an
organisation. It reads the article sentence by sentence, remembering who was the subject of the
last sentence and who spoke last, which is what "he" and "the 74-year-old" lean on.
"""

# Typographic quote marks and apostrophes are part of the patterns on purpose.
# ruff: noqa: RUF001, SIM905

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicon import (
    ADVERB,
    ADVERBS,
    DOCUMENT_HEADS,
    HONORIFIC,
    HONORIFICS,
    NAME,
    NAME_WORD,
    NOT_NAME_WORDS,
    ORGANISATION_HEADS,
    ORGANISATION_NAME,
    ORGANISATION_WORDS,
    PRONOUN,
    PRONOUN_GENDER,
    ROLE_NOUNS,
    SPEECH_VERB,
    SPEECH_VERB_RE,
    SPOKESPERSON,
    TITLE_ROLES,
)
from .quotes import RawQuote, Span

PERSON = "person"
ORGANISATION = "organisation"
UNKNOWN = "unknown"

# Words that never sit inside a description such as "the Huawei founder".
_DESCRIPTION_STOPWORDS = frozenset(
    "after before on in at of to for with from by the a an and or who which that as when "
    "while said says told added".split()
)


@dataclass(frozen=True)
class Mention:
    """The words that refer to a speaker at one quotation, and what sort of reference they are."""

    text: str
    category: str  # pronoun, spokesperson, honorific, description, name
    name: str = ""  # the name in it, titles removed: "Ren", "Ministry of Health"
    title: str = ""  # the honorific, if any: "Mr"
    head: str = ""  # the last word of a description: "founder", "ministry"


@dataclass(eq=False)
class Entity:
    """A person or an organisation the article talks about."""

    name: str
    kind: str
    gender: str | None = None
    roles: set[str] = field(default_factory=set)

    @property
    def tokens(self) -> list[str]:
        return self.name.split()


_SPOKESPERSON_PATTERNS = [
    re.compile(
        rf"(?:an?|the)\s+{SPOKESPERSON}\s+(?:for|from|at|of)\s+(?:the\s+)?"
        rf"(?P<organisation>{ORGANISATION_NAME})"
    ),
    re.compile(rf"(?:an?|the)\s+(?P<organisation>{ORGANISATION_NAME})\s+{SPOKESPERSON}"),
    re.compile(rf"(?:the\s+)?(?P<organisation>{ORGANISATION_NAME})['’]s?\s+{SPOKESPERSON}"),
    re.compile(rf"(?:an?|the)\s+(?P<head>[a-z]+)\s+{SPOKESPERSON}"),
]
_HONORIFIC_NAME = re.compile(rf"(?P<title>{HONORIFIC})\s+(?P<name>{NAME})")
_DESCRIPTION = re.compile(r"[Tt]he\s+(?:[\w’'-]+\s+){0,2}(?P<head>[a-z\d][\w-]*)")
_NAMED = re.compile(rf"(?:the\s+)?(?P<name>{ORGANISATION_NAME})")
_EDGE_JUNK = " \t\n\"'“”‘’,;:—–-"


def parse_mention(phrase: str) -> Mention | None:
    """The mention that ``phrase`` is, in full, or None ("reporters", "in a statement")."""
    phrase = " ".join(phrase.strip(_EDGE_JUNK).split())
    if not phrase:
        return None
    for pattern in _SPOKESPERSON_PATTERNS:
        match = pattern.fullmatch(phrase)
        if match:
            groups = match.groupdict()
            if groups.get("organisation"):
                return Mention(phrase, "spokesperson", name=groups["organisation"])
            return Mention(phrase, "spokesperson", head=groups["head"])
    if re.fullmatch(PRONOUN, phrase):
        return Mention(phrase, "pronoun")
    match = _HONORIFIC_NAME.fullmatch(phrase)
    if match:
        return Mention(phrase, "honorific", name=match["name"], title=match["title"].rstrip("."))
    match = _DESCRIPTION.fullmatch(phrase)
    if match and not _DESCRIPTION_STOPWORDS & set(phrase.lower().split()[1:]):
        return Mention(phrase, "description", head=match["head"])
    match = _NAMED.fullmatch(phrase)
    if match:
        name = _strip_titles(match["name"])
        if name:
            return Mention(phrase, "name", name=name)
    return None


def _strip_titles(name: str) -> str:
    """ "Health Minister Sarah Okafor" -> "Sarah Okafor"; "But Smith" -> "Smith"."""
    tokens = name.split()
    while tokens and tokens[0] in NOT_NAME_WORDS:
        tokens.pop(0)
    for index in range(len(tokens) - 2, -1, -1):
        word = tokens[index].rstrip(".")
        if word in HONORIFICS or word.lower() in ROLE_NOUNS:
            tokens = tokens[index + 1 :]
            break
    return " ".join(tokens)


def _longest_prefix_mention(phrase: str) -> Mention | None:
    words = phrase.split()
    for count in range(min(len(words), 12), 0, -1):
        mention = parse_mention(" ".join(words[:count]))
        if mention:
            return mention
    return None


def _longest_suffix_mention(phrase: str) -> Mention | None:
    words = phrase.split()
    for start in range(max(0, len(words) - 12), len(words)):
        mention = parse_mention(" ".join(words[start:]))
        if mention:
            return mention
    return None


_LEADING = r"[\s,;:—–-]*"
_VERB_THEN_SPEAKER = re.compile(
    _LEADING + rf"(?:{SPEECH_VERB}|according to)\s+(?P<phrase>[^,.;:!?“”\"]+)"
)
_SPEAKER_THEN_VERB = re.compile(
    _LEADING
    + r"(?P<phrase>[^,.;:!?“”\"]{1,80}?)(?:,[^,.;:!?]{1,80},)?\s+"
    + ADVERBS
    + rf"*{SPEECH_VERB}\b"
)
_TRAILING_ADVERBS = re.compile(rf"(?:\s+{ADVERB})+\s*$")
_APPOSITIVE_START = re.compile(r"(?:who|which|whose|a|an|the|aged|speaking|\d)\b|[a-z]")


def mention_after(masked: str, quote: RawQuote, sentence_end: int) -> Mention | None:
    """The speaker named right after the quotation: ``," he said``, ``," said Mr Ren``."""
    tail = masked[quote.after : max(sentence_end, quote.after)]
    match = _VERB_THEN_SPEAKER.match(tail)
    if match:
        mention = _longest_prefix_mention(match["phrase"])
        if mention:
            return mention
    match = _SPEAKER_THEN_VERB.match(tail)
    if match:
        # "White House press secretary Dana Whitlock said": the name ends the phrase.
        return _longest_suffix_mention(match["phrase"])
    return None


def mention_before(masked: str, sentence: Span, quote: RawQuote) -> Mention | None:
    """The subject of the first speech verb before the quotation in its sentence.

    ``But the 74-year-old told the journalists: "...`` gives "the 74-year-old"; in
    ``Mr Ren described Mr Trump as being a "great president"`` the subject, Mr Ren, is the speaker,
    not the object, Mr Trump.
    """
    head = masked[sentence.start : quote.first.open_mark]
    according = re.search(r"\b[Aa]ccording to\s+(?P<phrase>[^,.;:!?“”\"]+)", head)
    if according:
        mention = _longest_prefix_mention(according["phrase"])
        if mention:
            return mention
    for verb in SPEECH_VERB_RE.finditer(head):
        mention = subject_of(head[: verb.start()])
        if mention:
            return mention
    return None


def subject_of(chunk: str) -> Mention | None:
    """The mention that ends ``chunk`` (the words before a verb), skipping an appositive."""
    chunk = _TRAILING_ADVERBS.sub("", chunk)
    segments = chunk.split(",")
    for position, segment in enumerate(reversed(segments)):
        segment = segment.strip(_EDGE_JUNK)
        if not segment:
            continue
        # "Jane Alvarez, a Democrat from Ohio, said" or "Smith, who chairs it, said": the
        # aside between commas is skipped; the subject is before it.
        if position > 0 and _APPOSITIVE_START.match(segment):
            continue
        return _longest_suffix_mention(segment)
    return None


class Coreference:
    """Resolves mentions to speakers while reading the article from start to end."""

    def __init__(self, masked: str):
        self.people: list[Entity] = []
        self.organisations: list[Entity] = []
        self.subject: Entity | None = None  # the subject of the latest sentence that had a person
        self.last_speaker: Entity | None = None
        self.recent: list[Entity] = []  # people in order of their latest mention
        self._find_people(masked)

    # -- the cast, found before reading -----------------------------------------------------

    def _find_people(self, masked: str) -> None:
        """Register the people the article names, so "Mr Ren" finds "Ren Zhengfei" anywhere.

        A run of two to four capitalised words is a person when something says so: a title on
        one of its words elsewhere ("Ms Meng" for "Meng Wanzhou"), an age or a role beside it
        ("Jane Alvarez, 52,", "founder Ren Zhengfei"), or a speech verb next to it.
        """
        surnames: dict[str, str | None] = {}
        for match in re.finditer(rf"\b{_HONORIFIC_NAME.pattern}", masked):
            title = match["title"].rstrip(".")
            name = _strip_titles(match["name"])
            tokens = name.split()
            if len(tokens) >= 2 and not ORGANISATION_WORDS & set(tokens):
                person = self._person(name, HONORIFICS[title])
                person.roles.add(TITLE_ROLES.get(title, title.lower()))
                person.roles.update(_roles_near("", masked[match.end() : match.end() + 120]))
            elif tokens:
                surnames.setdefault(tokens[-1], HONORIFICS[title])
        speaking = set(re.findall(rf"\b({NAME_WORD}),?\s+{ADVERBS}*{SPEECH_VERB}\b", masked))
        speaking |= set(re.findall(rf"\b{SPEECH_VERB}\s+({NAME_WORD})\b(?!\s+[A-Z])", masked))
        speaking |= set(re.findall(rf"\b({NAME_WORD}), \d{{1,3}},", masked))
        for match in re.finditer(rf"\b{NAME}", masked):
            name = _strip_titles(match.group())
            tokens = name.split()
            if len(tokens) < 2 or ORGANISATION_WORDS & set(tokens):
                continue
            if NOT_NAME_WORDS & set(tokens):
                continue
            before = masked[max(0, match.start() - 40) : match.start()]
            after = masked[match.end() : match.end() + 120]
            roles = _roles_near(before, after)
            titles = match.group().split()[: -len(tokens)]
            roles.update(word.lower() for word in titles if word.lower() in ROLE_NOUNS)
            titled = [token for token in tokens if token in surnames]
            spoke = re.match(rf",?\s+{ADVERBS}*{SPEECH_VERB}\b", after) or re.search(
                rf"\b{SPEECH_VERB}\s+$", before
            )
            if titled or roles or spoke or speaking & set(tokens):
                person = self._person(name)
                person.roles.update(roles)
        # A title gives a gender ("Ms Meng" for "Meng Wanzhou") when one person has that name.
        for token, gender in surnames.items():
            holders = [person for person in self.people if token in person.tokens]
            if len(holders) == 1 and holders[0].gender is None:
                holders[0].gender = gender

    def _person(self, name: str, gender: str | None = None) -> Entity:
        for person in self.people:
            if person.name == name:
                person.gender = person.gender or gender
                return person
        person = Entity(name, PERSON, gender)
        self.people.append(person)
        return person

    def _organisation(self, name: str) -> Entity:
        name = re.sub(r"^the\s+", "", name)
        for organisation in self.organisations:
            if organisation.name == name:
                return organisation
        # "a Brightwater spokesman" speaks for the "Brightwater Inns" named earlier, even if
        # that name was taken for a person's.
        for entity in [*self.organisations, *self.people]:
            if entity.name.startswith(name + " "):
                if entity in self.people:
                    self.people.remove(entity)
                    self.organisations.append(entity)
                entity.kind = ORGANISATION
                return entity
        organisation = Entity(name, ORGANISATION)
        self.organisations.append(organisation)
        return organisation

    # -- resolving ---------------------------------------------------------------------------

    def resolve(self, mention: Mention) -> Entity | None:
        """The entity ``mention`` refers to, or None when nothing fits (never a guess)."""
        if mention.category == "pronoun":
            return self._salient_person(PRONOUN_GENDER[mention.text.lower()])
        if mention.category == "spokesperson":
            if mention.name:
                return self._organisation(mention.name)
            return self._organisation_described(mention.head)
        if mention.category == "description":
            if mention.head in ORGANISATION_HEADS:
                return self._organisation_described(mention.head)
            if mention.head in DOCUMENT_HEADS:
                return self.organisations[-1] if self.organisations else None
            return self._person_described(_content_words(mention.text))
        if mention.category == "honorific":
            return self._named(mention.name, HONORIFICS.get(mention.title), titled=True)
        return self._named(mention.name, None, titled=False)

    def _salient_person(self, gender: str | None) -> Entity | None:
        """He or she: the last sentence's subject, else the last speaker, else the last named."""
        for candidate in (self.subject, self.last_speaker, *reversed(self.recent)):
            if candidate is not None and candidate.kind == PERSON:
                if gender and candidate.gender and candidate.gender != gender:
                    continue
                candidate.gender = candidate.gender or gender
                return candidate
        return None

    def _person_described(self, words: set[str]) -> Entity | None:
        """ "the senator from Idaho": the person whose roles share most words with it, the most
        recently mentioned on a tie; with none ("the 74-year-old"), the salient person."""
        candidates = [*reversed(self.recent), *(p for p in self.people if p not in self.recent)]
        best = max(candidates, key=lambda person: len(person.roles & words), default=None)
        if best is not None and best.roles & words:
            return best
        return self._salient_person(None)

    def _organisation_described(self, head: str) -> Entity | None:
        for organisation in reversed(self.organisations):
            if head in organisation.name.lower().split():
                return organisation
        if head in ("company", "firm", "group") and self.organisations:
            return self.organisations[-1]
        return None

    def _named(self, name: str, gender: str | None, *, titled: bool) -> Entity | None:
        tokens = name.split()
        if not tokens:
            return None
        if not titled and (ORGANISATION_WORDS & set(tokens) or re.search(r"\s(?:of|for)\s", name)):
            return self._organisation(name)
        if len(tokens) >= 2:
            for person in self.people:
                if person.name == name or person.name.endswith(" " + name):
                    return person
            return self._person(name, gender)
        token = tokens[0]
        matches = [person for person in self.people if person.tokens[-1] == token]
        matches = matches or [person for person in self.people if person.tokens[0] == token]
        if gender:
            matches = [person for person in matches if person.gender in (None, gender)] or matches
        if matches:
            recent = [person for person in reversed(self.recent) if person in matches]
            return (recent or matches)[0]
        for organisation in self.organisations:
            if organisation.name == token:
                return organisation
        if titled:
            return self._person(token, gender)
        entity = Entity(token, UNKNOWN)
        self.organisations.append(entity)
        return entity

    # -- reading -----------------------------------------------------------------------------

    def spoke(self, entity: Entity) -> None:
        """Remember that ``entity`` has just been attributed a quotation."""
        if entity.kind == PERSON:
            self.last_speaker = entity
            self._seen(entity)

    def read_sentence(self, masked: str, sentence: Span, speaker: Entity | None) -> None:
        """Move the attention on: the sentence's subject is its speaker or its first person."""
        mentioned = []
        for match in _SENTENCE_MENTION.finditer(masked, sentence.start, sentence.end):
            if re.match(r"['’]s\b", masked[match.end() : match.end() + 3]):
                continue  # "Mr Ren's eldest daughter": Mr Ren is not the subject
            if match["described"]:
                entity = self._person_described(_content_words(match.group()))
            else:
                mention = parse_mention(match.group())
                entity = self._known(mention) if mention else None
            if entity is not None and entity.kind == PERSON:
                mentioned.append(entity)
        if speaker is not None and speaker.kind == PERSON:
            self.subject = speaker
        elif mentioned:
            self.subject = mentioned[0]
        for entity in mentioned:
            self._seen(entity)

    def _known(self, mention: Mention) -> Entity | None:
        """Resolve a mention met in narration, without registering anyone new."""
        if mention.category in ("pronoun", "honorific"):
            return self.resolve(mention)
        if mention.category == "description":
            return self._person_described(_content_words(mention.text))
        if mention.category == "name":
            tokens = mention.name.split()
            for person in self.people:
                if person.name == mention.name or (len(tokens) == 1 and tokens[0] in person.tokens):
                    return person
        return None

    def _seen(self, entity: Entity) -> None:
        if entity in self.recent:
            self.recent.remove(entity)
        self.recent.append(entity)


_ROLE_NOUN = r"(?:" + "|".join(sorted(ROLE_NOUNS, key=len, reverse=True)) + r")"
# What may name a person in narration: a pronoun, a titled name, a description, a name.
_SENTENCE_MENTION = re.compile(
    rf"\b(?:{PRONOUN}\b|{HONORIFIC}\s+{NAME}|(?P<described>[Tt]he\s+(?:\d+-year-old\b|"
    rf"(?:[\w-]+\s+){{0,2}}?{_ROLE_NOUN}\b(?:\s+(?:of|from)\s+{NAME})?))|{NAME})"
)
_STOPWORDS = _DESCRIPTION_STOPWORDS | {"its", "their", "his", "her", "senior", "former"}


def _content_words(phrase: str) -> set[str]:
    return {word for word in re.findall(r"[\w-]+", phrase.lower()) if word not in _STOPWORDS}


def _roles_near(before: str, after: str) -> set[str]:
    """Words that describe a person beside their name: the role before it ("founder Ren
    Zhengfei"), an age, a place ("of Idaho") and an appositive ("Jane Doe, the mayor,")."""
    roles = set()
    preceding = re.search(r"([a-z][\w-]*)\s+$", before)
    if preceding and preceding.group(1) in ROLE_NOUNS:
        roles.add(preceding.group(1))
    place = re.match(rf"\s+(?:of|from)\s+({NAME})", after)
    if place:
        roles.update(_content_words(place.group(1)))
        after = after[place.end() :]
    age = re.match(r",\s*(\d{1,3}),", after)
    if age:
        roles.add(f"{age.group(1)}-year-old")
        after = after[age.end() - 1 :]
    appositive = re.match(r",\s+(?:the|a|an|its|their)\s+([^,.;:]+)", after)
    if appositive:
        roles.update(_content_words(appositive.group(1)))
    return roles
