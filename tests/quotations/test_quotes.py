"""Finding quotations, one pattern at a time."""

# ruff: noqa: RUF001

from __future__ import annotations

from quotations import FRAGMENT, FULL, extract_quotations


def only(text):
    (quotation,) = extract_quotations(text)
    return quotation


def test_said_before_the_quote_with_a_colon():
    quotation = only('Jane Doe, the mayor, spoke first.\n\nShe said: "We will win."')
    assert (quotation.text, quotation.speaker, quotation.kind) == ("We will win.", "Jane Doe", FULL)


def test_quote_then_pronoun_said_drops_the_trailing_comma():
    quotation = only('Jane Doe, the mayor, spoke first.\n\n"We will win," she said.')
    assert quotation.text == "We will win"
    assert (quotation.speaker, quotation.mention) == ("Jane Doe", "she")


def test_quote_then_said_and_a_titled_name():
    text = "Mayor Ana Ruiz opened the bridge.\n\n“It is finished,” said Ms Ruiz."
    quotation = only(text)
    assert (quotation.speaker, quotation.mention) == ("Ana Ruiz", "Ms Ruiz")


def test_american_style_surname_then_said():
    text = 'Tom Baker, 61, owns the bakery.\n\n"Bread is up 20 percent," Baker said.'
    assert only(text).speaker == "Tom Baker"


def test_colon_introduction_by_a_description_resolves_to_the_subject():
    text = (
        "Ana Ruiz, a baker, has run the shop since 1990.\n\n"
        "But the 61-year-old told reporters: “I am not retiring.”"
    )
    quotation = only(text)
    assert (quotation.speaker, quotation.mention) == ("Ana Ruiz", "the 61-year-old")


def test_he_added_continues_the_last_speaker():
    text = "“We are ready,” said Ms Ruiz.\n\n“The bridge is safe,” she added."
    assert [q.speaker for q in extract_quotations(text)] == ["Ruiz", "Ruiz"]


def test_quotation_over_several_paragraphs_is_one_quotation():
    text = '"First paragraph of it.\n\n"Second paragraph of it.\n\n"And the end," Ruiz said.'
    quotation = only(text)
    assert quotation.text == "First paragraph of it. Second paragraph of it. And the end"
    assert quotation.start == 1 and quotation.end == text.index(',"')
    assert quotation.speaker == "Ruiz"


def test_nested_quote_is_part_of_the_outer_quotation():
    quotation = only("“They told me, ‘Go home,’ and I did,” Ruiz said.")
    assert quotation.text == "They told me, ‘Go home,’ and I did"


def test_straight_nested_single_quotes_are_part_of_the_outer_quotation():
    quotation = only("\"They told me, 'Go home,' and I did,\" Ruiz said.")
    assert quotation.text == "They told me, 'Go home,' and I did"


def test_apostrophes_inside_words_are_not_quote_marks():
    text = "‘We don’t know, and we can’t say what Trump’s team will do,’ Ruiz said."
    quotation = only(text)
    assert quotation.text == "We don’t know, and we can’t say what Trump’s team will do"
    assert text[quotation.start : quotation.end] == quotation.text


def test_decade_apostrophes_do_not_open_a_quotation():
    quotation = only("\"Back in the '70s and '80s it was busy,\" Ruiz said.")
    assert quotation.text == "Back in the '70s and '80s it was busy"


def test_partial_quote_in_reported_speech_is_a_fragment_of_the_subject():
    text = "Mr Ren met reporters.\n\nMr Ren described Mr Trump as being a “great president”."
    quotation = only(text)
    assert (quotation.text, quotation.kind) == ("great president", FRAGMENT)
    assert quotation.speaker == "Ren"


def test_spokesperson_quotes_belong_to_the_organisation():
    text = '"Stay at home," a spokesperson for the Ministry of Health said.'
    quotation = only(text)
    assert quotation.speaker == "Ministry of Health"
    assert quotation.mention == "a spokesperson for the Ministry of Health"


def test_company_spokesperson_before_the_noun():
    assert only("“No comment,” a Huawei spokesperson said.").speaker == "Huawei"


def test_quote_with_no_attribution_is_kept_without_a_speaker():
    text = 'The queue formed at dawn.\n\n"Nobody told us anything."'
    quotation = only(text)
    assert (quotation.speaker, quotation.mention, quotation.kind) == (None, None, FULL)


def test_unreadable_attribution_is_not_replaced_by_the_previous_speaker():
    text = '"We are ready," Ruiz said. "It is chaos," a witness said.'
    assert [q.speaker for q in extract_quotations(text)] == ["Ruiz", None]


def test_a_second_quote_after_an_attributed_one_keeps_its_speaker():
    text = '"We are ready," Ruiz said. "The bridge is safe."'
    assert [q.speaker for q in extract_quotations(text)] == ["Ruiz", "Ruiz"]


def test_a_name_with_no_sign_of_being_a_person_is_not_a_pronoun_antecedent():
    text = 'New Zealand has blocked the deal.\n\n"We had no choice," he said.'
    assert only(text).speaker is None


def test_pronoun_skips_a_speaker_of_the_other_gender():
    text = (
        "Mr Cole and Ms Ruiz debated.\n\n"
        '"No," Ms Ruiz said.\n\n'
        "Mr Cole shook his head.\n\n"
        '"Yes," she said.'
    )
    assert [q.speaker for q in extract_quotations(text)] == ["Ruiz", "Ruiz"]


def test_description_by_role_finds_the_person_introduced_with_it():
    text = (
        "Councillor David Price and Janet Morris, 67, met on Monday.\n\n"
        '"It is a great day," the councillor said.'
    )
    assert only(text).speaker == "David Price"


def test_context_is_the_sentence_around_the_quotation():
    text = 'Ruiz arrived late.  "We are ready,"   Ruiz said.  She left.'
    assert only(text).context == '"We are ready," Ruiz said.'


def test_scare_quotes_without_a_speech_verb_are_unattributed_fragments():
    quotation = only('Press "Enter" to skip to content')
    assert (quotation.kind, quotation.speaker) == (FRAGMENT, None)
