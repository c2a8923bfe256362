"""The small word lists the extractor relies on: speech verbs, titles, pronouns, organisations.

Kept in one place so that widening the extractor to a new house style is a matter of adding
words here, not of editing rules.
"""

# Word lists read best as running text, and the typographic apostrophe is the point here.
# ruff: noqa: RUF001, SIM905

from __future__ import annotations

import re

# Verbs that introduce or close reported speech, per language. Lower case only: "Asked about it,
# ..." at the start of a sentence is a participle, not the reporting verb. English verbs are read
# in every language (quotations in English inside other articles); the others only in their own.
ENGLISH_VERBS = (
    "said says told tells added adds explained explains continued continues insisted insists "
    "argued argues warned warns noted notes stated states declared declares claimed claims "
    "replied replies asked asks wrote writes recalled recalls acknowledged acknowledges "
    "admitted admits conceded concedes remarked remarks stressed stresses urged urges concluded "
    "concludes announced announces confirmed confirms maintained maintains described describes "
    "called calls branded dubbed labelled labeled promised promises vowed vows pledged pledges "
    "cautioned cautions complained complains joked jokes shouted shouts responded responds "
    "countered counters observed observes predicted predicts emphasised emphasized emphasises "
    "emphasizes agreed agrees objected tweeted tweets posted saying accused accuses dismissed "
    "commented comments mentioned mentions revealed reveals echoed echoes reiterated reiterates "
    "underlined underlines highlighted highlights suggested suggests asserted asserts "
    "proclaimed proclaims quipped quips boasted boasts lamented laments recounted recounts "
    "explaining adding noting telling warning insisting arguing stressing writing "
    "demanded demands questioned answered answers whispered "
    "screamed yelled cried continued elaborated elaborates affirmed affirms "
    "assured assures indicated indicates specified specifies clarified clarifies "
    "summed sums wondered wonders speculated speculates charged charges alleged alleges "
    "denied denies disagreed disagrees defended defends criticised criticized criticises "
    "criticizes hailed hails "
    "praised praises thanked thanks welcomed welcomes condemned condemns"
).split()
FRENCH_VERBS = [
    *(
        "dit déclaré déclare affirmé affirme expliqué explique ajouté ajoute indiqué indique "
        "précisé précise souligné souligne martelé martèle assuré assure estimé estime réaffirmé "
        "réaffirme insisté insiste avancé avance lancé lance confié confie répondu répond rappelé "
        "rappelle annoncé annonce confirmé confirme écrit écrivait raconté raconte lâché lâche "
        "glissé glisse tranché tranche commenté commente résumé résume plaidé plaide jugé "
        "conclu conclut poursuivi poursuit prévenu prévient averti avertit dénoncé dénonce "
        "regretté "
        "regrette reconnu reconnaît demandé demande exclamé déploré "
        "déplore affirmait déclarait expliquait disait ironisé ironise tonné "
        "assène asséné renchéri renchérit développé développe détaillé détaille relevé relève "
        "observé noté souligne interpellé rétorqué rétorque répliqué réplique nuancé nuance "
        "reconnaît admis admet concédé concède protesté proteste "
        # Promises and the imperfect of narration: "a promis X", "ajoutait le préfet".
        "promis promet ajoutait précisait indiquait soulignait poursuivait concluait rappelait "
        "assurait estimait annonçait lançait notait insistait martelait prévenait répondait "
        # Present participles: "…, tout en précisant : « … »", "en ajoutant que".
        "précisant ajoutant expliquant soulignant rappelant affirmant estimant assurant "
        "indiquant déclarant insistant "
        # Verbs of tone and of closing a speech: "gronde-t-il", "accuse le procureur",
        # "se désole-t-il", "a-t-il fini", "s'insurge la maire".
        "gronde grondé accuse fustige fustigé désole insurge insurgé indigne indigné agace "
        "emporte emporté tempête tempêté fini finit terminé termine constate constaté note "
        "souffle soufflé avoue avoué confesse confessé signale signalé raille raillé plaisante "
        "plaisanté sourit réagit réagi salue salué interroge interrogé complète complété "
        "tempère tempéré étonne étonné inquiète inquiété félicite félicité répète répété "
        "exclame explicite explicité "
        # Verbs of judging and testifying: "juge X", "analyse l'économiste", "se réjouit X".
        "juge observe analyse analysé témoigne témoigné abonde abondé argue argué réjouit "
        "réjoui réjouie félicitée tweeté twitte écrivent déclarent estiment expliquent "
        "ajoutent soulignent préviennent affirment assurent dénoncent insistait résumait "
        "martèlent concède concédé objecte objecté"
    ).split(),
    # Two words: "a fait savoir X", "a tenu à préciser".
    "fait savoir",
    "fait valoir",
    "tenu à préciser",
    "tenu à rappeler",
    "tenu à souligner",
]
GERMAN_VERBS = (
    "sagte sagt sagten sagen erklärte erklärt erklärten betonte betont meinte meint fügte "
    "schreibt schrieb mahnte mahnt warnte warnt kritisierte kritisiert berichtete berichtet "
    "teilte teilt sprach spricht ergänzte ergänzt räumte bekräftigte bekräftigt bestätigte "
    "bestätigt forderte fordert erläuterte erläutert kündigte versicherte versichert "
    "unterstrich unterstreicht antwortete antwortet fragte fragt twitterte twittert "
    "wiederholte wiederholt stellte behauptete behauptet zitierte zitiert so heißt hieß "
    "verkündete verkündet gestand gesteht lobte lobt klagte klagt beklagte beklagt "
    "versprach verspricht rief ruft befand befindet urteilte urteilt resümierte erzählte "
    "erzählt schilderte schildert hob führte verwies verweist argumentierte argumentiert "
    "entgegnete entgegnet widersprach widerspricht kommentierte kommentiert konstatierte "
    "ergänzte "
    # Separable verbs whose particle ends the clause ("fasste Habeck zusammen", "wies er darauf
    # hin") and the participles of the perfect ("Künast hatte erklärt", "hat gesagt").
    "fasste wies äußerte äußert appellierte appelliert bilanzierte bekannte gesagt gewarnt "
    "gefordert angekündigt mitgeteilt hinzugefügt geschrieben geäußert betonten forderten "
    # Present tense of the verbs above, and verbs of stating and summing up: "konstatiert
    # Einsatzleiter X", "resümiert sie", "schimpfte der Bürgermeister".
    "konstatiert resümiert bilanziert fasst weist äußert fügt stellt hebt führt räumt kündigt "
    "bemerkte bemerkt schimpfte schimpft erinnerte erinnert beschrieb beschreibt verriet "
    "verrät ärgerte ärgert freute freut staunte staunt wunderte wundert "
    # Verbs of believing and assuring: "findet Schmidt", "glaubt sie", "beteuerte er".
    "findet fand glaubt glaubte hofft hoffte beteuert beteuerte meinten sagen erklären "
    "gestanden zugegeben betont versicherten mahnten warnten"
).split()
SPANISH_VERBS = [
    *(
        "dijo dice decía afirmó afirma aseguró asegura señaló señala declaró declara explicó "
        "explica manifestó manifiesta expresó expresa sostuvo sostiene indicó indica agregó agrega "
        "añadió añade destacó destaca subrayó subraya remarcó remarca apuntó apunta advirtió "
        "advierte refirió refiere concluyó concluye proclamó proclama insistió insiste recalcó "
        "recalca reconoció reconoce comentó comenta precisó precisa puntualizó puntualiza "
        "enfatizó enfatiza criticó critica respondió responde preguntó pregunta anunció anuncia "
        "admitió admite reiteró reitera aclaró aclara expuso expone planteó plantea detalló "
        "detalla narró narra contó cuenta relató relata gritó grita escribió escribe sentenció "
        "sentencia lamentó lamenta celebró celebra opinó opina mencionó menciona confesó confiesa "
        "aseveró asevera acotó acota resaltó resalta argumentó argumenta cuestionó cuestiona "
        "denunció denuncia exclamó exclama ironizó replicó replica valoró valora consideró "
        "considera estimó estima anotó anota remató remata externó enfatiza continuó continúa "
        "prosiguió prosigue siguió apostilló apostilla recordó recuerda defendió defiende zanjó "
        # Participles of the perfect: "ha explicado", "ha aclarado" with the subject dropped.
        "dicho explicado aclarado asegurado afirmado señalado indicado manifestado añadido "
        "destacado insistido reconocido recordado apuntado advertido subrayado defendido "
        "criticado denunciado lamentado reiterado precisado detallado expresado agregado "
        "sostenido comentado declarado "
        # Gerunds: "…, añadiendo: «…»".
        "añadiendo explicando señalando asegurando afirmando indicando subrayando "
        # Verbs of local and Latin American news: "graficó", "disparó", "sumó el concejal".
        "informó informa comunicó ratificó ratifica resumió sintetizó graficó grafica adelantó "
        "reclamó reclama pidió pide agradeció sumó deslizó disparó reveló revela confió completó "
        "expresaron manifestaron señalaron dijeron explicaron afirmaron "
        # The written accent is often lost in local news: "el concejal X expreso:".
        "expreso declaro afirmo señalo explico agrego indico aseguro "
        # Tone, in the preterite and the present: "bromeó", "ironiza", "sentenció".
        "bromeó bromea ironiza lanzó lanza soltó suelta espetó bramó clamó insistía decía "
        "reflexionó reflexiona matizó matiza "
        # Verbs of believing and promising: "cree Pérez", "prometió el alcalde".
        "cree creía piensa pensó prometió promete garantizó garantiza confía sostenía "
        "aseguraba explicaba señalaba afirmaba agregaba recordaba "
        # Denying: "ha negado que exista …: «…»", "niega que haya …".
        "negó niega negado negaba"
    ).split(),
    "dejó en claro",
    "dejó claro",
    "deja en claro",
    "deja claro",
]

# All four lists are read in every article: none of these words is a common word of another of
# the four languages (German "so", as in ``", so Seibert``, is handled apart, in German only).
SPEECH_VERBS = sorted({*ENGLISH_VERBS, *FRENCH_VERBS, *GERMAN_VERBS, *SPANISH_VERBS} - {"so"})


def _trie_pattern(words: list[str]) -> str:
    """One alternation factored by common prefixes ("a(?:jout(?:e|é)|…)"): the same words as
    a flat "longest first" alternation, matched in a fraction of the time on a long article,
    since the regular-expression engine no longer tries every word at every position."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(char) + pattern(child) for char, child in node.items() if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # Greedy: a longer word is tried before the shorter one it extends.
        return f"(?:{body})?" if ends else body

    return "(?:" + pattern(trie) + ")"


SPEECH_VERB = _trie_pattern(SPEECH_VERBS)

# Subject pronouns that may name a speaker, with the gender they imply (German "sie" is also
# "they"; an article's plural speakers are rare enough, and "she" is the reading that names one).
PRONOUN_GENDER = {
    "he": "m",
    "she": "f",
    "il": "m",
    "elle": "f",
    "er": "m",
    "sie": "f",
    "él": "m",
    "ella": "f",
}
PRONOUN = r"(?:[Hh]e|[Ss]he|[Ii]l|[Ee]lle|[Ee]r|[Ss]ie|[ÉéEe]l|[Ee]lla)"
# Articles that open a description: "the minister", "le président tchadien", "die Kanzlerin".
DETERMINER = (
    r"(?:[Tt]he|[Ll]e|[Ll]a|[Ll]es|[Ll]['’]|[Dd]er|[Dd]ie|[Dd]as|[Dd]en|[Dd]em|[Ee]l|[Ll]os|[Ll]as)"
)
INDEFINITE = r"(?:[Aa]n?|[Uu]ne?|[Ee]ine?[mnrs]?|[Uu]na)"
# "According to X", before or after the quotation, in each language ("X zufolge" is postposed).
ACCORDING_TO = r"(?:[Aa]ccording to|[Ss]elon|[Dd]['’]après|[Ll]aut|[Ss]egún|[Dd]e acuerdo con)"

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
    "Honourable": None,
    "Hon": None,
    # French, German and Spanish titles.
    "M": "m",
    "Mme": "f",
    "Mlle": "f",
    "Me": None,
    "Herr": "m",
    "Herrn": "m",  # "Pressemitteilung des Vorsitzenden … Herrn Sven Deter:"
    "Frau": "f",
    "Sr": "m",
    "Sra": "f",
    "Don": "m",
    "Doña": "f",
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
        "Railways Transit Authority Alliance Coalition Chamber Institute FC Clinic "
        "Democrats Republicans Conservatives Liberals Tories Greens Socialists Reuters "
        "Ministère Gouvernement Parti Conseil Assemblée Commission Agence Journal Tribunal "
        "Ministerium Regierung Partei Polizei Zeitung Nachrichten Rundfunk Verband Amt Gericht "
        "Bundesregierung Agentur Konzern Gewerkschaft Ministerio Gobierno Partido Policía "
        "Congreso Senado Tribunal Diario Periódico Agencia Consejo Comité "
        # Assemblies and bodies: "ante la Asamblea Legislativa" names no person.
        "Assembly Asamblea Cámara Ayuntamiento Junta Instituto Fundación Asociación Universidad "
        "Sénat Mairie Fondation Association Institut Université Syndicat "
        "Landtag Bundestag Bundesrat Senat Stiftung Verein Kommission Universität "
        # Diplomatic missions, and the emergency services of local news.
        "Embassy Consulate Ambassade Consulat Botschaft Konsulat Embajada Consulado "
        "Feuerwehr Stadtwerke Bomberos Pompiers Gendarmerie Staatsanwaltschaft "
        # Secretariats and broadcasters: "Secretaría de Inclusión Social", "Sirius Satellite Radio".
        "Secretaría Secretaria Secrétariat Sekretariat Radio Radiodifusión"
    ).split()
)

# Words that make a run of capitalised words a place: "New Zealand", "Buenos Aires" is not one.
PLACE_WORDS = frozenset(
    "New North South East West United Republic Kingdom Island Islands Sea Ocean River Mount "
    "City County State States Bay Lake Valley Gulf Coast Province Region Street Avenue Road "
    "Square Palace Palacio Casa Place Plaza Hotel Airport Stadium Hall "
    # Party and national adjectives: "no previous Conservative PM has".
    "Conservative Labour Democratic Republican Liberal Socialist Green Communist".split()
)

# Lower-case nouns that, after "the", designate an organisation already named.
ORGANISATION_HEADS = frozenset(
    (
        "ministry department company firm group bank council committee commission agency "
        "authority office court union association institute foundation trust service police "
        "board federation league club government hospital clinic university school party "
        "airline carrier paper newspaper agency embassy consulate "
        "ministère gouvernement parti journal agence police ministerium regierung partei "
        "polizei zeitung blatt agentur botschaft ambassade embajada ministerio gobierno partido "
        "policía diario periódico"
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
        "msp member native prime speaker politician colleague counterpart "
        # French, German and Spanish, lower-cased (German nouns are compared lower-cased too).
        "président présidente ministre chef directeur directrice porte-parole député députée "
        "maire sénateur sénatrice journaliste avocat avocate secrétaire dirigeant dirigeante "
        "patron patronne responsable procureur juge conseiller conseillère "
        "préfet préfète général générale commandant politicien politicienne collègue "
        "homologue élu élue édile présidente entraîneur "
        "kanzlerin kanzler minister ministerin präsident präsidentin sprecher sprecherin chef "
        "chefin bürgermeister bürgermeisterin vorsitzende vorsitzender leiter leiterin "
        "abgeordnete abgeordneter politiker politikerin trainer anwalt anwältin kollege "
        "kollegin amtskollege amtskollegin trainerin senatorin senator landrätin landrat "
        "ministro ministra presidente presidenta mandatario mandataria portavoz jefe jefa "
        "alcalde alcaldesa diputado diputada senador senadora titular subsecretario "
        "subsecretaria secretario secretaria gobernador gobernadora director directora "
        "vocero vocera dirigente periodista abogado abogada fiscal juez jueza premier "
        "comisionado comisionada prefecto político política colega homólogo homóloga "
        "entrenador entrenadora técnico"
    ).split()
)
# People met in the street, named by what they are, never by name: "cuestionó una vecina",
# "fragt der Anwohner". Such a speaker is someone, but nobody the article names.
MEMBERS_OF_THE_PUBLIC = frozenset(
    (
        "vecino vecina vecinos vecinas residente testigo transeúnte manifestante habitante "
        "usuario usuaria voisin voisine riverain riveraine habitant habitante passant passante "
        "témoin manifestant manifestante anwohner anwohnerin nachbar nachbarin zeuge zeugin "
        "passant passantin absender absenderin verfasser verfasserin bürger bürgerin"
    ).split()
)
# German compounds end with their role: "Polizeipressesprecher", "Bundeslandwirtschaftsminister".
ROLE_SUFFIXES = (
    "minister", "ministerin", "sprecher", "sprecherin", "chef", "chefin", "präsident",
    "präsidentin", "kanzler", "kanzlerin", "leiter", "leiterin", "direktor", "direktorin",
    "vorsitzende", "vorsitzender", "politiker", "politikerin", "experte", "expertin", "berater",
    "beraterin", "rätin",
)  # fmt: skip


def is_role_word(word: str) -> bool:
    """ "minister", "Kanzlerin", "Polizei-Sprecherin", "Regierungssprecher": a role noun."""
    word = word.lower().rstrip(".,").rsplit("-", 1)[-1]
    if word in ROLE_NOUNS or (word.endswith("s") and word[:-1] in ROLE_NOUNS):
        return True
    return len(word) > 7 and word.endswith(ROLE_SUFFIXES)


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
    r"(?:spokesperson|spokesman|spokeswoman|spokespeople|representative|press officer|statement|"
    r"porte-parole|Sprecherin|Sprecher|portavoz|vocero|vocera)"
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
        "Despite Under Over Across Among Between Against Around About Outside Inside Of To Not "
        "Le La Les Un Une Des Du De Et Mais Pour Selon Il Elle Ils Elles Nous Vous Je Dans Sur "
        "Avec Après Avant Ce Cette Ces Son Sa Ses Leur Quand Comme Si Ainsi Lors Aux Au "
        "Der Die Das Den Dem Ein Eine Einen Und Auch Aber Doch Nach Am Im Zu Von Vom Bei Mit "
        "Für Wir Ich Sie Er Es Als Wenn Dass Da Dann Schon Genau Meine Mein Sein Seine Ihre "
        "Ihr Zur Zum Vor Seit Laut Darauf Denn Weil Dies Diese Dieser Nur Noch Man "
        "El Los Las Una Y Pero Para Según Con En Por Del Al Además Luego Sobre Ya Que Su Sus "
        "Este Esta Estos Estas Ese Esa Hoy Ayer Tras Durante Desde Hasta Fue Es Lo Le "
        "Ha Han Había Habían Hemos Niega Negó "
        # Conjunctions and adverbs opening a sentence: "Aunque reconoció…" names nobody.
        "Aunque Mientras Cuando Porque Como Donde Tampoco Incluso Asimismo Finalmente Entonces "
        "Pues Sin Sino Cependant Toutefois Pourtant Enfin Ensuite Puis Alors Lorsque Puisque "
        "Désormais Certes Obwohl Während Denn Jedoch Allerdings Zwar Sondern Also "
        "Bonsoir Bonjour Madame Monsieur Danke Herr Frau Good Morning Hello Thanks "
        "Außerdem Zudem Dabei Damit Deshalb Daher Trotzdem Jetzt Heute Gestern Dort Hier Nun "
        "Immer Bereits Zunächst Später Einen Eines Einer Kein Keine Alle Viele Weiter "
        "Lundi Mardi Mercredi Jeudi Vendredi Samedi Dimanche Montag Dienstag Mittwoch "
        "Donnerstag Freitag Samstag Sonntag Lunes Martes Miércoles Jueves Viernes Sábado Domingo "
        # Months, less those that are also first names or surnames (Julio, Avril, Mai, Mayo).
        "Januar Jänner Februar März Juni Juli Oktober Dezember Janvier Février Juin Juillet "
        "Août Septembre Octobre Novembre Décembre Enero Febrero Marzo Abril Junio Agosto "
        "Septiembre Octubre Noviembre Diciembre"
    ).split()
)

ABBREVIATIONS = frozenset(
    (
        "Mr Mrs Ms Dr St Jr Sr Prof Gen Gov Sen Rep Lt Col Capt Sgt Det No Inc Ltd Co Corp vs "
        "etc Jan Feb Mar Apr Aug Sep Sept Oct Nov Dec Mt Ave Rev Cllr M Mme Mlle Sra Dra "
        "Nr bzw ca Dir"
    ).split()
)

# Capital letters of the Latin alphabets the four languages (and the names in them) use.
UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŸŹŻŽ"
# One capitalised word of a name: "Ren", "O'Brien", "Smith-Jones", "J.", "J.-P.", "Déby"; never
# "Ren's".
NAME_WORD = (
    rf"(?:[{UPPER}]\.(?:-[{UPPER}]\.)?|[{UPPER}][\w-]*(?:['’][{UPPER}][\w-]*)?\b(?!['’]s\b))"
)
# A name never runs over a line break: "Senator Kyrsten Sinema" then the dateline "WASHINGTON".
_GAP = r"[^\S\n]+"
# Two or more capitalised words in a row, the loose shape of a full name ("Hua Chunying",
# "Tennessee Governor Bill Lee"), where NAME's particles and initials do not matter.
FULL_NAME = rf"\b[{UPPER}][\w’'-]+(?:\s+[{UPPER}][\w’'-]+)+"
NAME = (
    NAME_WORD
    + rf"(?:{_GAP}(?:(?:van{_GAP}der|von{_GAP}der|van{_GAP}den|de{_GAP}la|de|van|von|da|di|del|"
    + rf"bin|al|la|le|du|des|(?<=[Vv]an )der|(?<=[Vv]on )der){_GAP})?"
    + NAME_WORD
    + r"){0,3}"
)
# A named organisation may hold "of", "for", "and": "Ministry of Health".
# Not "on": "Anders Samuelsen on Twitter" is a person on a platform, not an organisation.
ORGANISATION_NAME = (
    NAME_WORD + rf"(?:{_GAP}(?:(?:of|for|and|&){_GAP}(?:the{_GAP})?)?" + NAME_WORD + r")*"
)

# Words that may stand between a speaker and the speech verb: "he also said", "Smith has warned".
ADVERB = (
    r"(?:also|later|then|once|previously|repeatedly|earlier|again|further|has|had|have|was|is|"
    r"will|would|did|does|[a-z]\w+ly|a|avait|ont|aussi|encore|ensuite|également|fermement|hat|habe|"
    r"hatte|auch|noch|zudem|außerdem|dann|ha|había|también|luego|además)"
)
ADVERBS = rf"(?:{ADVERB}\s+)"

# Capitalised words of NOT_NAME_WORDS that are also surnames ("sagte Weil", "Stephan Weil"):
# a name when they end a name or follow a speech verb, a clause word when they open a sentence.
SURNAME_LIKE = frozenset({"Weil", "Noch", "Doch", "Schon", "Man", "Genau"})

# Lower-case nouns of a named institution: "le ministère du Commerce", "la préfecture de
# police", "el ministerio de Salud"; with "of"/"de" and a capitalised name they are one.
INSTITUTION_HEADS = (
    r"(?:ministère|ministerio|ministry|préfecture|mairie|gouvernement|gobierno|secrétariat|"
    r"secretaría|département|departamento|department|conseil|consejo|tribunal|parquet|"
    r"fiscalía|procuraduría|embajada|ambassade|embassy|agence|agencia|office|oficina|"
    r"instituto|institut|commission|comisión|ayuntamiento|municipalidad|alcaldía)"
)
INSTITUTION_OF = r"(?:of|for|de|du|des|de\s+la|de\s+l['’]|del|de\s+los|de\s+las)"

SPEECH_VERB_RE = re.compile(r"\b" + SPEECH_VERB + r"\b")
