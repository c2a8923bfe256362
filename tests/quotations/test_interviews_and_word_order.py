# ruff: noqa: RUF001
"""Interviews read by their layout, continuations, fragments and word order in four languages:
patterns found in real articles (now development ones), in sentences written for these tests
(never copied from a corpus article)."""

from __future__ import annotations

from quotations import extract_quotations
from tests.quotations.readings import full_quotation_speakers


def test_a_newspaper_title_in_the_attribution_does_not_break_the_continuation():
    text = (
        "„Wir bauen die Brücke bis zum Sommer“, sagte Bürgermeisterin Anke Vogt dem "
        "„Kurier“. „Danach kommt die Schule dran.“"
    )
    assert full_quotation_speakers(text, "de") == [
        ("Anke Vogt", "Wir bauen die Brücke"),
        ("Anke Vogt", "Danach kommt die Sch"),
    ]


def test_a_surname_with_its_particle_after_the_verb():
    text = (
        "Ministerin Ursula von der Brenck (SPD) hat den Plan verteidigt.\n"
        "„Das Geld ist da“, erklärte von der Brenck in Kiel."
    )
    assert full_quotation_speakers(text, "de") == [("Ursula von der Brenck", "Das Geld ist da")]


def test_a_french_surname_with_de_after_the_verb():
    text = (
        "Le député Alain de Morvan a quitté la séance.\n\n"
        "« Ce texte est mauvais », a déclaré de Morvan devant la presse."
    )
    assert full_quotation_speakers(text, "fr") == [("Alain de Morvan", "Ce texte est mauvais")]


def test_an_assembly_is_never_the_person_a_dropped_subject_points_to():
    text = (
        "El jefe de Gobierno inauguró las sesiones ante la Asamblea Provincial.\n\n"
        "El gobernador Raúl Ferreyra hizo un balance de su gestión ante la Asamblea Provincial "
        "antes de las elecciones.\n\n"
        "“Hemos ordenado las cuentas”, aseguró."
    )
    assert full_quotation_speakers(text, "es") == [("Raúl Ferreyra", "Hemos ordenado las c")]


def test_a_conjunction_opening_the_sentence_is_nobody():
    text = (
        "La presidenta Marta Ibáñez repasó su gestión. Aunque reconoció las dificultades, "
        "insistió en que la provincia “está mejor”.\n\n"
        "“Hemos ordenado las cuentas”, aseguró."
    )
    quotations = extract_quotations(text, language="es")
    # The fragment's subject is dropped after a subordinate clause: left unattributed, but
    # never given to "Aunque".
    assert [(q.speaker, q.kind) for q in quotations] == [
        (None, "fragment"),
        ("Marta Ibáñez", "full"),
    ]


def test_spanish_perfect_with_the_subject_dropped():
    text = (
        "La alcaldesa, Rosa Lemos, ha negado cualquier retraso.\n\n"
        "“Todos los permisos están al día”, ha aclarado.\n\n"
        "“No hay nada que esconder”, apostilló."
    )
    assert full_quotation_speakers(text, "es") == [
        ("Rosa Lemos", "Todos los permisos e"),
        ("Rosa Lemos", "No hay nada que esco"),
    ]


def test_the_person_opening_the_sentence_stays_its_subject_past_a_quoted_fragment():
    text = (
        "La alcaldesa Rosa Lemos habló el lunes.\n\n"
        "Lemos se ha referido al asunto tras escuchar las palabras de Pedro Ávila, quien ha "
        "reconocido que habrá que buscar “otras soluciones” si nada cambia. “Nadie ha pedido "
        "nada”, ha explicado."
    )
    quotations = extract_quotations(text, language="es")
    assert [(q.speaker, q.kind) for q in quotations] == [
        ("Pedro Ávila", "fragment"),
        ("Rosa Lemos", "full"),
    ]


def test_an_interview_whose_only_labels_are_the_interviewees_surname():
    text = (
        "Stadträtin Jana Koller, wie fühlt sich der Sieg an?\n\n"
        "Koller: Großartig. Ich habe lange darauf hingearbeitet.\n\n"
        "Was machen Sie als Erstes?\n\n"
        "Koller: Ich rufe die Vereine an und höre zu.\n\n"
        "Und die Finanzen?\n\n"
        "Koller: Die schauen wir uns im Herbst an."
    )
    assert full_quotation_speakers(text, "de") == [
        ("Jana Koller", "Großartig. Ich habe "),
        ("Jana Koller", "Ich rufe die Vereine"),
        ("Jana Koller", "Die schauen wir uns "),
    ]


def test_an_interview_with_no_labels_at_all_is_read_by_its_shape():
    text = (
        "Nous avons rencontré la navigatrice Claire Dumont à son retour à Lorient.\n\n"
        "Comment s'est passée la traversée ?\n\n"
        "Très bien, même si j'ai eu deux jours de tempête au large des Açores.\n\n"
        "Avez-vous eu peur ?\n\n"
        "Non, je connais mon bateau par cœur.\n\n"
        "Et maintenant ?\n\n"
        "Je repars en janvier, nous préparons déjà la suite."
    )
    assert full_quotation_speakers(text, "fr") == [
        ("Claire Dumont", "Très bien, même si j"),
        ("Claire Dumont", "Non, je connais mon "),
        ("Claire Dumont", "Je repars en janvier"),
    ]


def test_a_story_asking_questions_is_not_an_interview():
    text = (
        "Der Bürgermeister Paul Brandt hat den Haushalt vorgestellt.\n\n"
        "Wer soll das bezahlen?\n\n"
        "Die Stadt hat kaum Rücklagen, und die Gebühren steigen.\n\n"
        "Und was sagt die Opposition?\n\n"
        "„Wir lehnen den Haushalt ab“, sagte Fraktionschefin Eva Lind.\n\n"
        "Bleibt es dabei?\n\n"
        "Die Abstimmung ist im März."
    )
    assert full_quotation_speakers(text, "de") == [("Eva Lind", "Wir lehnen den Haush")]


def test_a_transcript_with_dashes_and_role_labels_on_single_lines():
    text = (
        "Conférence de presse de Mme Hélène Vasseur, Présidente de la Région, à Rennes.\n\n"
        "LA PRESIDENTE.- Mesdames et messieurs, merci d'être venus.\n"
        "- QUESTION.- Le budget sera-t-il voté ?\n"
        "- LA PRESIDENTE.- Oui, je le crois, et sans retard."
    )
    assert full_quotation_speakers(text, "fr") == [
        ("Hélène Vasseur", "Mesdames et messieur"),
        ("Hélène Vasseur", "Oui, je le crois, et"),
    ]


def test_guillemets_nested_in_guillemets_stay_inside_the_outer_quotation():
    text = (
        "Le sénateur Paul Morel s'emporte : « On parle de « chaos », et je dis au "
        "gouvernement : « Reprenez la main ! » Voilà tout. »"
    )
    quotations = extract_quotations(text, language="fr")
    assert len(quotations) == 1
    assert quotations[0].speaker == "Paul Morel"
    assert quotations[0].text.endswith("Voilà tout.")


def test_lower_case_words_finishing_the_narrators_sentence_are_a_fragment():
    text = "Die Ministerin Eva Brandt warnte davor, „in blinden Aktionismus zu verfallen“."
    assert [q.kind for q in extract_quotations(text, language="de")] == ["fragment"]


def test_a_coordinated_verb_with_a_colon_shares_the_sentences_subject():
    text = (
        "Innenministerin Petra Saal sprach am Montag in Erfurt. Aber die Thüringer "
        "Innenministerin sieht eine „angespannte Lage“ und erklärt: „Wir verstärken die "
        "Streifen.“"
    )
    assert full_quotation_speakers(text, "de") == [("Petra Saal", "Wir verstärken die S")]


def test_a_french_present_participle_introduces_the_sentences_speaker():
    text = (
        "Le ministre Paul Ferrand était à Lyon. Il a estimé qu'après la réaction du Sénat, « "
        "chargé de tout », le ministère « ne dit plus un mot », tout en précisant : « Nous "
        "irons jusqu'au bout. »"
    )
    assert full_quotation_speakers(text, "fr") == [("Paul Ferrand", "Nous irons jusqu'au ")]


def test_a_pronoun_in_the_first_sentence_is_the_person_it_opens_with():
    text = (
        "Bundesinnenminister Karl Bremer (CDU) beruhigte niemanden, als er erklärt, warum er "
        'schweigt: "Ein Teil der Antworten würde verunsichern."'
    )
    assert full_quotation_speakers(text, "de") == [("Karl Bremer", "Ein Teil der Antwort")]


def test_a_long_role_before_an_appositive_name():
    text = (
        "The Minister of Transport and Public Works, Alhaji Musa Danladi, on Monday assured "
        "travellers that the road would reopen. President Ada Obi was abroad.\n\n"
        '"The contractors are back on site," the minister said.'
    )
    assert full_quotation_speakers(text, "en") == [("Alhaji Musa Danladi", "The contractors are ")]


def test_herrn_is_a_title_before_a_colon():
    text = (
        "Pressemitteilung des Vorsitzenden des Stadtrats Herrn Jens Falk:\n"
        "„Ich verurteile den Anschlag auf das Rathaus.“"
    )
    quotations = extract_quotations(text, language="de")
    assert [(q.speaker, q.mention) for q in quotations] == [("Jens Falk", "Jens Falk")]


def test_according_to_then_a_comma_introduces_a_full_quotation():
    text = (
        "La ministre Awa Diallo a réuni les éleveurs. Selon la ministre, « Je n'ai jamais "
        "parlé de démission. »"
    )
    assert full_quotation_speakers(text, "fr") == [("Awa Diallo", "Je n'ai jamais parlé")]


def test_a_conjunction_and_a_colon_still_open_the_sentence():
    text = (
        "„Die Lage ist ernst“, sagte Innenminister Ralf Wendt. Man sei wachsam. "
        "Aber: „Eine Garantie gibt es nicht.“"
    )
    assert full_quotation_speakers(text, "de") == [
        ("Ralf Wendt", "Die Lage ist ernst"),
        ("Ralf Wendt", "Eine Garantie gibt e"),
    ]


def test_a_transcript_label_may_carry_the_speakers_role_and_the_host_asks():
    text = (
        "MARIA LOPEZ, NEWS HOST: Welcome back. With us is the mayor, Tom Reed. Good morning --\n"
        "TOM REED, MAYOR OF EASTON: Good morning, Maria.\n"
        "LOPEZ: Why did the bridge close?\n"
        "REED: The inspectors found cracks in two of the supports, so we closed it at once.\n"
        "LOPEZ: When will it reopen?\n"
        "REED: Not before the spring. The repairs take twelve weeks."
    )
    assert full_quotation_speakers(text) == [
        ("Tom Reed", "Good morning, Maria."),
        ("Tom Reed", "The inspectors found"),
        ("Tom Reed", "Not before the sprin"),
    ]


def test_timestamped_transcript_turns_are_their_speakers_with_nobody_asking():
    text = (
        "Transcript of the senators' press conference on the budget.\n\n"
        "Anna Berg: (00:00)\nThis budget keeps every promise we made to the farmers.\n\n"
        "Carl Moss: (01:12)\nWe will vote for it on Thursday, and we expect it to pass."
    )
    assert full_quotation_speakers(text) == [
        ("Anna Berg", "This budget keeps ev"),
        ("Carl Moss", "We will vote for it "),
    ]


def test_a_name_and_a_quoted_headline_is_not_an_interview_turn():
    text = (
        'Vogt: "Die Brücke kommt bis zum Sommer"\n\n'
        "Ingrid Vogt, Bürgermeisterin von Altdorf.\n\n"
        "Frage: Frau Vogt, wann ist die Brücke fertig?\n\n"
        "Ingrid Vogt: Bis zum Sommer, wenn das Wetter mitspielt."
    )
    quotations = extract_quotations(text, language="de")
    assert [(q.speaker, q.text[:20], q.kind) for q in quotations] == [
        (None, "Die Brücke kommt bis", "fragment"),
        ("Ingrid Vogt", "Bis zum Sommer, wenn", "full"),
    ]


def test_an_interview_may_print_its_answers_in_quote_marks_after_plain_questions():
    text = (
        "Nous avons rencontré la directrice de l'hôpital, Claire Dumas.\n\n"
        "Combien de lits manquent aujourd'hui ?\n\n"
        "« Il nous manque trente lits, surtout en pédiatrie. »\n\n"
        "Les urgences ont débordé cet hiver, qu'allez-vous changer ?\n\n"
        "« Nous ouvrons une seconde salle d'accueil en mars. »"
    )
    assert full_quotation_speakers(text, "fr") == [
        ("Claire Dumas", "Il nous manque trent"),
        ("Claire Dumas", "Nous ouvrons une sec"),
    ]


def test_an_interview_by_shape_starts_at_its_first_question():
    # The first answer is not in the first person; the later ones prove the shape.
    text = (
        "Karl Brandt war zwölf Jahre Landrat.\n\n"
        "Herr Brandt, wie geht es Ihnen?\n\n"
        "Sehr gut.\n\n"
        "Vermissen Sie das Amt?\n\n"
        "Ich vermisse die Menschen, nicht die Sitzungen.\n\n"
        "Was machen Sie jetzt?\n\n"
        "Ich schreibe ein Buch über unseren Landkreis.\n\n"
        "Wann erscheint es?\n\n"
        "Im Herbst, wenn ich fertig werde."
    )
    assert [speaker for speaker, _ in full_quotation_speakers(text, "de")] == ["Karl Brandt"] * 4


# -- session 9: part 6's causes ------------------------------------------------------------------


def test_the_interviewers_quoted_turns_are_not_claims():
    text = (
        "Our reporter spoke to the senator on Tuesday.\n\n"
        "Anna Berg: “Good morning, senator. Did you vote for the bill?”\n\n"
        "Tom Reyes: “I did. It was the right call for farmers.”\n\n"
        "AB: “Will it pass the House?”\n\n"
        "TR: “I expect so, by a narrow margin.”"
    )
    assert full_quotation_speakers(text, "en") == [
        (None, "Good morning, senato"),
        ("Tom Reyes", "I did. It was the ri"),
        (None, "Will it pass the Hou"),
        ("Tom Reyes", "I expect so, by a na"),
    ]


def test_a_guest_who_only_asks_in_a_hosted_transcript_asks():
    text = (
        "MARY LANG, HOST:\n\nThe committee heard the minister today.\n\n"
        "PAUL DORN: Did you meet the ambassador in March?\n\n"
        "RUTH OKAFOR: I did not. I met nobody from that embassy."
    )
    assert full_quotation_speakers(text, "en") == [("Ruth Okafor", "I did not. I met nob")]


def test_the_person_an_interviews_introduction_names_most_often_answers():
    text = (
        "Interview de Mme Claire Dumas, ministre de la santé, à Radio Sud le 3 mai.\n\n"
        "Personnalité, fonction : DUMAS Claire.\n\n"
        "Circonstances : Plan pour l'hôpital de Mme Claire Dumas\n\n"
        "ti : LUC MARTEL\nBonjour Claire DUMAS.\n\n"
        "CLAIRE DUMAS\nBonjour Luc MARTEL.\n\n"
        "LUC MARTEL\nLes hôpitaux manquent de bras, que faites-vous ?\n\n"
        "CLAIRE DUMAS\nNous recrutons dix mille soignants cette année.\n\n"
        "LUC MARTEL\nC'est peu.\n\n"
        "CLAIRE DUMAS\nC'est un début, et les écoles sont pleines.\n\n"
        "LUC MARTEL\nVous êtes enrhumée, oui.\n\n"
        "CLAIRE DUMAS\nUn peu, pardon."
    )
    assert full_quotation_speakers(text, "fr") == [
        ("Claire Dumas", "Bonjour Luc MARTEL."),
        ("Claire Dumas", "Nous recrutons dix m"),
        ("Claire Dumas", "C'est un début, et l"),
        ("Claire Dumas", "Un peu, pardon."),
    ]


def test_an_organisations_statement_after_the_quotation():
    text = (
        "Le maire a répondu lundi. « Aucune réunion n'a été annulée », selon un communiqué "
        "de la préfecture.\n\n"
        "« La grève continue », affirme l'intersyndicale, dans un communiqué."
    )
    assert full_quotation_speakers(text, "fr") == [
        ("préfecture", "Aucune réunion n'a é"),
        ("intersyndicale", "La grève continue"),
    ]


def test_an_adverb_between_the_auxiliary_and_the_participle():
    text = "« Gouverner, c'est prévoir », avait en effet martelé Paul Renard, le porte-parole."
    assert full_quotation_speakers(text, "fr") == [("Paul Renard", "Gouverner, c'est pré")]


def test_a_guillemet_typed_without_its_space_after_a_full_stop_opens_a_sentence():
    text = "La leçon a été retenue.« Gouverner, c'est prévoir », a déclaré Paul Renard."
    assert full_quotation_speakers(text, "fr") == [("Paul Renard", "Gouverner, c'est pré")]


def test_a_line_with_two_sentences_in_its_quotation_is_no_headline():
    text = (
        "Ana Ruiz took over as chief executive in May.\n\n"
        '"We know the phones are not for everyone. That is fine," explained Ruiz'
    )
    assert full_quotation_speakers(text, "en") == [("Ana Ruiz", "We know the phones a")]


def test_two_single_marks_for_a_double_one():
    text = "Y aclaró el vocero Luis Mora: ‘‘Yo no he tenido acceso a ninguna transcripción’’."
    assert full_quotation_speakers(text, "es") == [("Luis Mora", "Yo no he tenido acce")]


def test_a_question_an_unnamed_colleague_asked_is_not_the_narrators():
    text = "Weiter berichtet Jan Kraus: „Wie soll das denn funktionieren?“, fragte ein Kollege."
    assert full_quotation_speakers(text, "de") == [(None, "Wie soll das denn fu")]


def test_a_verb_with_its_own_clause_after_a_quotation_does_not_attribute_it():
    text = (
        "Die Kosten seien durch Gegendemos entstanden. „Solange keine Gegendemos waren, war "
        "keine Polizei nötig.“ Bürgermeisterin Jana Roth sagte, die Fragen gingen weiter."
    )
    assert full_quotation_speakers(text, "de") == [(None, "Solange keine Gegend")]


def test_an_unnamed_aide_before_a_colon_is_not_the_person_the_aide_works_for():
    text = (
        "Senator Maria Ortiz filed the bill on Monday.\n\n"
        "A senior aide of Sen. Ortiz tells our reporter: “It is not about the lobbyists.”"
    )
    assert full_quotation_speakers(text, "en") == [(None, "It is not about the ")]
