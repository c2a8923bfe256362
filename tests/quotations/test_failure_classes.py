"""The failure classes of issue 17, one pattern at a time, in the four languages."""

# ruff: noqa: RUF001

from __future__ import annotations

from quotations import FRAGMENT, FULL
from quotations.attribution import ORGANISATION, PERSON, Coreference, parse_mention
from tests.quotations.readings import attributed

# -- organisations as speakers --------------------------------------------------------------


def test_her_office_speaks_for_the_person_as_an_organisation():
    text = 'Senator Jane Ruiz did not attend.\n\n"We will appeal," her office said in a statement.'
    assert attributed(text) == [("We will appeal", "Office of Jane Ruiz", FULL)]


def test_the_ministry_said_in_a_statement_is_the_ministry_named_earlier():
    text = (
        "The Ministry of Transport ordered an inquiry.\n\n"
        '"Safety comes first," the ministry said in a statement.'
    )
    assert attributed(text) == [("Safety comes first", "Ministry of Transport", FULL)]


def test_the_paper_said_is_the_newspaper_named_before():
    text = 'The Daily Post published the letter.\n\n"We stand by our reporting," the paper said.'
    assert attributed(text) == [("We stand by our reporting", "Daily Post", FULL)]


def test_an_organisation_speaker_has_the_organisation_kind():
    coreference = Coreference("The Ministry of Transport ordered an inquiry.")
    entity = coreference.resolve(parse_mention("the ministry"))
    assert (entity.name, entity.kind) == ("Ministry of Transport", ORGANISATION)


# -- surnames and titles ----------------------------------------------------------------------


def test_a_title_and_surname_alone_registers_a_person_later_mentions_find():
    text = (
        'Prime Minister Cameron spoke in Leeds. "We will act," Cameron said.\n\n'
        '"Today is the day," he added.'
    )
    assert [speaker for _, speaker, _ in attributed(text)] == ["Cameron", "Cameron"]


def test_a_surname_next_to_a_speech_verb_is_a_person_for_a_later_pronoun():
    text = '"We lost," Okafor said.\n\nThe team flew home.\n\n"It hurts," she said.'
    coreference = Coreference(text)
    assert coreference.resolve(parse_mention("Okafor")).kind == PERSON
    assert [speaker for _, speaker, _ in attributed(text)] == ["Okafor", "Okafor"]


# -- words between subject and verb, appositive chains ----------------------------------------


def test_adverbs_and_auxiliaries_between_subject_and_verb():
    text = (
        'Dr Amal Haddad runs the clinic. She later told reporters: "We are full."\n\n'
        'Haddad further added: "Send help."'
    )
    assert [speaker for _, speaker, _ in attributed(text)] == ["Amal Haddad", "Amal Haddad"]


def test_an_appositive_chain_before_the_verb_keeps_the_name_first():
    text = 'Tom Reyes, Area Sales Manager and a Dallas native said, "Sales doubled."'
    assert attributed(text) == [("Sales doubled.", "Tom Reyes", FULL)]


def test_a_title_before_a_name_between_commas():
    text = 'Head of Research, Mia Lund, commented, "The data is clear."'
    assert attributed(text) == [("The data is clear.", "Mia Lund", FULL)]


def test_a_wider_speech_verb_lexicon_keeps_a_full_quotation_full():
    text = 'Mia Lund commented: "The data is clear." Lund reiterated: "We publish everything."'
    assert attributed(text) == [
        ("The data is clear.", "Mia Lund", FULL),
        ("We publish everything.", "Mia Lund", FULL),
    ]


# -- nouns that are not speakers, headlines -------------------------------------------------


def test_a_noun_before_a_verb_is_never_resolved_to_the_last_person():
    text = 'Mr Cole spoke first. The cuts were announced as "temporary measures".'
    assert attributed(text) == [("temporary measures", None, FRAGMENT)]


def test_a_party_is_not_a_person():
    text = (
        'Prime Minister David Cameron met the Liberal Democrats, who agreed. "We are united," '
        "Cameron said."
    )
    assert attributed(text)[0][1] == "David Cameron"


def test_headline_scare_quotes_are_never_attributed():
    text = (
        'Mayor vows "no more delays" on bridge\n\n'
        "Mayor Ann Price said on Monday that the bridge would open. "
        '"It will open in May," she said.'
    )
    assert attributed(text) == [
        ("no more delays", None, FRAGMENT),
        ("It will open in May", "Ann Price", FULL),
    ]


# -- Q&A layouts ---------------------------------------------------------------------------


def test_question_and_answer_lines_give_the_answers_to_the_interviewee():
    text = (
        "We spoke to the novelist Sara Lind about her new book.\n\n"
        "Q: Why now?\n\nA: Because the story was ready.\n\n"
        "Q: And next?\n\nA: A long holiday."
    )
    assert attributed(text) == [
        ("Because the story was ready.", "Sara Lind", FULL),
        ("A long holiday.", "Sara Lind", FULL),
    ]


def test_initials_as_labels_find_the_person_with_those_initials():
    text = (
        "Sara Lind talks to Ben Cho.\n\n"
        "BC: Why now?\n\nSL: Because the story was ready.\n\n"
        "BC: And next?\n\nSL: A long holiday."
    )
    speakers = {speaker for _, speaker, _ in attributed(text)}
    assert "Sara Lind" in speakers


def test_bold_names_in_html_become_labels():
    from quotations import html_to_text

    html = (
        "<p>An interview with the mayor, Ann Price.</p>"
        "<p><b>Interviewer:</b> Will it open?</p><p><b>Ann Price:</b> In May.</p>"
        "<p><b>Interviewer:</b> Sure?</p><p><b>Ann Price:</b> Certain.</p>"
    )
    assert attributed(html_to_text(html)) == [
        ("In May.", "Ann Price", FULL),
        ("Certain.", "Ann Price", FULL),
    ]


# -- repeats ----------------------------------------------------------------------------------


def test_a_repeated_quotation_is_returned_once():
    text = '"We will win," Ruiz said.\n\nRuiz repeated it later: "We will win."'
    assert attributed(text) == [("We will win", "Ruiz", FULL)]


# -- French, German, Spanish -----------------------------------------------------------------


def test_french_guillemets_and_inverted_attribution():
    text = (
        "Le ministre Jean Moreau était à Lyon. « Nous tiendrons nos engagements », a-t-il "
        "déclaré. « Rien n’est joué », prévient-il."
    )
    assert attributed(text, "fr") == [
        ("Nous tiendrons nos engagements", "Jean Moreau", FULL),
        ("Rien n’est joué", "Jean Moreau", FULL),
    ]


def test_french_selon_names_the_speaker():
    text = "Selon Claire Dubois, « la réforme est morte »."
    assert attributed(text, "fr")[0][1] == "Claire Dubois"


def test_german_low_high_quotes_and_sagte_er():
    text = "Der Minister Peter Krause war in Bonn. „Wir schaffen das“, sagte er."
    assert attributed(text, "de") == [("Wir schaffen das", "Peter Krause", FULL)]


def test_german_closing_mark_directly_before_a_word_still_closes():
    text = "Krause erklärte: „Das ist falsch.“Danach ging er."
    assert attributed(text, "de") == [("Das ist falsch.", "Krause", FULL)]


def test_german_reversed_guillemets_and_laut():
    text = "»Wir bauen neu«, sagte Anna Berg. Laut Berg »beginnt die Arbeit im Mai«."
    assert attributed(text, "de")[0] == ("Wir bauen neu", "Anna Berg", FULL)
    assert attributed(text, "de")[1][1] == "Anna Berg"


def test_spanish_dijo_el_ministro_and_a_dropped_subject():
    text = (
        "El ministro de Salud, Luis Ortega, visitó el hospital. «Vamos a invertir», dijo el "
        "ministro. «No hay excusas», sostuvo."
    )
    assert attributed(text, "es") == [
        ("Vamos a invertir", "Luis Ortega", FULL),
        ("No hay excusas", "Luis Ortega", FULL),
    ]


def test_spanish_segun_names_the_speaker():
    text = "Según Marta Gil, «el plan funciona»."
    assert attributed(text, "es")[0][1] == "Marta Gil"


def test_corner_brackets_and_single_guillemets_are_quote_marks():
    text = (
        "Tanaka Hiroshi said, 「We will rebuild.」 "
        "Later: «He said ‹never again› to us», Tanaka added."
    )
    quotations = attributed(text)
    assert quotations[0] == ("We will rebuild.", "Tanaka Hiroshi", FULL)
    assert quotations[1][0] == "He said ‹never again› to us"


def test_a_capitalised_title_alone_is_a_description_of_the_person_holding_it():
    text = (
        "Jane Holt, the Prime Minister, spoke in Leeds.\n\n"
        'On schools, the Prime Minister said:\n\n"Every child deserves a good school."'
    )
    assert attributed(text) == [("Every child deserves a good school.", "Jane Holt", FULL)]


def test_a_platform_after_the_name_is_not_part_of_it():
    text = '"We stand with them," writes Lars Berg on Twitter.'
    assert attributed(text) == [("We stand with them", "Lars Berg", FULL)]


def test_spanish_attribution_between_dashes_inside_the_quotation():
    text = "«Pero también quiero decirle —continuó Ortega— que el plan sigue», en Lima."
    assert attributed(text, "es")[0][1] == "Ortega"


def test_a_name_before_a_colon_in_a_headline_is_a_person_later_quotes_find():
    text = 'Berg: "Wir bauen neu"\n\nBerg geht zuerst auf die Kosten ein. "Es wird teurer."'
    assert attributed(text, "de") == [
        ("Wir bauen neu", None, FRAGMENT),
        ("Es wird teurer.", "Berg", FULL),
    ]
