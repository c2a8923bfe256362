"""The small word lists the extractor relies on: speech verbs, titles, pronouns, organisations.

Kept in one place so that widening the extractor to a new house style is a matter of adding
words here, not of editing rules.
"""

# Word lists read best as running text, and the typographic apostrophe is the point here.
# ruff: noqa: RUF001, SIM905

from __future__ import annotations

import re

# Verbs that introduce or close reported speech. Lower case only: "Asked about it, ..." at the
# start of a sentence is a participle, not the reporting verb.
SPEECH_VERBS = (
    "said says told tells added adds explained explains continued insisted insists argued "
    "argues warned warns noted notes stated declared claimed claims replied replies asked asks "
    "wrote writes recalled acknowledged acknowledges admitted admits conceded concedes remarked "
    "stressed stresses urged urges concluded announced announces confirmed confirms maintained "
    "maintains described describes called calls branded dubbed labelled labeled promised vowed "
    "pledged cautioned complained joked shouted responded countered observed predicted "
    "emphasised emphasized agreed objected tweeted posted saying accused dismissed"
).split()
SPEECH_VERB = r"(?:" + "|".join(sorted(SPEECH_VERBS, key=len, reverse=True)) + r")"

PRONOUN_GENDER = {"he": "m", "she": "f"}
PRONOUN = r"(?:[Hh]e|[Ss]he)"

# Titles written before a name. The value is the gender the title implies, if any.
HONORIFICS = {
    "Mr": "m",
    "Mrs": "f",
    "Ms": "f",
    "Miss": "f",
    "Mx": None,
    "Dr": None,
    "Prof": None,
    "Professor": None,
    "Sir": "m",
    "Dame": "f",
    "Lord": "m",
    "Lady": "f",
    "President": None,
    "Senator": None,
    "Sen": None,
    "Rep": None,
    "Representative": None,
    "Governor": None,
    "Gov": None,
    "Mayor": None,
    "Judge": None,
    "Justice": None,
    "Chancellor": None,
    "Minister": None,
    "Secretary": None,
    "Ambassador": None,
    "General": None,
    "Gen": None,
    "Colonel": None,
    "Captain": None,
    "Inspector": None,
    "Detective": None,
    "Superintendent": None,
    "Commissioner": None,
    "Councillor": None,
    "Cllr": None,
    "Coach": None,
    "Father": "m",
    "Rev": None,
    "King": "m",
    "Queen": "f",
    "Prince": "m",
    "Princess": "f",
}
HONORIFIC = r"(?:" + "|".join(sorted(HONORIFICS, key=len, reverse=True)) + r")\.?"

# Capitalised words that make a run of capitalised words an organisation, not a person.
ORGANISATION_WORDS = frozenset(
    (
        "Ministry Department Party Army Navy Times Journal Post News Company Corporation Corp "
        "Inc Ltd Group Bank University College School Hospital Council Committee Commission "
        "Agency Authority Office Court Union Association Institute Foundation Trust Service "
        "Services Police Board Federation League Club Network Street Organisation Organization "
        "Fund Centre Center Society Government Parliament Congress Senate House Airlines Motors "
        "Technologies Systems Labs Holdings Partners Press Industries "
        "Railways Transit Authority Alliance Coalition Chamber Institute FC Clinic"
    ).split()
)

# Lower-case nouns that, after "the", designate an organisation already named.
ORGANISATION_HEADS = frozenset(
    (
        "ministry department company firm group bank council committee commission agency "
        "authority office court union association institute foundation trust service police "
        "board federation league club government hospital clinic university school party "
        "airline carrier"
    ).split()
)

# Role nouns: "founder Ren Zhengfei", "Alvarez, the council's treasurer," and later "the founder".
ROLE_NOUNS = frozenset(
    (
        "founder chief executive director minister president senator coach manager captain "
        "striker player midfielder defender goalkeeper judge lawyer attorney prosecutor teacher "
        "headteacher principal doctor nurse surgeon mayor councillor councilman councilwoman "
        "chairman chairwoman chair leader head secretary officer resident owner economist "
        "analyst scientist researcher professor author campaigner activist official governor "
        "inspector chancellor commissioner superintendent boss treasurer spokesperson "
        "spokesman spokeswoman engineer farmer landlord tenant mother father daughter son "
        "widow pilot driver candidate deputy lawmaker legislator representative chancellor "
        "businessman businesswoman entrepreneur investor banker editor reporter broadcaster "
        "singer actor actress veteran survivor witness victim defendant plaintiff premier mp mep "
        "msp member"
    ).split()
)

# Abbreviated titles, spelt out as the role a later description would use ("the senator").
TITLE_ROLES = {
    "Sen": "senator",
    "Gov": "governor",
    "Rep": "representative",
    "Prof": "professor",
    "Dr": "doctor",
    "Cllr": "councillor",
    "Gen": "general",
}

# Nouns for a document an organisation issued: "the statement said".
DOCUMENT_HEADS = frozenset({"statement", "report", "letter", "announcement", "website"})

SPOKESPERSON = (
    r"(?:spokesperson|spokesman|spokeswoman|spokespeople|representative|press officer|statement)"
)

# Capitalised words that start a sentence or a clause and are not part of a name.
NOT_NAME_WORDS = frozenset(
    (
        "The A An And But Or So Yet In On At By For From With Without After Before During Since "
        "Until When While Where If As Although Though However Meanwhile Last This That These "
        "Those It Its He She His Her They Their We Our I You Your Asked Speaking Earlier Later "
        "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April "
        "May June July August September October November December Press Source Read More "
        "Mr Mrs Ms Dr Also Now Then Still One Two Three Some Many Most All Both Each Such "
        "Despite Under Over Across Among Between Against Around About Outside Inside Of To Not"
    ).split()
)

ABBREVIATIONS = frozenset(
    (
        "Mr Mrs Ms Dr St Jr Sr Prof Gen Gov Sen Rep Lt Col Capt Sgt Det No Inc Ltd Co Corp vs "
        "etc Jan Feb Mar Apr Aug Sep Sept Oct Nov Dec Mt Ave Rev Cllr"
    ).split()
)

# One capitalised word of a name: "Ren", "O'Brien", "Smith-Jones", "J."; never "Ren's".
NAME_WORD = r"(?:[A-Z]\.|[A-Z][\w-]*(?:['’][A-Z][\w-]*)?\b(?!['’]s\b))"
NAME = NAME_WORD + r"(?:\s+(?:(?:de|van|von|der|da|di|bin|al|la|le)\s+)?" + NAME_WORD + r"){0,3}"
# A named organisation may hold "of", "for", "and": "Ministry of Health".
ORGANISATION_NAME = NAME_WORD + r"(?:\s+(?:(?:of|for|and|&|on)\s+(?:the\s+)?)?" + NAME_WORD + r")*"

# Words that may stand between a speaker and the speech verb: "he also said", "Smith has warned".
ADVERB = (
    r"(?:also|later|then|once|previously|repeatedly|earlier|again|has|had|have|was|is|will|"
    r"would|did|does|[a-z]\w+ly)"
)
ADVERBS = rf"(?:{ADVERB}\s+)"

SPEECH_VERB_RE = re.compile(r"\b" + SPEECH_VERB + r"\b")
