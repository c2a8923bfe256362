"""The patterns generalised from the development articles added in session 4, one at a time,
in sentences written for these tests (never copied from a corpus article)."""

from __future__ import annotations

from quotations import FRAGMENT, FULL, extract_quotations
from tests.quotations.readings import attributed, speaker_kinds

# -- documents, institutions, impersonal attributions -----------------------------------------


def test_lit_on_dans_le_communique_is_the_institution_named_before():
    text = (
        "La mairie de Lille a publié un communiqué mardi.\n\n"
        "« Les travaux reprendront lundi », lit-on dans le communiqué."
    )
    assert speaker_kinds(text, "fr") == [("mairie de Lille", "organisation")]


def test_a_lower_case_ministry_with_its_name_is_one_organisation():
    text = (
        "Le ministère de la Santé a publié un communiqué.\n\n"
        "« La campagne commence demain », précise le communiqué."
    )
    assert speaker_kinds(text, "fr") == [("ministère de la Santé", "organisation")]


# -- auxiliaries, adverbs and infinitives --------------------------------------------------------


def test_an_adverb_between_auxiliary_and_participle():
    text = "« Nous tiendrons bon », a encore déclaré Paul Marchand."
    assert attributed(text, "fr") == [("Nous tiendrons bon", "Paul Marchand", FULL)]


def test_a_name_followed_by_a_passe_compose_is_a_person_for_il_and_elle():
    text = "Claire Dumont a visité l'usine mardi. « C'est un bon jour », a-t-elle déclaré."
    assert attributed(text, "fr") == [("C'est un bon jour", "Claire Dumont", FULL)]


def test_avant_d_ajouter_continues_the_last_speaker():
    text = (
        "Le maire Henri Vasseur a salué « un travail collectif ». "
        "Avant d'ajouter : « Nous finirons en juin. »"
    )
    assert attributed(text, "fr")[-1] == ("Nous finirons en juin.", "Henri Vasseur", FULL)


def test_a_coordinated_speech_verb_shares_the_sentences_subject():
    text = (
        "Mayor Ellen Park spoke last.\n\n"
        'She smiled at the crowd but, once the noise faded, added, "We are not done yet."'
    )
    assert attributed(text) == [("We are not done yet.", "Ellen Park", FULL)]


def test_began_his_speech_introduces_what_follows():
    text = 'As the applause died down, Governor Tom Hale began his speech. "Tonight we rebuild."'
    assert attributed(text) == [("Tonight we rebuild.", "Tom Hale", FULL)]


# -- who is not the subject -------------------------------------------------------------------


def test_a_name_after_con_is_whom_one_speaks_to_not_the_speaker():
    text = (
        "Ana Torres visitó el puerto.\n\n"
        "Además, en diálogo con Radio Sur dijo que el plan sigue.\n\n"
        "«No habrá recortes», sostuvo."
    )
    assert attributed(text, "es") == [("No habrá recortes", "Ana Torres", FULL)]


def test_a_person_inside_a_reported_clause_is_not_the_dropped_subject():
    text = (
        "La ministra Ana Torres habló tras la reunión. "
        "Señaló que Pedro Ruiz presentó un «informe incompleto».\n\n"
        "«Tenemos que corregirlo», enfatizó."
    )
    assert attributed(text, "es")[-1] == ("Tenemos que corregirlo", "Ana Torres", FULL)


def test_a_dropped_subject_reporting_with_que_keeps_the_last_speaker():
    text = (
        "«Lo haremos», dijo la ministra Ana Torres. Luego añadió que no habrá prisa. "
        '"No vamos a correr."'
    )
    assert attributed(text, "es")[-1] == ("No vamos a correr.", "Ana Torres", FULL)


# -- colons --------------------------------------------------------------------------------------


def test_a_name_opening_a_colon_introduction_is_the_speaker():
    text = "Jonas Keller, Kämmerer der Stadt, zum Haushalt: „Wir müssen sparen.“"
    assert attributed(text, "de") == [("Wir müssen sparen.", "Jonas Keller", FULL)]


def test_a_colon_line_introduces_the_quotation_on_the_next_line():
    text = "Pour Léa Martin (PS), c'est :\n« Un budget injuste. »"
    assert attributed(text, "fr") == [("Un budget injuste.", "Léa Martin", FULL)]


def test_a_german_date_does_not_end_the_sentence():
    text = "Martina Vogt, am 3. Oktober gewählte Bürgermeisterin: „Wir haben viel vor.“"
    assert attributed(text, "de") == [("Wir haben viel vor.", "Martina Vogt", FULL)]


# -- full or fragment --------------------------------------------------------------------------


def test_a_quotation_the_sentence_goes_on_from_is_a_fragment():
    text = "« Nous sommes prêts » à négocier, a assuré Paul Marchand."
    assert [kind for _, _, kind in attributed(text, "fr")] == [FRAGMENT]


def test_a_comma_after_a_reported_clause_does_not_make_a_full_quotation():
    text = 'Ana Torres señaló que el proyecto fue, "sin duda", un éxito.'
    assert [kind for _, _, kind in attributed(text, "es")] == [FRAGMENT]


# -- German attributions -----------------------------------------------------------------------


def test_a_surname_that_is_also_a_conjunction_after_sagte():
    text = "Stephan Weil kritisierte den Plan. „Das ist ein Fehler“, sagte Weil."
    assert attributed(text, "de") == [("Das ist ein Fehler", "Stephan Weil", FULL)]


def test_a_clause_attributed_after_its_comma_gives_the_quoted_words_their_speaker():
    text = "Anna Berger leitet das Amt. Die Stadt habe „keine Reserven“ mehr, sagte Anna Berger."
    assert attributed(text, "de") == [("keine Reserven", "Anna Berger", FRAGMENT)]


def test_a_quotation_after_an_attributed_fragment_is_the_same_persons():
    text = "Der Plan sei „nicht durchdacht“, sagte Anna Berger. „Wir lehnen ihn ab.“"
    assert attributed(text, "de")[-1] == ("Wir lehnen ihn ab.", "Anna Berger", FULL)


# -- interviews and records --------------------------------------------------------------------


def test_two_turns_and_an_unlabelled_question_make_an_interview():
    text = (
        "Anna Berger ist Bürgermeisterin von Neustadt.\n\n"
        "Zeitung: Frau Berger, wie geht es weiter?\n\n"
        "Berger: Wir bauen weiter.\n\n"
        "Und die Kosten?\n\n"
        "Die steigen leider."
    )
    assert attributed(text, "de") == [
        ("Wir bauen weiter.", "Anna Berger", FULL),
        ("Die steigen leider.", "Anna Berger", FULL),
    ]


def test_a_one_speaker_record_gives_the_speech_to_the_named_person():
    text = "Gabriel Martin, ministre délégué, porte-parole :\n\nNous ne reculerons pas ici."
    assert attributed(text, "fr") == [("Nous ne reculerons pas ici.", "Gabriel Martin", FULL)]


def test_a_full_stop_typed_before_the_attribution_verb():
    text = 'El ministro Luis Gómez habló con la prensa.\n\n"No voy a opinar". dijo.'
    assert attributed(text, "es") == [("No voy a opinar", "Luis Gómez", FULL)]


def test_a_full_name_label_and_the_same_persons_surname_label_are_one_speaker():
    text = (
        "Clip Olaf Brandt: Wir halten Kurs.\n"
        "Lenz: Guten Morgen. Halten Sie wirklich Kurs?\n"
        "Nora Feld: Ja, ohne Zweifel.\n"
        "Lenz: Und wenn die Zahlen fallen?\n"
        "Feld: Dann reden wir neu."
    )
    assert [(q.text, q.speaker) for q in extract_quotations(text, "de")] == [
        ("Wir halten Kurs.", "Clip Olaf Brandt"),
        ("Ja, ohne Zweifel.", "Nora Feld"),
        ("Dann reden wir neu.", "Nora Feld"),
    ]


def test_initials_are_the_named_interviewee_whom_the_introduction_presents():
    text = (
        "Al aire estaba el ministro Julio Paredes.\n"
        "Conductora: -Buenos días ministro, cuéntenos del plan.-\n"
        "Julio Paredes: -Buenos días. El plan avanza.-\n"
        "Conductora: -Pero hay retrasos.-\n"
        "J.P.: -Los habrá, como siempre.-"
    )
    assert [(q.text, q.speaker) for q in extract_quotations(text, "es")] == [
        ("-Buenos días. El plan avanza.-", "Julio Paredes"),
        ("-Los habrá, como siempre.-", "Julio Paredes"),
    ]
