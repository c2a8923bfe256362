"""Session 12: an interview whose answers' speaker is not read with certainty gives its answers
no speaker (docs/extraction.md, section 13). Every sentence here is written for the test, not
copied from an article; each test fails without the guard.
"""

from __future__ import annotations

from quotations import extract_quotations
from quotations.guards import GUARDS, guard
from quotations.quotes import Quotation

BRIEFING = (
    "Spokesperson Mary Okafor's Regular Briefing on May 2\n\n"
    "Spokesperson Mary Okafor held a briefing on May 2.\n\n"
    "Mary Okafor opened the briefing with one announcement.\n\n"
    "At the invitation of President John Harlow, the Chilean president will visit next week.\n\n"
    "Q: What is your comment on the new tariffs?\n\n"
    "A: We have always said that trade should be fair to all sides.\n\n"
    "Q: Will the talks resume?\n\n"
    "A: The talks will resume when both sides are ready."
)

PODCAST = (
    "Talking budgets with the city manager\n\n"
    "Ana Ruiz has run the city for two years. We talked about budgets and parks.\n\n"
    "Q: I watched a Green Valley council meeting last week. Was it typical?\n\n"
    "A: I would say it was a quiet one.\n\n"
    "Q: What comes next?\n\n"
    "A: The parks plan comes next."
)


def answer(text: str, speaker: str, opening: str) -> Quotation:
    start = text.index(opening)
    return Quotation(opening, speaker, "A", opening, start, start + len(opening), "full", "person")


def test_answers_are_not_given_to_someone_named_once_beside_the_one_the_briefing_presents():
    # The introduction names Mary Okafor three times and President John Harlow once: the
    # answers are hers or nobody's, never his.
    names = {quote.speaker for quote in extract_quotations(BRIEFING, "en") if quote.speaker}
    assert "John Harlow" not in names
    guessed = answer(BRIEFING, "John Harlow", "We have always said")
    assert guard([guessed], BRIEFING)[0].speaker is None


def test_answers_are_not_given_to_a_name_found_only_in_a_question():
    names = {quote.speaker for quote in extract_quotations(PODCAST, "en") if quote.speaker}
    assert "Green Valley" not in names
    guessed = answer(PODCAST, "Green Valley", "I would say it was")
    assert guard([guessed], PODCAST)[0].speaker is None


def test_answers_keep_the_speaker_the_introduction_presents():
    presented = answer(BRIEFING, "Mary Okafor", "We have always said")
    assert guard([presented], BRIEFING)[0].speaker == "Mary Okafor"
    assert "interview_intro" in GUARDS
