"""Speech verbs of the four languages that real articles use and the lexicon lacked: verbs of
tone and of closing a speech, present tenses, local news's verbs and its lost accents. In
sentences written for these tests (never copied from a corpus article)."""

from __future__ import annotations

import pytest

from tests.quotations.readings import full_quotation_speakers


@pytest.mark.parametrize(
    "attribution",
    ["gronde-t-il", "accuse le maire", "se désole-t-il", "a-t-il fini", "fustige le maire"],
)
def test_french_verbs_of_tone_and_of_closing_attribute(attribution):
    text = (
        "Le maire Paul Girard a visité le chantier lundi. Rien n'a avancé depuis mars. "
        f"« Ce chantier est une honte pour la commune », {attribution}."
    )
    assert full_quotation_speakers(text, "fr") == [("Paul Girard", "Ce chantier est une ")]


@pytest.mark.parametrize("verb", ["konstatiert", "resümiert", "bilanziert", "schimpft"])
def test_german_verbs_of_stating_in_the_present_attribute(verb):
    text = f"„Hier ist zum Glück alles ruhig geblieben“, {verb} Einsatzleiter Jan Peters."
    assert full_quotation_speakers(text, "de") == [("Jan Peters", "Hier ist zum Glück a")]


@pytest.mark.parametrize("verb", ["expreso", "graficó", "disparó", "sumó"])
def test_spanish_verbs_of_local_news_attribute_even_without_their_accent(verb):
    text = f"En la sesión, el concejal Mario Díaz {verb}: “Las calles del barrio no dan más”."
    assert full_quotation_speakers(text, "es") == [("Mario Díaz", "Las calles del barri")]


def test_a_role_and_its_name_after_the_medium_the_words_were_said_to():
    text = (
        "“Nos dejaron solos con las obras a medio hacer”, manifestó en diálogo con Radio Sur "
        "el presidente del club, Pedro Gil."
    )
    assert full_quotation_speakers(text, "es") == [("Pedro Gil", "Nos dejaron solos co")]
