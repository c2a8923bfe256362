"""Who said it: reading the mention next to a quotation and resolving it to a speaker.

Two steps. ``mention_after`` and ``mention_before`` read the words around a quotation for the
phrase that names the speaker ("he", "Mr Ren", "the 74-year-old", "a spokesperson for the
Ministry of Health", "a-t-il déclaré", "sagte Merkel", "dijo el ministro"). ``Coreference``
turns that phrase into a speaker: a person's full name as first introduced, or an
organisation. It reads the article sentence by sentence, remembering who was the subject of the
last sentence and who spoke last, which is what "he" and "the 74-year-old" lean on.
"""

# Typographic quote marks and apostrophes are part of the patterns on purpose.
# ruff: noqa: RUF001, SIM905

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .lexicon import (
    ACCORDING_TO,
    ADVERB,
    ADVERBS,
    DETERMINER,
    DOCUMENT_HEADS,
    HONORIFIC,
    HONORIFICS,
    INDEFINITE,
    INSTITUTION_HEADS,
    INSTITUTION_OF,
    MEMBERS_OF_THE_PUBLIC,
    NAME,
    NAME_WORD,
    NOT_NAME_WORDS,
    ORGANISATION_HEADS,
    ORGANISATION_NAME,
    ORGANISATION_WORDS,
    PLACE_WORDS,
    PRONOUN,
    PRONOUN_GENDER,
    ROLE_NOUNS,
    SPEECH_VERB,
    SPEECH_VERB_RE,
    SPOKESPERSON,
    SURNAME_LIKE,
    TITLE_ROLES,
    UPPER,
    is_role_word,
)
from .quotes import RawQuote, Span

PERSON = "person"
ORGANISATION = "organisation"
UNKNOWN = "unknown"
# Languages that drop the subject pronoun: ``“…”, refirió.`` means "he (or she) said".
PRO_DROP = frozenset({"es", "it", "pt"})

# Words that never sit inside a description such as "the Huawei founder".
_DESCRIPTION_STOPWORDS = frozenset(
    "after before on in at of to for with from by the a an and or who which that as when "
    "while said says told added en à au aux dans sur pour par avec in im am an auf bei mit "
    "vor nach en a al ante con por para durante tras".split()
)


@dataclass(frozen=True)
class Mention:
    """The words that refer to a speaker at one quotation, and what sort of reference they are."""

    text: str
    category: str  # pronoun, spokesperson, honorific, description, name, office
    name: str = ""  # the name in it, titles removed: "Ren", "Ministry of Health"
    title: str = ""  # the honorific, if any: "Mr"
    head: str = ""  # the role or noun of a description: "founder", "ministry"
    roles: frozenset[str] = frozenset()  # what the phrase says the speaker is


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
        rf"(?:{INDEFINITE}|{DETERMINER})\s+{SPOKESPERSON}\s+(?:for|from|at|of|de|du|des|der|des|del)"
        rf"\s+(?:the\s+|la\s+|l['’]|el\s+)?(?P<organisation>{ORGANISATION_NAME})"
    ),
    re.compile(
        rf"(?:{INDEFINITE}|{DETERMINER})\s+(?P<organisation>{ORGANISATION_NAME})\s+{SPOKESPERSON}"
    ),
    re.compile(
        rf"(?:{DETERMINER}\s+)?(?P<organisation>{ORGANISATION_NAME})['’]s?\s+{SPOKESPERSON}"
    ),
    re.compile(rf"(?:{INDEFINITE}|{DETERMINER})\s+(?P<head>[a-z]+)\s+{SPOKESPERSON}"),
]
# "Her office said", "his campaign said": the person's office speaks, an organisation.
_OFFICE = re.compile(
    rf"(?:(?P<possessive>[Hh]is|[Hh]er|[Ss]on|[Ss]a|[Ss]ein|[Ii]hr|[Ss]u)|(?P<owner>(?:[{UPPER}][\w-]+\s+){{0,3}}[{UPPER}][\w-]+)['’]s)\s+"
    r"(?P<head>office|campaign|team|spokesperson|spokesman|spokeswoman|cabinet|entourage|"
    r"équipe|Büro|Sprecher|Sprecherin|oficina|equipo|portavoz)"
)
_HONORIFIC_NAME = re.compile(rf"(?P<title>{HONORIFIC})\s+(?P<name>{NAME})")
_DESCRIPTION = re.compile(
    rf"(?:{DETERMINER}|{INDEFINITE})\s+(?P<words>(?:[\w’'-]+\s+){{0,4}}[\w’'-]+)"
)
# "l'AFP", "l'Élysée": the elided article takes no space.
_NAMED = re.compile(rf"(?:{DETERMINER}\s+|[Ll]['’])?(?P<name>{ORGANISATION_NAME})")
# "le ministère du Commerce", "el ministerio de Salud", "the office of Senator Ruiz".
_INSTITUTION = re.compile(
    rf"(?:{DETERMINER}\s+)?(?P<name>(?i:{INSTITUTION_HEADS})\s+{INSTITUTION_OF}\s*"
    rf"{ORGANISATION_NAME})"
)
# The same, to scan a whole text: no optional article to try at every position.
_INSTITUTION_SCAN = re.compile(
    rf"\b(?P<name>(?i:{INSTITUTION_HEADS})\s+{INSTITUTION_OF}\s*{ORGANISATION_NAME})"
)
_GERMAN_NOUN = re.compile(rf"(?:[Dd](?:er|ie|as|en|em))\s+(?P<noun>[{UPPER}][a-zäöüß-]+)")
_EDGE_JUNK = " \t\n\"'“”‘’„«»‹›,;:—–-"
_AGE = re.compile(r"\d+-year-old|\d+-[jJ]ährige[rn]?")


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
    match = _OFFICE.fullmatch(phrase)
    if match:
        return Mention(phrase, "office", name=match["owner"] or "", head=match["head"].lower())
    match = _INSTITUTION.fullmatch(phrase)
    if match:
        return Mention(phrase, "name", name=match["name"])
    match = _HONORIFIC_NAME.fullmatch(phrase)
    if match:
        return Mention(phrase, "honorific", name=match["name"], title=match["title"].rstrip("."))
    match = _DESCRIPTION.fullmatch(phrase)
    if match:
        words = match["words"].split()
        if not _DESCRIPTION_STOPWORDS & {word.lower() for word in words}:
            description = _description(phrase, words)
            if description:
                return description
    match = _GERMAN_NOUN.fullmatch(phrase)
    if match and match["noun"] not in ORGANISATION_WORDS:
        # "fragt der Absender", "sagte die Nachbarin": a German noun, capitalised as all are,
        # not a surname.
        return Mention(phrase, "description", head=match["noun"].lower())
    match = _NAMED.fullmatch(phrase)
    if match:
        name = _strip_titles(match["name"])
        if name:
            roles = frozenset(
                word.lower()
                for word in match["name"].split()[: -len(name.split())]
                if is_role_word(word)
            )
            return Mention(phrase, "name", name=name, roles=roles)
    return None


def _description(phrase: str, words: list[str]) -> Mention | None:
    """ "the 74-year-old", "le président tchadien", "die Kanzlerin", "the ministry": the noun
    that says what the speaker is; a name at the end ("le journaliste Thomas Sotto") wins."""
    for index, word in enumerate(words):
        if is_role_word(word) or _AGE.fullmatch(word):
            rest = " ".join(words[index + 1 :])
            name = re.fullmatch(NAME, rest) if rest else None
            roles = frozenset(
                w.lower() for w in words[: index + 1] if not w[:1].isupper() or is_role_word(w)
            )
            if name and not NOT_NAME_WORDS & set(rest.split()):
                return Mention(phrase, "name", name=rest, roles=roles | {word.lower()})
            return Mention(phrase, "description", head=word.lower(), roles=roles)
    last = words[-1]
    if last.lower() in ORGANISATION_HEADS or last.lower() in DOCUMENT_HEADS:
        return Mention(phrase, "description", head=last.lower())
    # "the cuts", "the village shop": a noun that is not a speaker. Reading it as one would give
    # the words to whoever was mentioned last.
    return Mention(phrase, "description", head=last.lower()) if last.islower() else None


def _strip_titles(name: str) -> str:
    """ "Health Minister Sarah Okafor" -> "Sarah Okafor"; "But Smith" -> "Smith"."""
    tokens = name.split()
    while tokens and tokens[0] in NOT_NAME_WORDS:
        tokens.pop(0)
    for index in range(len(tokens) - 2, -1, -1):
        word = tokens[index].rstrip(".")
        if word in HONORIFICS or is_role_word(word):
            tokens = tokens[index + 1 :]
            break
    if tokens and tokens[0] in _PARTICLES:
        return ""  # "Préfet des Vosges", "Presidente del INAI": a role and its place
    return " ".join(tokens)


_PARTICLES = frozenset("of de des du del der von van da di la le".split())


def _longest_prefix_mention(phrase: str) -> Mention | None:
    words = phrase.split()
    for count in range(min(len(words), 12), 0, -1):
        mention = parse_mention(" ".join(words[:count]))
        if mention and mention.category == "description":
            # "eine Sprecherin der Polizei Dortmund jetzt auf Anfrage": the description's five
            # words end mid-phrase; a spokesperson of a named body in fewer words is who spoke.
            for shorter in range(count - 1, 2, -1):
                named = parse_mention(" ".join(words[:shorter]))
                if named and named.category == "spokesperson" and named.name:
                    return named
        if mention:
            return mention
    return None


def _longest_suffix_mention(phrase: str) -> Mention | None:
    words = phrase.split()
    for start in range(max(0, len(words) - 12), len(words)):
        mention = parse_mention(" ".join(words[start:]))
        if mention:
            if (
                mention.category == "name"
                and start > 0
                and words[start - 1] in ("of", "de")
                and PLACE_WORDS & {words[start]}
            ):
                continue  # "Secretary of State Antony Blinken": the name is Antony Blinken
            return mention
    return None


def phrase_mention(phrase: str) -> Mention | None:
    """The speaker in the words after a speech verb, appositives included: ``el ministro de
    Obras Públicas, Edgar Montaño, en alusión...`` gives Edgar Montaño, as minister."""
    phrase = _TIME_FIRST.sub("", phrase)  # "a assuré mardi Marie Dupont", "dijo ayer Pérez"
    # "sagte sein Gocher Kollege Ernes Tiganj", "said his colleague John Smith": a possessive
    # before a role and a name is not part of either.
    phrase = _POSSESSIVE_FIRST.sub("", phrase)
    phrase = _MANNER_FIRST.sub("", phrase)  # "gronde gentiment le ministre", "dijo molesto"
    segments = [segment.strip() for segment in phrase.split(",")]
    told = _MEDIUM_THEN_NAME.fullmatch(segments[0])
    if told:
        # "confie à l'AFP Paul Martin", "explique au Parisien Paul Martin": whom it was said
        # to (a name), then who said it (a full name).
        return Mention(told["name"], "name", name=told["name"])
    first = _longest_prefix_mention(segments[0]) if segments[0] else None
    if first is None and _PREPOSITION_FIRST.match(segments[0]):
        # "afirmó en conferencia de prensa el gobernador Samuel García": where it was said,
        # then who said it; only a name (or a role with one) ending the phrase counts.
        last = _longest_suffix_mention(segments[0])
        # "el gobernador Samuel García" has a role; "en RPP" (the broadcaster) has none.
        if last is not None and last.category in ("name", "honorific") and last.roles:
            return last
        if last is not None and last.category == "name":
            # "écrit sur son compte Twitter Caroline Chauvet", "a dit à l'AFP Jean Dupont":
            # a full name (two words at least, a platform's name aside) ends the phrase.
            tokens = last.name.split()
            while tokens and tokens[0] in _PLATFORMS:
                tokens.pop(0)
            if len(tokens) >= 2 and not ORGANISATION_WORDS & set(tokens):
                between = segments[0].split()[1 : -len(last.name.split())]
                # Only a short place between ("sur son compte"), not a chain of them ("desde
                # la tarima en la plaza … al fallecido exmandatario Hugo Chávez").
                if between and len(between) <= 4 and not _PLACE_LINKS & set(between):
                    return Mention(" ".join(tokens), "name", name=" ".join(tokens))
        if last is not None and last.category == "description" and last.roles:
            # "manifestó en diálogo con Aries el presidente del Centro Vecinal, Roque López":
            # the role ends the place, and the name follows it as an appositive.
            first = last
    if first is not None and first.category == "description" and first.roles:
        # "la maire socialiste Marie Dupont", "die Ministerin Nancy Faeser": a role, maybe an
        # adjective, then the person's full name.
        named = _NAME_ENDS.search(first.text)
        between = first.text[: named.start()].split()[1:] if named else []
        if named and len(named["name"].split()) >= 2 and not _LINKS & set(between):
            name = _strip_titles(named["name"])
            if len(name.split()) >= 2 and not ORGANISATION_WORDS & set(name.split()):
                return Mention(first.text, "name", name=name, roles=first.roles)
    if first is not None and first.category in ("description", "spokesperson"):
        for segment in segments[1:3]:
            named = _longest_prefix_mention(segment)
            if named is not None and named.category in ("name", "honorific"):
                return Mention(
                    named.text, named.category, named.name, named.title, first.head,
                    named.roles | first.roles | ({first.head} if first.head else set()),
                )  # fmt: skip
    return first


# When the speech was made, between the verb and its subject: "a assuré mardi Marie Dupont".
_TIME_FIRST = re.compile(
    r"^\s*(?:(?:ce|el|este|am)\s+)?(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier|"
    r"aujourd['’]hui|matin|soir|lunes|martes|miércoles|jueves|viernes|sábado|domingo|ayer|hoy|"
    r"Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag|heute|gestern)"
    r"(?:\s+(?:matin|soir|après-midi))?\s+(?=\S)"
)
# German compounds naming a body: "Finanzministerium", "Landesregierung", "Bundespolizei".
_GERMAN_BODY = re.compile(
    r"\w(?:ministerium|ministeriums|regierung|partei|polizei|gericht|gerichts|behörde|verband|"
    r"verbands|kommission|verwaltung)$"
)
_POSSESSIVE_FIRST = re.compile(
    rf"^\s*(?:sein|seine|seiner|ihr|ihre|ihrer|son|sa|su|his|her|their|leur)\s+(?=(?:[{UPPER}]"
    r"[\w-]+\s+)?[\w-]+\s+[A-ZÀ-Ý][\w’'-]+\s+[A-ZÀ-Ý])"
)
# How it was said, between the verb and its subject: "gronde gentiment le ministre", "sagte
# sichtlich bewegt Klinge", "explicó visiblemente emocionado el alcalde".
_MANNER_FIRST = re.compile(
    r"^\s*(?:(?:[a-zà-ÿ]{3,}(?:ment|mente|ly)|sichtlich|lächelnd|nachdenklich|zuvor|später|"
    r"weiter|erneut|ebenfalls|auch|noch|dann|ensuite|encore|aussi|alors|también|luego|además)"
    r"\s+)+(?=\S)"
)
_MEDIUM_THEN_NAME = re.compile(
    rf"(?:à|au|aux|a|al|dem|der|to)\s+(?:l['’]|la\s+|le\s+|el\s+|the\s+)?"
    rf"[{UPPER}][\w-]+(?:\s+[{UPPER}][\w-]+)?\s+"
    rf"(?P<name>[{UPPER}][a-zà-ÿ-]+\s+[{UPPER}][\w-]+)"
)
_PLACE_LINKS = frozenset(
    "à a au aux al de du des del en dans sur in on at of to for von vom zu zum zur im am mit "
    "para por con desde".split()
)
_PLATFORMS = frozenset("Twitter Facebook Instagram TikTok LinkedIn YouTube Telegram X".split())
_PREPOSITION_FIRST = re.compile(
    r"(?:en|a|ante|durante|desde|tras|à|devant|lors|dans|sur|in|im|am|auf|vor|gegenüber|bei)\s"
)
_NAME_ENDS = re.compile(rf"(?P<name>{NAME})$")
# Articles and prepositions: after one of them, a name is another noun's, not the speaker's.
_LINKS = frozenset(
    "the of to for a an le la les l' de du des à au aux der die das den dem des von zu für "
    "el los las del al a para con".split()
)
_LEADING = r"[\s,;:—–-]*"
_STOP = r"[^.;:!?“”\"«»„\n]"
# A name after the verb may hold the full stop of a title or an initial: "a réaffirmé M.
# Kaboré", "said Dr. Fauci", "selon J.-P. Chevènement".
_NAME_STOP = (
    rf"(?:\b(?:M|Mr|Mrs|Ms|Dr|Mme|Mlle|Sr|Sra|Dra|Prof|Gen|Gov|Sen|Rep|Lt|Col|Capt|Sgt)\.\s"
    rf"|\b[{UPPER}]\.(?:-[{UPPER}]\.)?\s(?=[{UPPER}])|\b(?:[{UPPER}]\.){{2,}}|{_STOP})"
)
_AUX_ADVERB = (
    r"(?:encore|aussi|également|ensuite|déjà|enfin|alors|en\s+effet|pourtant|d['’]ailleurs|"
    r"toujours|noch|auch|también|además|luego|also|later|again|further)"
)
# "a déclaré", "a encore déclaré", "hat gesagt", "ha dicho", "has also said".
_AUXILIARY = (
    rf"(?:(?:a|avait|ont|hat|hatte|ha|había|has|had|have|s['’]est|s['’]était|se\s+sont)\s+"
    rf"(?:{_AUX_ADVERB}\s+)?)?"
)
# A pronominal verb: "se désole-t-il", "s'insurge la maire", "se quejó el vecino".
_REFLEXIVE = r"(?:se\s+|s['’])?"
# German verb-second with a perfect: the auxiliary, the subject, a few words, the participle.
_GERMAN_AUX_INVERTED = re.compile(
    _LEADING + r"(?:hat|hatte|habe|haben|hatten)\s+"
    rf"(?P<phrase>{PRONOUN}|(?:[Dd](?:er|ie)\s+)?[{UPPER}][\w-]+(?:\s+[{UPPER}][\w-]+){{0,2}})"
    rf"(?:\s+[\w„“\"-]+){{0,5}}?\s+{SPEECH_VERB}\b"
)
# "zeigt sich Schmidt überzeugt", "gab sich der Minister zuversichtlich", "ist sich X sicher".
_GERMAN_MOOD = re.compile(
    _LEADING + r"(?:zeigt|zeigte|gibt|gab|ist|war|zeigten|gaben)\s+sich\s+"
    rf"(?P<phrase>{PRONOUN}|(?:[Dd](?:er|ie)\s+)?[{UPPER}][\w-]+(?:\s+[{UPPER}][\w-]+){{0,2}})"
    r"\s+(?:\w+\s+)?(?:überzeugt|sicher|zuversichtlich|optimistisch|skeptisch|enttäuscht|"
    r"erleichtert|besorgt|kämpferisch|gelassen|froh|überrascht|empört|entsetzt|zufrieden)\b"
)
# "…», selon Paul Martin.", "…», según Pérez.": the source, after the quotation.
_SOURCE_AFTER = r"(?:according to|selon|d['’]après|según|laut)"
_VERB_THEN_SPEAKER = re.compile(
    _LEADING
    + rf"{_AUXILIARY}{_REFLEXIVE}(?P<verb>{SPEECH_VERB}|{_SOURCE_AFTER})\b"
    # "zeigt sich Schmidt überzeugt", "gibt sich X zuversichtlich": a German reflexive.
    + r"(?:\s+sich(?=\s))?"
    + rf"(?:\s+(?P<phrase>{_NAME_STOP}+))?"
)
# French inversion: "a-t-il déclaré", "prévient-il", "a-t-elle martelé", "déclare-t-elle".
_INVERTED = re.compile(
    _LEADING
    + r"(?:(?:a|avait|s['’]est|s['’]était)-(?:t-)?(?P<before>il|elle)\s+"
    + rf"(?:{_AUX_ADVERB}\s+)?{SPEECH_VERB}\b|"
    + rf"{_REFLEXIVE}{SPEECH_VERB}-(?:t-)?(?P<after>il|elle)\b)"
)
# "…," the statement read. / „…“, heißt es.: the document or source last named.
_DOCUMENT_SAYS = re.compile(
    r"[\s,;:—–-]*(?:(?:the|its|a) (?:statement|letter|report|release|message|post|notice) "
    r"(?:read|reads|added|said|says)|heißt es|hieß es|hieß es weiter|heißt es weiter"
    # "lit-on dans le communiqué", "indique-t-on de même source", "peut-on y lire".
    rf"|lit-on|peut-on(?:\s+y)?\s+lire|{SPEECH_VERB}-t-on"
    # "précise le communiqué", "señala el comunicado", "so die Mitteilung".
    rf"|(?:{SPEECH_VERB}|so|conclut|concluye|lit)\s+(?:le|la|el|la|die|das|der)\s+"
    r"(?:communiqué|texte|note|déclaration|comunicado|texto|nota|declaración|Mitteilung|"
    r"Erklärung|Stellungnahme))\b"
)
_ASKED = re.compile(
    r"[\s,]+(?:fragte|fragt|fragten|asked|asks|demande|demandait|a\s+demandé|preguntó|pregunta|"
    r"preguntaba)\s+(?:ein|eine|einer|an|un|une|una)\s"
)
# A sentence whose subject is someone unnamed: "A senior aide …", "Un conseiller …".
_UNNAMED_SUBJECT = re.compile(r"\s*(?:A|An|Un|Une|Ein|Eine|Una)\s+[a-zà-ÿß]")
_STATEMENT_WORDS = (
    r"(?:communiqué|statement|comunicado|Mitteilung|Pressemitteilung|Erklärung|déclaration|"
    r"declaración)"
)
# An organisation's statement: "…", selon un communiqué de la préfecture. / "…", affirme
# l'intersyndicale, dans un communiqué. / "…", according to a statement from the ministry.
_STATEMENT_OF = re.compile(
    r"[\s,]+(?:selon|d['’]après|according\s+to|según|laut)\s+(?:un|une|le|a|the|el|einer|der)\s+"
    + _STATEMENT_WORDS
    + r"\s+(?:de\s+la|de\s+l['’]|du|des|de|from|by|of\s+the|of|del|de\s+los|de\s+las|der|des)\s*"
    + r"(?P<body>[^\W\d][\w'’-]*(?:\s+(?:de\s+la|de|du|des|of|del|der)?\s*[^\W\d][\w'’-]*){0,3}?)"
    + r"\s*(?=[.;]|,|$)"
)
_STATEMENT_BY = re.compile(
    rf"[\s,]+{SPEECH_VERB}\s+(?:l['’]|la\s+|le\s+|les\s+|the\s+|el\s+|die\s+|der\s+|das\s+)"
    r"(?P<body>[^\W\d][\w-]{3,})\s*,?\s+(?:dans|in|en)\s+(?:un|une|a|einer|un)\s+"
    + _STATEMENT_WORDS
)
# German "…“, so Seibert." and "…“, so Polizei-Sprecherin Ines Roddewig."
_SO = re.compile(_LEADING + rf"so\s+(?P<phrase>{_NAME_STOP}+)")
_SPEAKER_THEN_VERB = re.compile(
    _LEADING
    + rf"(?P<phrase>{_NAME_STOP}{{1,80}}?)(?<!,)(?:,[^,.;:!?]{{1,80}},)?\s+"
    + ADVERBS
    + rf"*{SPEECH_VERB}\b"
)
_STRAY_STOP = re.compile(rf"\.\s+(?:{_AUXILIARY}){SPEECH_VERB}\b")
_TRAILING_ADVERBS = re.compile(rf"(?:\s+{ADVERB})+\s*$")
_TRAILING_REFLEXIVE = re.compile(r"\s+(?:se|s['’]|sich)\s*$")
_APPOSITIVE_START = re.compile(
    r"(?:who|which|whose|a|an|the|aged|speaking|qui|der|die|das|que|quien|\d)\b|[a-z]"
)


def mention_after(
    masked: str, quote: RawQuote, sentence_end: int, language: str | None = None
) -> Mention | None:
    """The speaker named right after the quotation: ``," he said``, ``," said Mr Ren``,
    ``», a-t-il déclaré``, ``“, sagte Merkel``, ``», manifestó el ministro``."""
    tail = masked[quote.after : max(sentence_end, quote.after)]
    if _STRAY_STOP.match(tail):
        tail = tail[1:]  # '"…". dijo.': a full stop typed before the attribution
    if _CONJUNCTION.match(tail):
        return None  # '…," and Shea echoed: "…"': the next quotation's attribution
    match = _DOCUMENT_SAYS.match(tail)
    if match:
        return Mention(match.group().strip(" ,"), "document")
    match = _ASKED.match(tail)
    if match:
        # '„Wie soll das funktionieren?“, fragte ein Kollege': someone unnamed asked it, and
        # the colon before it ("berichtet Reitschuster:") did not say it.
        return Mention(match.group().strip(" ,"), "question")
    match = _STATEMENT_OF.match(tail) or _STATEMENT_BY.match(tail)
    if match and not is_role_word(match["body"].split()[0].casefold()):
        body = match["body"]
        return Mention(body, "spokesperson", name=body, head=body.split()[0].casefold())
    match = _INVERTED.match(tail)
    if match:
        return Mention(match["before"] or match["after"], "pronoun")
    if language == "de":
        match = _GERMAN_AUX_INVERTED.match(tail) or _GERMAN_MOOD.match(tail)
        if match:
            # "„…“, hatte Klinge zuvor erklärt", "„…“, zeigt sich Schmidt überzeugt".
            mention = parse_mention(match["phrase"])
            if mention is not None and mention.category != "description":
                return mention
            if mention is not None and _is_speaker_description(mention):
                return mention
        match = _SO.match(tail)
        if match:
            surname = re.match(r"(\w+)\b", match["phrase"])
            if surname and surname.group(1) in SURNAME_LIKE:
                return Mention(surname.group(1), "name", name=surname.group(1))  # "so Weil"
            mention = phrase_mention(match["phrase"])
            if mention:
                return mention
    clitic = _CLITIC_BEFORE_VERB.match(tail)
    if clitic:
        tail = ", " + tail[clitic.end() :]  # "», nous rapporte X", "», le confesó X"
    match = _VERB_THEN_SPEAKER.match(tail)
    if match:
        particle = _PARTICLE_NAME.match(match["phrase"] or "")
        if particle:  # "erklärte de Maizière", "a dit de Villepin": a surname with its particle
            return Mention(particle["name"], "name", name=particle["name"])
        surname = re.match(r"(\w+)\b", match["phrase"] or "")
        if surname and surname.group(1) in SURNAME_LIKE:
            return Mention(surname.group(1), "name", name=surname.group(1))  # "sagte Weil"
        if match["phrase"]:
            mention = phrase_mention(match["phrase"])
            if (mention and mention.category != "description") or (
                mention and _is_speaker_description(mention)
            ):
                return mention
        subject = _EXPLICIT_SUBJECT.search((match["phrase"] or "").split(",")[0].rstrip())
        if subject and (subject["indefinite"] or subject["noun"] in MEMBERS_OF_THE_PUBLIC):
            # "«…», cuestionó molesto el vecino", "…, contó una mujer": someone the text
            # names, but nobody known.
            return Mention(subject.group().strip(), "description", head=subject["noun"])
        if language in PRO_DROP and not re.fullmatch(_SOURCE_AFTER, match["verb"]):
            return Mention("", "pronoun")  # ``», sostuvo.``: the subject is the last speaker
    match = _SPEAKER_THEN_VERB.match(tail)
    if match:
        lead = _NAME_THEN_ROLE.match(match["phrase"])
        if lead:
            # "Lt. Mike Staples the supervisor for the unit at OPD said": a full name, then
            # its role without a comma; the words ending the phrase are the role's.
            mention = parse_mention(lead["name"])
            if mention is not None and mention.category in ("name", "honorific"):
                return mention
        # "White House press secretary Dana Whitlock said": the name ends the phrase.
        return _longest_suffix_mention(match["phrase"])
    mention = _unlisted_verb(tail, language) or _any_verb_then_name(tail, language)
    if mention is not None:
        return mention
    match = _CLAUSE_THEN_COMMA.match(tail)
    if match:
        # 'hätten „signifikant besseres“ Eigenkapital, sagte Hufeld': the sentence around the
        # quoted words is attributed after them, once its clause ends.
        inverted = _VERB_THEN_SPEAKER.match(tail, match.end())
        if inverted and inverted["phrase"]:
            mention = phrase_mention(inverted["phrase"])
            if mention and mention.category in ("name", "honorific", "pronoun"):
                return mention
    return None


# A verb no list holds, recognised by its form right after a quotation and its comma:
# French inversion ("», grince-t-il"), a Spanish preterite ("», zanjó el alcalde"), a German
# weak preterite with its subject ("“, polterte Schmidt").
_ANY_INVERTED = re.compile(r"[\s,]+[a-zàâçéèêëîïôûùüÿ]{3,}-(?:t-)?(?P<pronoun>il|elle)\b")
_ANY_PRETERITE_ES = re.compile(
    r"[\s,]+(?:se\s+)?[a-záéíóúñ]{3,}(?:ó|ió)\b(?:\s+(?P<phrase>[^.;:!?“”\"«»\n]{1,80}))?"
)
_ANY_PRETERITE_DE = re.compile(
    r"[\s,]+[a-zäöüß]{3,}te\s+"
    rf"(?P<phrase>er|sie|[Dd](?:er|ie)\s+[{UPPER}][\w-]+|[{UPPER}][\w-]+(?:\s+[{UPPER}][\w-]+)?)"
    r"(?=[\s.,;:!?])"
)


_NAME_THEN_ROLE = re.compile(
    rf"\s*(?:(?:{HONORIFIC}|[{UPPER}][a-z]{{0,3}}\.)\s+)?"  # "Lt.", "Sgt.", "Dr."
    rf"(?P<name>[{UPPER}][\w’'-]+\s+[{UPPER}][\w’'-]+)\s+(?:the|a|an)\s+"
    r"[a-z]"
)


def _unlisted_verb(tail: str, language: str | None) -> Mention | None:
    """The attribution of a speech verb missing from the lexicon, told by its form."""
    if not tail.lstrip(" ").startswith(","):
        return None  # the form is read only after the quotation's comma
    if language == "fr":
        match = _ANY_INVERTED.match(tail)
        return Mention(match["pronoun"], "pronoun") if match else None
    if language == "es":
        match = _ANY_PRETERITE_ES.match(tail)
        if match is None:
            return None
        if match["phrase"]:
            mention = phrase_mention(match["phrase"].split(",")[0])
            if mention is not None and mention.category in ("name", "honorific"):
                return mention
            if mention is not None and _is_speaker_description(mention):
                return mention
            return None  # "», llegó a decir en la radio…": not read, never guessed
        return Mention("", "pronoun")  # "», zanjó.": the last speaker
    if language == "de":
        match = _ANY_PRETERITE_DE.match(tail)
        if match is None:
            return None
        mention = parse_mention(match["phrase"])
        if mention is not None and (
            mention.category != "description" or _is_speaker_description(mention)
        ):
            return mention
    return None


# A clitic between the quotation and its verb: "», nous rapporte X", "», me confie-t-il",
# "», le confesó el entrenador", "», nos dijo". Not "lui répond le ministre": a reply to
# someone just named, where a description may mean either of them.
_CLITIC_BEFORE_VERB = re.compile(
    r"\s*,\s*(?:nous|me|m['’]|te|vous|nos|le|les|us|mir|uns)\s+"
    rf"(?={_AUXILIARY}{_REFLEXIVE}(?:{SPEECH_VERB}\b|[a-zà-ÿ]{{3,}}-(?:t-)?(?:il|elle)\b))"
)
# Any word right after the quotation's comma, then a full name or a role with a name: "»,
# rapporte Aida Halifa", "”, recalled John Smith", "“, resümierte Trainerin Anna Berg". The
# position makes the word a speech verb; the words that may open another clause never are.
_ANY_VERB = re.compile(
    r"\s*(?P<comma>,)?\s*(?:(?:nous|me|m['’]|nos|le|les|mir|uns)\s+)?"
    r"(?P<verb>[a-zà-ÿäöüß]{4,})\s+(?P<phrase>[^.;:!?“”\"«»„\n]{3,80})"
)
_NOT_VERBS = frozenset(
    "while when where whereas after before since because though although with without from "
    "into about also then than which that this these those their there here what whose "
    "lorsque quand pendant avant après depuis comme dont alors mais avec sans pour dans selon "
    "puis parce chez entre contre vers même aussi ainsi donc mientras cuando durante antes "
    "después desde porque aunque como donde según para sobre entre contra hacia tras también "
    "pero luego además während nachdem bevor seit weil obwohl wenn sobald laut also aber dann "
    "doch noch auch sowie oder sondern denn damit dabei".split()
)


def _any_verb_then_name(tail: str, language: str | None) -> Mention | None:
    """A full name (or a role with one) after a word in the speech verb's place."""
    match = _ANY_VERB.match(tail)
    if match is None or match["verb"] in _NOT_VERBS or match["verb"].endswith("ment"):
        return None
    if not match["comma"] and language not in ("en", None):
        return None  # only English puts the comma inside the marks
    segment = match["phrase"].split(",")[0].strip()
    mention = phrase_mention(segment)
    if mention is None or mention.category not in ("name", "honorific"):
        return None
    if not match["comma"] and mention.text != segment:
        # '"…," grumbled John Smith.' (the comma inside the marks): only a name that ends
        # the clause, not '"…" became John Smith's motto'.
        return None
    if mention.category == "name" and len(mention.name.split()) < 2 and not mention.roles:
        return None  # a single capitalised word may be anything
    return mention


_EXPLICIT_SUBJECT = re.compile(
    rf"(?:^|\s)(?:{DETERMINER}|(?P<indefinite>{INDEFINITE}))\s+(?P<noun>[a-zà-ÿ][\w-]+)$"
)
_PARTICLE_NAME = re.compile(
    rf"(?P<name>(?:de|von|van|von der|van der|di|da|del|du|de la)\s+[{UPPER}][\w’'-]+)\b"
    r"(?!\s+[A-ZÀ-Ý])"
)
_CLAUSE_THEN_COMMA = re.compile(r"\s+[^,.;:!?“”\"«»„\n]{1,60},(?=\s)")


def _spokesperson_body(head: str) -> str:
    """ "polizeisprecherin" -> "polizei", "regierungssprecher" -> "regierung"; "" for a
    spokesperson of nobody named ("pressesprecher", "sprecher")."""
    for suffix in ("sprecherin", "sprecher"):
        if head.endswith(suffix):
            body = head[: -len(suffix)].rstrip("-")
            body = body.removesuffix("presse").rstrip("-")
            if len(body) > 5 and body.endswith("s"):
                body = body[:-1]  # the linking s: "Ministeriumssprecher", "Regierungssprecher"
            return body if len(body) >= 4 else ""
    return ""


def according_source(masked: str, sentence: Span) -> Mention | None:
    """Who a sentence of narration cites as its source: "Einem Polizeisprecher zufolge …",
    "Laut Polizei …", "Selon le préfet, …", "Según el ministro, …", "According to X, …"."""
    at = masked.find("zufolge", sentence.start, sentence.end)  # a cheap look first
    match = _ZUFOLGE.search(masked, max(sentence.start, at - 80), at + 8) if at >= 0 else None
    if match:
        mention = _longest_suffix_mention(match["phrase"])
        if mention is not None:
            return mention
    match = _ACCORDING.search(masked, sentence.start, sentence.end)
    if match:
        return phrase_mention(match["phrase"].split(",")[0])
    return None


_ZUFOLGE = re.compile(r"(?P<phrase>(?:[\w’'-]+\s+){0,5}[\w’'-]+)\s+zufolge\b")


def may_refer_forward(mention: Mention) -> bool:
    """A definite role ("señaló el alcalde", "a déclaré le préfet"), which may name a person the
    article introduces only after it. Not a pronoun: "she said" before "Mayor John Smith" is
    someone else, and a name seldom says its gender."""
    return (
        mention.category == "description"
        and is_role_word(mention.head)
        and not re.match(INDEFINITE + r"\s", mention.text)
    )


def _is_speaker_description(mention: Mention) -> bool:
    head = mention.head
    return bool(
        is_role_word(head) or _AGE.fullmatch(head) or head in ORGANISATION_HEADS
        or head in DOCUMENT_HEADS or head in OFFICE_HEADS
    )  # fmt: skip


_ACCORDING = re.compile(rf"\b{ACCORDING_TO}\s+(?P<phrase>[^.;:!?“”\"«»„]+)")
# "Pour la ministre Olivia Grégoire, « … »": the quotation gives that person's view.
_FOR_SPEAKER = re.compile(r"(?:^|\s)(?:[Pp]our|[Pp]ara|[Ff]ür)\s+(?P<phrase>[^.;:!?“”\"«»„]+),\s*$")


def mention_before(
    masked: str, sentence: Span, quote: RawQuote, start: int | None = None
) -> Mention | None:
    """The speaker named before the quotation in its sentence (from ``start``, the end of an
    earlier quotation in the same sentence, whose attribution is its own).

    ``But the 74-year-old told the journalists: "...`` gives "the 74-year-old"; in
    ``Mr Ren described Mr Trump as being a "great president"`` the subject, Mr Ren, is the speaker,
    not the object, Mr Trump. ``According to X``, ``selon X``, ``laut X`` and ``según X`` name
    the speaker too, and so does a verb followed by its subject (``sagte Merkel: „…“``).
    """
    return mention_in_head(masked[max(sentence.start, start or 0) : quote.first.open_mark])


def mention_in_head(head: str) -> Mention | None:
    """The speaker named in ``head``, the words of a sentence before its quotation (or before
    the colon that ends a sentence introducing the next paragraph's quotation)."""
    if _NARRATIVE_INFINITIVE.search(head):
        return Mention("", "pronoun")  # "Avant d'ajouter : « … »": the one just quoted
    for pattern in (_ACCORDING, _FOR_SPEAKER):
        match = pattern.search(head)
        if match:
            mention = phrase_mention(match["phrase"])
            if mention:
                return mention
    verbs = list(SPEECH_VERB_RE.finditer(head))
    if verbs and verbs[-1].group() not in _VERBS_WITH_AN_OBJECT:
        inverted = _VERB_BEFORE_QUOTE.search(head, verbs[-1].start())
        if (
            inverted
            and inverted.start() == verbs[-1].start()
            and not _OBJECT.match(inverted["phrase"])
        ):
            mention = parse_mention(inverted["phrase"])
            if mention and (mention.category != "description" or _is_speaker_description(mention)):
                return mention
    for verb in verbs:
        perfect = _GERMAN_PERFECT.match(head, 0, verb.start())
        if perfect:
            # "Künast hatte beim Thema Ernährung und Corona erklärt:": the German perfect puts
            # the participle last; the subject stands before the auxiliary, not before the verb.
            mention = parse_mention(perfect["subject"])
            if mention and mention.category in ("name", "honorific", "pronoun"):
                return mention
        mention = subject_of(head[: verb.start()])
        if mention:
            return mention
        coordinated = _COORDINATED_SUBJECT.match(head[: verb.start()])
        if coordinated:
            # "She paused … but, after it was evident …, added, "…"": the subject of the
            # first verb is also the subject of the coordinated speech verb.
            return parse_mention(coordinated["subject"])
        if CLAUSE_FOLLOWS.match(head, verb.end()):
            # "señaló que Mariano González expuso un “…”": the speaker is the unnamed subject
            # of the first verb, not whoever is named inside the reported clause.
            return None
    if head.rstrip().endswith(":"):
        # "Einen vergleichbaren Fall konnte er nicht finden: „…“": someone named before a colon.
        return Mention(head, "colon")
    return None


# French narrative infinitive: "Avant d'ajouter : « … »", "Et de conclure : « … »".
_NARRATIVE_INFINITIVE = re.compile(
    r"(?:^|[\s.;,])(?:[Aa]vant|[Ee]t|[Pp]uis)\s+d(?:e\s+|['’])(?:ajouter|conclure|préciser|"
    r"souligner|expliquer|lancer|poursuivre|insister|rappeler|prévenir|déclarer|affirmer|"
    r"marteler|résumer|estimer|lâcher|glisser|trancher|nuancer)\s*[:,]?\s*$"
)
# "sagte Merkel: „…“", "said Mr Ren: "…"": the verb, its subject, then the quotation.
_VERB_BEFORE_QUOTE = re.compile(rf"{SPEECH_VERB}\s+(?P<phrase>[^,.;:!?]{{1,60}}?)\s*[:,]?\s*$")
# "told the BBC:", "asked reporters:": what follows these verbs is whom they spoke to.
_COORDINATED_SUBJECT = re.compile(
    rf"\s*(?P<subject>{PRONOUN}|{HONORIFIC}\s+{NAME}|{NAME})\s+[a-zà-ÿ][^.;:!?]*"
    r"\b(?:but|and|then|aber|und|dann|mais|et|puis|pero|y|luego)\b[^.;:!?]*$"
)
_GERMAN_PERFECT = re.compile(
    rf"\s*(?P<subject>{PRONOUN}|{HONORIFIC}\s+{NAME}|{NAME})\s+(?:hat|hatte|haben|hatten)\s"
    r"[^.;:!?,]*$"
)
CLAUSE_FOLLOWS = re.compile(r"\s+(?:que|qu['’]|that|dass)\b")
_VERBS_WITH_AN_OBJECT = frozenset({"told", "tells", "telling", "asked", "asks", "wrote", "writes"})
_OBJECT = re.compile(r"(?:dem|den|einem|einen|à|au|aux|a|al|to)\b")
_CONJUNCTION = re.compile(r"[\s,;:—–-]*(?:and|but|while|et|mais|und|aber|y|pero)\b")


# «… —continuó Fernández— …»: an attribution set between dashes inside the quotation.
_INCISE = re.compile(rf"\s[—–-]\s?{SPEECH_VERB}\s+(?P<phrase>[^—–\-.!?]{{1,60}}?)\s?[—–-]\s")


def mention_inside(text: str, quote: RawQuote) -> Mention | None:
    """The speaker named in an aside between dashes inside the quotation (Spanish and French
    typesetting: ``«Pero también —continuó Fernández— que…»``)."""
    for part in quote.parts:
        match = _INCISE.search(text, part.inner_start, part.inner_end)
        if match:
            return phrase_mention(match["phrase"])
    return None


def subject_of(chunk: str) -> Mention | None:
    """The mention that ends ``chunk`` (the words before a verb), skipping appositives:
    ``Smith, who chairs it, said``, ``Alex Potteiger, Area Operations Manager and an Atlanta
    native said``, ``VP of Business Development, Jamie Michael, commented``."""
    chunk = _TRAILING_ADVERBS.sub("", chunk)
    chunk = _TRAILING_REFLEXIVE.sub("", chunk)  # "Asmaou Diallo se dit", "Juan se quejó"
    segments = [segment.strip(_EDGE_JUNK) for segment in chunk.split(",")]
    aside = len(segments) > 1 and not segments[-1]  # "Smith, who chairs it, said"
    while segments and not segments[-1]:
        segments.pop()
    if not segments:
        return None
    if aside and len(segments) > 1 and _APPOSITIVE_START.match(segments[-1]):
        last = None
    else:
        last = _subject_suffix(segments[-1])
    if last is not None and last.category not in ("description", "spokesperson"):
        return last
    # The last chunk is a description or an aside: a name just before it is the subject.
    for segment in reversed(segments[-4:-1]):
        if _APPOSITIVE_START.match(segment):
            continue
        earlier = _longest_suffix_mention(segment)
        if earlier is not None and earlier.category in ("name", "honorific"):
            roles = last.roles | {last.head} if last is not None and last.head else frozenset()
            return Mention(
                earlier.text,
                earlier.category,
                earlier.name,
                earlier.title,
                "",
                earlier.roles | roles,
            )
        break
    if last is not None and (last.category == "spokesperson" or _is_speaker_description(last)):
        return last
    return None


# "en diálogo con Radio Nacional dijo", "In an interview with the BBC, she said": a name after
# a preposition is not the subject of the verb that follows.
_PREPOSITIONS = frozenset(
    "with to for from by at in on of into about con a al ante para por en de del desde sobre "
    "avec à au aux pour par chez sur dans mit bei gegenüber von vom zu zum zur für im am".split()
)


# The prepositions of whom one speaks to or for: "en diálogo con Radio Nacional", "in an
# interview with the BBC", "para Canal N". Not "by": "attended by Senator Morrell" keeps him in
# view as the one "he" may mean.
_INTERLOCUTOR = frozenset("with con avec mit gegenüber para pour für to".split())


# "señaló que Mariano González expuso…": with the subject dropped, a person named inside the
# reported clause is not the sentence's subject.
_IN_REPORTED_CLAUSE = re.compile(rf"(?i:\b{SPEECH_VERB}\s+(?:que|qu['’])\b)")


_NAME_PARTICLES = frozenset("Le La De Del Di Da Van Von Du Des El Al Ben Ibn Abu Ould Ag".split())
_CLAUSE_WORDS = NOT_NAME_WORDS - SURNAME_LIKE  # never in a name, even at its end


def _after_preposition(before: str) -> bool:
    words = before.split()
    return bool(words) and words[-1].lower() in _INTERLOCUTOR


def _subject_suffix(segment: str) -> Mention | None:
    """The mention that ends ``segment``, unless a preposition governs it."""
    words = segment.split()
    for start in range(max(0, len(words) - 12), len(words)):
        mention = parse_mention(" ".join(words[start:]))
        if mention:
            if start > 0 and words[start - 1].lower() in _PREPOSITIONS:
                return None
            return mention
    return None


_ARTICLE_DE = re.compile(r"(?:der|die|das|den|dem|des)\s")
_GERMAN_NOUN_ENDING = re.compile(r"(?:ung|heit|keit|schaft|tion|tät|ionen|ungen|nis|tum)$")
_ARTICLE_FIRST = re.compile(r"(?:el|la|le|los|las|les|the|l['’])\s*[A-ZÀ-Ý]")


class Coreference:
    """Resolves mentions to speakers while reading the article from start to end."""

    def __init__(self, masked: str, language: str | None = None):
        self.language = language
        self.people: list[Entity] = []
        self.organisations: list[Entity] = []
        self.subject: Entity | None = None  # the subject of the latest sentence that had a person
        self.last_speaker: Entity | None = None
        self.recent: list[Entity] = []  # people in order of their latest mention
        self.spokesperson_for: Entity | None = None  # the organisation a spokesperson spoke for
        self.recent_organisation: Entity | None = None  # the last organisation named
        # The organisation named in the last sentence read, if it named one.
        self._organisation_just_named: Entity | None = None
        # Set when a quotation's speaker is named but is nobody known ("el vecino"): a dropped
        # subject after it is that unknown person, not the last known speaker.
        self.unknown_spoke = False
        self.statement_by: Entity | None = None  # who last made a statement
        # Set while a spokesperson was the last sentence's subject: "she said" is them.
        self.speaking_organisation: Entity | None = None
        self._by_token: dict[str, list[Entity]] = {}  # people by each word of their name
        self._institutions: list[tuple[int, Entity]] = []  # where each is named, in order
        self._masked = masked
        self._find_people(masked)

    # -- the cast, found before reading -----------------------------------------------------

    def _find_people(self, masked: str) -> None:
        """Register the people the article names, so "Mr Ren" finds "Ren Zhengfei" anywhere.

        A run of two to four capitalised words is a person when something says so: a title on
        one of its words elsewhere ("Ms Meng" for "Meng Wanzhou"), an age or a role beside it
        ("Jane Alvarez, 52,", "founder Ren Zhengfei"), or a speech verb next to it. A single
        word is a person (a surname) when it has a title ("Senator Stabenow") or a speech verb
        next to it ("Manning said", "sagte Merkel") and no registered person holds it.
        """
        for match in re.finditer(rf"\b{ORGANISATION_NAME}", masked):
            tokens = match.group().split()
            while tokens and tokens[0] in NOT_NAME_WORDS:
                tokens.pop(0)
            if ORGANISATION_WORDS & set(tokens) or any(map(_GERMAN_BODY.search, tokens)):
                self._organisation(" ".join(tokens))
        for match in _INSTITUTION_SCAN.finditer(masked):  # "le ministère du Commerce"
            self._institutions.append((match.start(), self._organisation(match["name"])))
        surnames: dict[str, str | None] = {}
        for match in _HEADLINE_SPEAKER.finditer(masked):  # 'Merkel: "Migration geht alle an"'
            if match["name"] not in NOT_NAME_WORDS and match["name"] not in ORGANISATION_WORDS:
                surnames.setdefault(match["name"], None)
        for match in _TITLED_POSSESSIVE.finditer(masked):  # "President Obama's speech"
            surnames.setdefault(match["name"], HONORIFICS[match["title"].rstrip(".")])
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
        # One pass over the speech verbs, then a look at the words on either side of each (one
        # search for "Name … said" over the whole text costs seconds on a long article).
        speaking: set[str] = set()
        alone: set[str] = set()
        for verb in SPEECH_VERB_RE.finditer(masked):
            before = masked[max(0, verb.start() - 80) : verb.start()]
            after = masked[verb.end() : verb.end() + 60]
            subject = _NAME_BEFORE_VERB.search(before)
            if subject:
                speaking.add(subject["word"])
                preceding = before[max(0, subject.start() - 3) : subject.start()]
                # A lone word is a surname only in an attribution: "Manning said" (no comma,
                # which would make "a Democrat from New Mexico, accused" a person).
                if not subject["comma"] and not re.search(r"[a-zà-ÿ]\s*$", preceding):
                    alone.add(subject["word"])
            following = _NAME_AFTER_VERB.match(after)
            if following:
                speaking.add(following["word"])
                if re.search(r"[,”\"»“]\s*$", before):  # "”, sagte Merkel"
                    alone.add(following["word"])
        speaking |= set(re.findall(rf"\b({NAME_WORD}), \d{{1,3}},", masked))
        for match in _NAME_RE.finditer(masked):
            name = _strip_titles(match.group())
            tokens = name.split()
            if ORGANISATION_WORDS & set(tokens):
                continue
            if len(tokens) < 2 or PLACE_WORDS & set(tokens):
                continue
            inner = set(tokens) - (_NAME_PARTICLES if len(tokens) >= 3 else set())
            # "Stéphane Le Foll", "Marine Le Pen", "Charles De Gaulle": a particle inside a
            # name is part of it, not a clause word.
            if _CLAUSE_WORDS & (inner | {tokens[0], tokens[-1]}) or tokens[0] in NOT_NAME_WORDS:
                continue
            if any(is_role_word(token) for token in tokens):
                continue
            before = masked[max(0, match.start() - 40) : match.start()]
            after = masked[match.end() : match.end() + 120]
            roles = _roles_near(before, after)
            titles = match.group().split()[: -len(tokens)]
            roles.update(word.lower() for word in titles if is_role_word(word))
            titled = [token for token in tokens if token in surnames]
            governed = _after_preposition(before)  # "en diálogo con Radio Nacional dijo"
            spoke = not governed and (
                _SPOKE_AFTER.match(after) or _SPOKE_BEFORE.search(before[-30:])
            )
            party = _PARTY.match(after)  # "Dianne Feinstein (D-Calif.)"
            # "Claudia Sheinbaum se convirtió", "Cristina Fernández juró": a name doing something.
            acts = _ACTS.match(after) and not any(token.isupper() for token in tokens)
            if titled or roles or spoke or party or acts or speaking & set(tokens):
                person = self._person(name)
                person.roles.update(roles)
        for token in sorted(alone | set(surnames)):
            if token in ORGANISATION_WORDS or token.endswith("."):
                continue
            if token in NOT_NAME_WORDS and not (token in SURNAME_LIKE and token in alone):
                continue
            if not self._by_token.get(token):
                self._person(token, surnames.get(token))
        # A title gives a gender ("Ms Meng" for "Meng Wanzhou") when one person has that name.
        for token, gender in surnames.items():
            holders = self._by_token.get(token, [])
            if len(holders) == 1 and holders[0].gender is None:
                holders[0].gender = gender

    def _person(self, name: str, gender: str | None = None) -> Entity:
        for person in self._by_token.get(name.split()[-1], []):
            if person.name == name:
                person.gender = person.gender or gender
                return person
        person = Entity(name, PERSON, gender)
        self.people.append(person)
        for token in set(person.tokens):
            self._by_token.setdefault(token, []).append(person)
        return person

    def _forget_person(self, person: Entity) -> None:
        self.people.remove(person)
        for token in set(person.tokens):
            self._by_token[token].remove(person)

    def _organisation(self, name: str) -> Entity:
        name = re.sub(rf"^{DETERMINER}\s+", "", name)
        for organisation in self.organisations:
            if organisation.name.casefold() == name.casefold():
                return organisation
        # "a Brightwater spokesman" speaks for the "Brightwater Inns" named earlier, even if
        # that name was taken for a person's.
        for entity in [*self.organisations, *self._by_token.get(name.split()[0], [])]:
            if entity.name.startswith(name + " "):
                if entity.kind == PERSON:
                    self._forget_person(entity)
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
            if not mention.text and self.unknown_spoke:
                return None  # "«…», cuestionó el vecino. «…», contó.": the same unknown person
            if self.speaking_organisation is not None:
                return self.speaking_organisation
            return self._salient_person(PRONOUN_GENDER.get(mention.text.lower()))
        if mention.category == "spokesperson":
            if mention.name:
                organisation = self._organisation(mention.name)
            else:
                organisation = self._organisation_described(mention.head)
            self.spokesperson_for = organisation or self.spokesperson_for
            return organisation
        if mention.category == "office":
            # "Doe's office said": that person's; "her office said": the person in view.
            person = self._named(mention.name, None, titled=False) if mention.name else None
            if person is None or person.kind != PERSON:
                person = None if mention.name else self._salient_person(None)
            return self._organisation(f"Office of {person.name}") if person else None
        if mention.category == "colon":
            return self.named_before_colon(mention.text)
        if mention.category == "document":
            return self.statement_by or self.recent_organisation
        if mention.category == "description":
            if mention.head in OFFICE_HEADS:
                named = self._organisation_with_words(mention.text)
                if named is not None:
                    return named  # "the sheriff's office said": "the … Sheriff's Office" named
                # "Le cabinet précise", "the office said": the office of the person in view.
                person = self._salient_person(None)
                return self._organisation(f"Office of {person.name}") if person else None
            if mention.head in ORGANISATION_HEADS:
                return self._organisation_described(mention.head)
            if mention.head in DOCUMENT_HEADS:
                return self.statement_by or self.recent_organisation
            body = _spokesperson_body(mention.head)
            if body:
                # "eine Polizeisprecherin", "der Regierungssprecher": the body the compound
                # names speaks, the one named before if any ("die Bremer Polizei").
                return self._organisation_described(body) or self._organisation(body.title())
            if mention.head in _SPOKESPEOPLE:
                # "a sheriff's office spokesperson": the body its words name, if named before.
                body_words = mention.text.rsplit(" ", 1)[0]
                named = self._organisation_with_words(body_words)
                if named is not None:
                    return named
            if mention.head in _SPOKESPEOPLE and self.spokesperson_for is not None:
                return self.spokesperson_for
            if mention.head in _SPOKESPEOPLE and self._organisation_just_named is not None:
                # "Für die Polizei war es ruhig. „…“, berichtete ein Sprecher.": the
                # spokesperson of the organisation this sentence or the last one named.
                return self._organisation_just_named
            if not _is_speaker_description(mention):
                return None  # "the cuts were announced": a noun, not a speaker
            if re.match(INDEFINITE + r"\s", mention.text):
                return None  # "a witness said": someone new, never a person already named
            return self._person_described(_content_words(mention.text) | mention.roles)
        if mention.category == "honorific":
            return self._named(mention.name, HONORIFICS.get(mention.title), titled=True)
        if self.language == "de" and self._german_noun_phrase(mention):
            # "so der Dresdner Spediteur", "Nur die Einigung Europas garantiere": German nouns
            # are capitalised; with an article, or a noun's ending, and nobody of that name
            # in the cast, the words are a description or a thing, not a person's name. With
            # three words or more after the article ("die Sängerin Lena Meyer"), the first is
            # the noun and the rest the name.
            tokens = mention.name.split()
            if len(tokens) >= 3 and _ARTICLE_DE.match(mention.text):
                person = self._named(" ".join(tokens[1:]), None, titled=False)
                if person is not None and person.kind == PERSON:
                    person.roles.add(tokens[0].lower())
                return person
            word = tokens[-1].lower()
            return self._person_described({word}) if is_role_word(word) else None
        entity = self._named(mention.name, None, titled=False)
        if (
            entity is not None
            and entity.kind == UNKNOWN
            and len(mention.name.split()) == 1
            and not mention.name.isupper()  # "a écrit l'AFP": an acronym names a body
            and _ARTICLE_FIRST.match(mention.text)
        ):
            # "le confesó el Comandante": one unknown capitalised word after an article is a
            # nickname or a noun, not a surname; only a role finds the person it describes.
            word = mention.name.lower()
            return self._person_described({word}) if is_role_word(word) else None
        if entity is not None and entity.kind == PERSON:
            entity.roles.update(mention.roles)
        return entity

    def _german_noun_phrase(self, mention: Mention) -> bool:
        tokens = mention.name.split()
        if len(tokens) < 2 or ORGANISATION_WORDS & set(tokens):
            return False
        if _ARTICLE_DE.match(mention.text) and not mention.roles:
            return True  # a name takes no article in news copy, unless a role comes between
        known = any(person.name == mention.name for person in self._by_token.get(tokens[-1], []))
        return not known and bool(_GERMAN_NOUN_ENDING.search(tokens[0]))

    def named_before_colon(self, head: str) -> Entity | None:
        """The first known person named in ``head``, a pronoun's person, or, in German
        indirect speech ("… sei unglaubwürdig:"), the last speaker."""
        if _UNNAMED_SUBJECT.match(head):
            return None  # "A senior aide of Sen. Schumer tells Ask a Pol:": not Schumer
        for match in _NAME_OR_PRONOUN.finditer(head):
            if match["pronoun"]:
                return self._salient_person(PRONOUN_GENDER.get(match["pronoun"].lower()))
            mention = parse_mention(match.group())
            entity = self._known(mention) if mention else None
            if entity is not None:
                return entity
        if REPORTED_MOOD.search(head):
            return self.last_speaker
        # "Bahn-Chef Hartmut Mehdorn, Besitzer der Bahncard 100: „…“", "Pour Xavier Bertrand
        # (ex-LR), c'est : « … »": a person introduced by name at the start of the sentence.
        opening = _OPENING_NAME.match(head)
        if opening:
            name = _strip_titles(opening["name"])
            tokens = name.split()
            if (
                2 <= len(tokens) <= 4
                and not (ORGANISATION_WORDS | PLACE_WORDS | NOT_NAME_WORDS) & set(tokens)
                and not _INSTITUTION.fullmatch(name)
            ):
                return self._person(name)
        return None

    def _salient_person(self, gender: str | None) -> Entity | None:
        """He or she: the last sentence's subject, else the last speaker, else the last named."""
        candidates = (self.subject, self.last_speaker, *reversed(self.recent[-20:]))
        for candidate in candidates:
            if candidate is not None and candidate.kind == PERSON:
                if gender and candidate.gender and candidate.gender != gender:
                    continue
                candidate.gender = candidate.gender or gender
                return candidate
        return None

    def _person_described(self, words: set[str]) -> Entity | None:
        """ "the senator from Idaho": the person whose roles share most words with it, the most
        recently mentioned on a tie; with none ("the 74-year-old"), the salient person, who
        keeps the description as a role ("the prime minister" then finds them again)."""
        candidates = [*reversed(self.recent), *(p for p in self.people if p not in self.recent)]
        best = max(candidates, key=lambda person: len(person.roles & words), default=None)
        if best is not None and best.roles & words:
            return best
        salient = self._salient_person(None)
        if salient is not None:
            salient.roles.update(word for word in words if is_role_word(word))
        return salient

    def _organisation_with_words(self, description: str) -> Entity | None:
        """The organisation named before whose name holds every word of ``description``
        beyond its article ("the sheriff's office": "Tangipahoa Parish Sheriff's Office")."""
        words = _possessive_free(description) - _STOPWORDS
        if len(words) < 2:
            return None
        for organisation in reversed(self.organisations):
            if organisation.kind == ORGANISATION and words <= _possessive_free(organisation.name):
                return organisation
        # Not in the cast (a possessive stops a run of capitals): the same words capitalised.
        capitalised = [
            "['’]".join(map(re.escape, re.split(r"['’]", word[0].upper() + word[1:])))
            for word in re.findall(r"[\w'’-]+", description)[1:]
        ]
        words_pattern = r"\s+".join(capitalised)
        match = re.search(rf"\b(?:[{UPPER}][\w-]*\s+){{1,4}}{words_pattern}\b", self._masked)
        if match is None:
            return None
        return self._organisation(_LEADING_ARTICLE.sub("", match.group()))

    def _organisation_described(self, head: str) -> Entity | None:
        for organisation in reversed(self.organisations):
            words = organisation.name.lower().split()
            if words == [head]:
                continue  # "Ministerium" alone, read from "das Ministerium": not a name
            # "das Ministerium" is the "Innenministerium" named before (a German compound).
            if head in words or (len(head) >= 6 and any(w.endswith(head) for w in words)):
                return organisation
        if head in _LAST_ORGANISATION_HEADS and self.organisations:
            return self.recent_organisation or self.organisations[-1]
        return None

    def _named(self, name: str, gender: str | None, *, titled: bool) -> Entity | None:
        tokens = name.split()
        if not tokens:
            return None
        if not titled and (
            ORGANISATION_WORDS & set(tokens)
            or re.search(r"\s(?:of|for)\s", name)
            or _INSTITUTION.fullmatch(name)
        ):
            return self._organisation(name)
        if len(tokens) >= 2:
            for person in self._by_token.get(tokens[-1], []):
                if person.name == name or person.name.endswith(" " + name):
                    return person
            if PLACE_WORDS & set(tokens) or any(len(t) > 1 and t.isupper() for t in tokens):
                return None  # "no previous Conservative PM has promised": not a person's name
            return self._person(name, gender)
        token = tokens[0]
        holders = self._by_token.get(token, [])
        matches = [person for person in holders if person.tokens[-1] == token]
        matches = matches or [person for person in holders if person.tokens[0] == token]
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
        self.unknown_spoke = False
        if entity.kind == PERSON:
            self.last_speaker = entity
            self._seen(entity)

    def read_sentence(
        self,
        masked: str,
        sentence: Span,
        speaker: Entity | None,
        fragment_speaker: Entity | None = None,
    ) -> Entity | None:
        """Move the attention on: the sentence's subject is its speaker or its first person,
        which is returned (None when it names nobody). A person opening the sentence is its
        subject rather than one quoted in passing later in it ("Salvador se ha referido a las
        palabras de Juan Marín, quien ha reconocido “otras soluciones”")."""
        opening = None
        mentioned = []
        self._organisation_just_named = None
        first = bisect.bisect_left(self._institutions, (sentence.start,), key=lambda i: i[:1])
        for offset, institution in self._institutions[first:]:
            if offset >= sentence.end:
                break
            self.recent_organisation = institution
            self._organisation_just_named = institution
        for match in _SENTENCE_MENTION.finditer(masked, sentence.start, sentence.end):
            if re.match(r"['’]s\b", masked[match.end() : match.end() + 3]):
                continue  # "Mr Ren's eldest daughter": Mr Ren is not the subject
            if match["described"]:
                entity = self._person_described(_content_words(match.group()))
            else:
                mention = parse_mention(match.group())
                entity = self._known(mention) if mention else None
            if entity is not None and entity.kind == PERSON:
                if _after_preposition(masked[max(0, match.start() - 30) : match.start()]) or (
                    self.language in PRO_DROP
                    and _IN_REPORTED_CLAUSE.search(masked, sentence.start, match.start())
                ):
                    self._seen(entity)  # "in an interview with X": on the mind, not the subject
                    continue
                if not mentioned and not masked[sentence.start : match.start()].strip():
                    opening = entity
                mentioned.append(entity)
            elif entity is not None:
                self.recent_organisation = entity
                self._organisation_just_named = entity
        if speaker is None and fragment_speaker is not None and fragment_speaker.kind == PERSON:
            speaker = opening or fragment_speaker
        if speaker is not None and speaker.kind == PERSON:
            self.subject = speaker
        elif mentioned:
            self.subject = mentioned[0]
        for entity in mentioned:
            self._seen(entity)
        for match in _POSSESSIVE.finditer(masked, sentence.start, sentence.end):
            # "President Obama's speech": Obama is not the subject, but is on the reader's mind.
            for person in self._by_token.get(match["name"], []):
                if person not in mentioned:
                    self._seen(person)
        return mentioned[0] if mentioned else None

    def opening_subject(self, masked: str, sentence: Span) -> Entity | None:
        """The person the sentence opens with, after a conjunction at most: "Aber der Mainzer
        Innenminister sieht … und erklärt:", "Il a souligné …, tout en précisant :"."""
        text = masked[sentence.start : sentence.end]
        start = sentence.start + len(text) - len(text.lstrip())
        first = re.match(r"(\w+),?\s+", masked[start : sentence.end])
        if first and first.group(1) in _OPENING_CONJUNCTIONS:
            start += first.end()
        match = _SENTENCE_MENTION.match(masked, start, min(sentence.end, start + 80))
        if match is None:
            # "der Mainzer Innenminister": a German compound role the pattern does not list.
            words = masked[start : min(sentence.end, start + 80)].split()[:4]
            for count in range(len(words), 1, -1):
                mention = parse_mention(" ".join(words[:count]))
                if mention is not None and _is_speaker_description(mention):
                    entity = self._person_described(_content_words(mention.text))
                    return entity if entity is not None and entity.kind == PERSON else None
            return None
        if match["described"]:
            entity = self._person_described(_content_words(match.group()))
        else:
            # "Bundesinnenminister Thomas de Maizière": the name that ends the phrase.
            mention = parse_mention(match.group()) or _longest_suffix_mention(match.group())
            entity = self._known(mention) if mention else None
        return entity if entity is not None and entity.kind == PERSON else None

    def _known(self, mention: Mention) -> Entity | None:
        """Resolve a mention met in narration, without registering anyone new."""
        if mention.category in ("pronoun", "honorific"):
            return self.resolve(mention)
        if mention.category == "description":
            if not _is_speaker_description(mention):
                return None
            return self._person_described(_content_words(mention.text))
        if mention.category == "name":
            tokens = mention.name.split()
            for person in self._by_token.get(tokens[-1], []):
                if person.name == mention.name or len(tokens) == 1:
                    return person
            for organisation in self.organisations:
                if organisation.name == mention.name or organisation.name.startswith(
                    mention.name + " "
                ):
                    return organisation
        return None

    def named_person(self, phrase: str) -> Entity | None:
        """The known person ``phrase`` (a run of capitalised words in narration) names, if any."""
        mention = parse_mention(phrase) or _longest_suffix_mention(phrase)
        if mention is None or mention.category not in ("name", "honorific"):
            return None
        tokens = mention.name.split()
        people = self._by_token.get(tokens[-1], []) if tokens else []
        for person in people:
            if person.name == mention.name or person.name.endswith(" " + mention.name):
                return person
        return people[0] if people and len(tokens) == 1 else None

    def _seen(self, entity: Entity) -> None:
        if entity in self.recent:
            self.recent.remove(entity)
        self.recent.append(entity)


_ROLE_NOUN = r"(?:" + "|".join(sorted(ROLE_NOUNS, key=len, reverse=True)) + r")"
# What may name a person in narration: a pronoun, a titled name, a description, a name.
_SENTENCE_MENTION = re.compile(
    rf"\b(?:{PRONOUN}\b|{HONORIFIC}\s+{NAME}|(?P<described>{DETERMINER}\s+(?:\d+-year-old\b|"
    rf"(?:[\w-]+\s+){{0,2}}?(?i:{_ROLE_NOUN})\b(?:\s+(?:of|from)\s+{NAME})?))|{NAME})"
)
_OPENING_CONJUNCTIONS = frozenset(
    "But And Yet So Still Mais Et Puis Alors Aber Und Doch Dann Pero Y Sin Luego".split()
)
# A person's office speaking for them: "her office said", "le cabinet précise".
OFFICE_HEADS = frozenset({"office", "cabinet", "campaign", "entourage", "büro", "oficina"})
_SPOKESPEOPLE = frozenset(
    "spokesperson spokesman spokeswoman representative porte-parole sprecher sprecherin "
    "portavoz vocero vocera".split()
)
# "the company said", "the paper said": the organisation last named.
_LAST_ORGANISATION_HEADS = frozenset(
    {"company", "firm", "group", "paper", "newspaper", "agency", "zeitung"}
)
_HEADLINE_SPEAKER = re.compile(rf"(?:^|\n)(?P<name>[{UPPER}][\w-]+):\s*[\"“„«»‘']")
_POSSESSIVE = re.compile(rf"(?:{HONORIFIC}\s+)?(?P<name>[{UPPER}][\w-]+)['’]s\b")
_TITLED_POSSESSIVE = re.compile(rf"\b(?P<title>{HONORIFIC})\s+(?P<name>[{UPPER}][\w-]+)['’]s\b")
NAME_RE = _NAME_RE = re.compile(rf"\b{NAME}")
_SPOKE_AFTER = re.compile(rf",?\s+{ADVERBS}*{SPEECH_VERB}\b")
_SPOKE_BEFORE = re.compile(rf"\b{SPEECH_VERB}\s+$")
_PARTY = re.compile(r"\s*\([DRI]-")
_ACTS = re.compile(r" (?:se |s['’]|a )?[a-zàâçéèêëîïôûùüÿñæœäöß]{3,}")
_NAME_BEFORE_VERB = re.compile(rf"\b(?P<word>{NAME_WORD})(?P<comma>,?)\s+{ADVERBS}*$")
_NAME_AFTER_VERB = re.compile(rf"\s+(?P<word>{NAME_WORD})\b(?!\s+[{UPPER}])")
# A name in the first words of a sentence, after an article, "For" or a role at most.
_OPENING_NAME = re.compile(
    rf"\s*(?:[-–—]\s*)?(?:(?:{DETERMINER}|[Pp]our|[Ff]ür|[Pp]ara|[Ff]or)\s+)?"
    rf"(?:[a-zà-ÿ][\w-]*\s+)?(?P<name>{NAME})\s*(?:[,:(]|\s+(?:über|sur|on|sobre)\b)"
)
_NAME_OR_PRONOUN = re.compile(rf"\b(?:(?P<pronoun>{PRONOUN})\b|{HONORIFIC}\s+{NAME}|{NAME})")
# German indirect speech (Konjunktiv I) reports what the last speaker said.
REPORTED_MOOD = re.compile(r"\b(?:sei|seien|habe|müsse|könne|werde|solle|dürfe)\b")
_STOPWORDS = _DESCRIPTION_STOPWORDS | {"its", "their", "his", "her", "senior", "former"}


_LEADING_ARTICLE = re.compile(r"^(?:The|La|Le|Les|Die|Der|Das|El|Los|Las)\s+")


def _possessive_free(phrase: str) -> set[str]:
    return {re.sub(r"['’]s?$", "", word) for word in re.findall(r"[\w'’-]+", phrase.lower())}


def _content_words(phrase: str) -> set[str]:
    return {word for word in re.findall(r"[\w-]+", phrase.lower()) if word not in _STOPWORDS}


def _roles_near(before: str, after: str) -> set[str]:
    """Words that describe a person beside their name: the role before it ("founder Ren
    Zhengfei"), an age, a place ("of Idaho") and an appositive ("Jane Doe, the mayor,",
    "Horst Seehofer, Ex-Gesundheitsminister,")."""
    roles = set()
    # "founder Ren Zhengfei", "El ministro de Salud, Luis Ortega": a role just before the name.
    # "The Minister of Information and Culture, Alhaji Lai Mohammed": up to six words.
    preceding = re.search(r"((?:[\w’'-]+\s+){0,5}[\w’'-]+),\s+$", before) or re.search(
        r"([\w-]+)\s+$", before
    )
    if preceding:
        roles.update(word.lower() for word in preceding.group(1).split() if is_role_word(word))
    place = re.match(rf"\s+(?:of|from)\s+({NAME})", after)
    if place:
        roles.update(_content_words(place.group(1)))
        after = after[place.end() :]
    age = re.match(r",\s*(\d{1,3}),", after)
    if age:
        roles.add(f"{age.group(1)}-year-old")
        after = after[age.end() - 1 :]
    appositive = re.match(rf",\s+(?:{DETERMINER}|{INDEFINITE}|its|their)\s+([^,.;:]+)", after)
    if appositive:
        roles.update(_content_words(appositive.group(1)))
    else:
        # "Horst Seehofer, Ex-Gesundheitsminister,": a role with no article, between commas.
        bare = re.match(r",\s+((?:[\w-]+\s+){0,2}[\w-]+)\s*,", after)
        if bare and any(is_role_word(word) for word in bare.group(1).split()):
            roles.update(_content_words(bare.group(1)))
    return roles
