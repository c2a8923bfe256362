"""Names, titles, offices and bodies as speakers, and German and French word order: patterns
found in real articles (now development ones), in sentences written for these tests (never
copied from a corpus article)."""

from __future__ import annotations

from quotations import extract_quotations
from tests.quotations.readings import full_quotation_speakers, speaker_kinds, speakers


def test_a_name_ending_a_headline_does_not_run_into_the_dateline():
    text = (
        "Harper Statement On Senator Lena Ortiz\n\n"
        "DENVER — Senate leader Tom Harper released the following statement:\n\n"
        "“The state will miss her judgement and her humour.”"
    )
    assert speakers(text, "en") == [("Tom Harper", "The state will miss ")]


def test_a_title_case_headline_names_nobody():
    text = (
        "Chancellor Delivers Budget Speech To Parliament\n\n"
        "Rachel Moore, the Chancellor, presented her budget on Wednesday. She told MPs:\n\n"
        "“Growth is the mission of this government.”"
    )
    assert speakers(text, "en") == [("Rachel Moore", "Growth is the missio")]


def test_a_french_title_with_its_full_stop_after_the_verb():
    text = (
        "Le maire Jean-Louis Perrin a inauguré la halle.\n\n"
        "« Ce marché appartient à tous », a déclaré M. Perrin."
    )
    assert speakers(text, "fr") == [("Jean-Louis Perrin", "Ce marché appartient")]


def test_initials_after_the_verb_are_part_of_the_name():
    text = "« La gauche doit se rassembler », écrit J.-M. Lefranc."
    assert speakers(text, "fr") == [("J.-M. Lefranc", "La gauche doit se ra")]


def test_a_title_with_a_full_stop_in_english():
    text = "Dr. Alan Reeve leads the clinic.\n\n“We have never been busier,” said Dr. Reeve."
    assert speakers(text, "en") == [("Alan Reeve", "We have never been b")]


def test_a_person_named_beside_a_quoted_title_then_a_quotation_of_their_own():
    text = (
        "„Wir bleiben dran.“ Weber kritisierte in der Sendung „Hart aber fair“ die Bahn scharf. "
        "„Das ist kein Zustand für Pendler.“"
    )
    assert speakers(text, "de")[-1] == ("Weber", "Das ist kein Zustand")


def test_a_separable_german_verb_with_its_particle_after_the_name():
    text = (
        "Jonas Albrecht leitet das Amt.\n\n"
        "„Wir haben viel erreicht, aber nicht genug“, fasste Jonas Albrecht zusammen."
    )
    assert speakers(text, "de") == [("Jonas Albrecht", "Wir haben viel errei")]


def test_the_german_perfect_names_the_subject_before_the_auxiliary():
    text = (
        "Petra Lindner, frühere Ministerin, sprach im Landtag. Lindner hatte beim Thema "
        "Verkehr und Energie erklärt: „Die Preise steigen weiter.“"
    )
    assert speakers(text, "de") == [("Petra Lindner", "Die Preise steigen w")]


def test_a_day_between_the_verb_and_its_subject():
    text = "« Le budget sera voté », a assuré mardi Claire Morel sur France Info."
    assert speakers(text, "fr") == [("Claire Morel", "Le budget sera voté")]


def test_a_two_word_french_speech_verb():
    text = "« Nous porterons plainte », a fait savoir Claire Morel."
    assert speakers(text, "fr") == [("Claire Morel", "Nous porterons plain")]


def test_a_role_and_an_adjective_before_the_full_name():
    text = "« Le budget sera voté », a insisté la ministre socialiste Claire Morel."
    assert speakers(text, "fr") == [("Claire Morel", "Le budget sera voté")]


def test_the_addressee_after_a_german_name_is_not_part_of_it():
    text = "„Wir sparen nicht an der Bildung“, sagte Lindner der Deutschen Presse-Agentur."
    assert speakers(text, "de") == [("Lindner", "Wir sparen nicht an ")]


def test_the_addressee_after_a_german_description_is_nobody():
    text = (
        "Petra Lindner sprach in Kiel. „Wir sparen nicht an der Bildung“, sagte die "
        "FDP-Politikerin den Zeitungen der Funke-Mediengruppe."
    )
    assert speakers(text, "de") == [("Petra Lindner", "Wir sparen nicht an ")]


def test_a_german_spokesman_speaks_for_the_ministry():
    text = "„Die Prüfung läuft“, erklärte ein Sprecher des Finanzministeriums."
    quotation = extract_quotations(text, language="de")[0]
    assert (quotation.speaker, quotation.speaker_kind) == ("Finanzministeriums", "organisation")


def test_the_ministry_is_the_compound_ministry_named_before():
    text = "Das Finanzministerium prüft den Fall. „Die Prüfung läuft“, teilte das Ministerium mit."
    assert speakers(text, "de") == [("Finanzministerium", "Die Prüfung läuft")]


def test_an_abbreviated_country_and_a_role_of_state_before_the_name():
    text = "“The talks were useful,” U.S. Secretary of State Ellen Park said."
    assert speakers(text, "en") == [("Ellen Park", "The talks were usefu")]


def test_where_it_was_said_then_a_role_and_the_name_after_the_verb():
    text = "“No habrá recortes”, afirmó en rueda de prensa el gobernador Mario Salinas."
    assert speakers(text, "es") == [("Mario Salinas", "No habrá recortes")]


def test_the_broadcaster_after_en_is_not_the_speaker():
    text = (
        "El ministro Mario Salinas visitó Lima. “No habrá recortes”, dijo en RPP. "
        "“Tampoco habrá despidos”, añadió."
    )
    assert [speaker for speaker, _ in speakers(text, "es")] == ["Mario Salinas", "Mario Salinas"]


def test_a_colon_after_a_quoted_newspaper_title_introduces_the_speakers_words():
    text = (
        "Jonas Albrecht leitet das Amt. Albrecht sagte der „Frankfurter Rundschau“: "
        "„Wir haben viel erreicht.“"
    )
    assert speakers(text, "de")[-1] == ("Jonas Albrecht", "Wir haben viel errei")


def test_a_named_persons_office_speaks_for_them():
    text = (
        "Senator Maria Velez voted against the bill. Her colleague Tom Reed voted for it.\n\n"
        "“The senator stands by her vote,” Velez's office said in a statement."
    )
    quotation = extract_quotations(text, language="en")[0]
    assert (quotation.speaker, quotation.speaker_kind) == ("Office of Maria Velez", "organisation")


def test_a_bare_spokesperson_speaks_for_the_organisation_just_named():
    text = (
        "Für die Feuerwehr blieb es ruhig. Für die Polizei verlief die Nacht ebenfalls ohne "
        "Zwischenfälle. „Es gab keinen einzigen Notruf“, berichtete ein Sprecher."
    )
    assert speaker_kinds(text, "de") == [("Polizei", "organisation")]


def test_a_german_noun_after_the_verb_is_not_a_surname():
    text = "Die Wehr bekam einen Brief. „Warum wird jede Nacht gehupt?“, fragt der Verfasser."
    assert speakers(text, "de") == [(None, "Warum wird jede Nach")]


def test_a_named_but_unknown_speaker_is_also_the_dropped_subject_after_it():
    text = (
        "El presidente vecinal Hugo Sosa encabezó la protesta.\n\n"
        "“No hay luz desde marzo”, cuestionó molesta una vecina.\n\n"
        "“Tenemos miedo de salir de noche”, contó."
    )
    assert speakers(text, "es") == [(None, "No hay luz desde mar"), (None, "Tenemos miedo de sal")]


def test_a_statement_is_the_person_signing_it_on_the_next_line():
    text = (
        "Director Statement on the Storm\n\n"
        "“We have restored power to most homes and will work through the night.”\n\n"
        "Director Carla Mendes"
    )
    assert full_quotation_speakers(text, "en") == [("Carla Mendes", "We have restored pow")]


def test_a_quotation_after_an_editors_cut_opens_its_sentence():
    text = (
        "Le conseil municipal a voté le budget. […] « Les travaux commencent en mai » précise "
        "Anne Morel, maire de la commune."
    )
    quotations = extract_quotations(text, language="fr")
    assert [(q.speaker, q.kind) for q in quotations] == [("Anne Morel", "full")]
