"""Person extraction: the tagger with document-level resolution, Cyrillic, and the seed article."""
from __future__ import annotations

import pytest

from index.extract.persons.mentions import extract_persons
from index.resources import seeds_dir

SEED = seeds_dir() / "moscow-times-trump-putin-call.txt"


def test_seed_persons_exactly():
    persons = extract_persons(SEED.read_text(encoding="utf-8"), "en")
    assert persons == sorted(["Donald Trump", "Vladimir Putin", "Volodymyr Zelensky", "JD Vance", "Dmitry Peskov",
                              "Keir Starmer", "Karoline Leavitt", "Leo XIV"])


@pytest.mark.parametrize("text, expected", [
    # titles and roles stripped, possessives handled
    ("Russia's Vladimir Putin spoke. Putin's aides were silent.", ["Vladimir Putin"]),
    ("White House Press Secretary Karoline Leavitt said no.", ["Karoline Leavitt"]),
    ("British Prime Minister Keir Starmer met Vice President JD Vance.", ["JD Vance", "Keir Starmer"]),
    ("Kremlin spokesman Dmitry Peskov declined to comment.", ["Dmitry Peskov"]),
    ("Pope Leo XIV prayed for peace.", ["Leo XIV"]),
    # surname-only and first-name-only mentions fold into the full name
    ("Angela Rayner visited Leeds. Later Rayner told reporters that Angela was tired.", ["Angela Rayner"]),
    # an unknown person introduced by name is found (not in persons.json)
    ("Local farmer Tobias Wendling, 54, said the harvest failed.", ["Tobias Wendling"]),
    ("The report was written by Priya Raghunathan and Marek Zielinski.", ["Marek Zielinski", "Priya Raghunathan"]),
    # spelling variants merge into one canonical name
    ("Zelenskyy spoke first. Later Volodymyr Zelenskiy and Zelensky spoke again.", ["Volodymyr Zelensky"]),
    ("J.D. Vance arrived. JD Vance left.", ["JD Vance"]),
    # a lone word with a title survives; one without stays out
    ("Mr Hargreaves was not available. Oakwood was quiet.", ["Hargreaves"]),
    # initials, particles, hyphens, Irish O'
    ("Ursula von der Leyen met Bashar al-Assad and Alexandria Ocasio-Cortez.",
     ["Alexandria Ocasio-Cortez", "Bashar al-Assad", "Ursula von der Leyen"]),
    ("The Irish singer Sinead O'Connor said she was leaving.", ["Sinead O'Connor"]),
    ("Robert F. Kennedy Jr. spoke.", ["Robert F. Kennedy Jr."]),
])
def test_english_rules(text, expected):
    assert extract_persons(text, "en") == expected


@pytest.mark.parametrize("text", [
    "The White House and the Kremlin reacted. NATO officials met in the Oval Office.",
    "The Moscow Times and RIA Novosti reported from Istanbul on Monday.",
    "On Tuesday in March, the Prosecutor General's Office said nothing.",
    "BREAKING NEWS\nMARKETS FALL AS TRADE TALKS STALL",
    "Deutsche Bank and Goldman Sachs Group raised forecasts for Sri Lanka and Hong Kong.",
])
def test_english_non_persons(text):
    assert extract_persons(text, "en") == []


def test_family_names_stay_apart_when_first_names_differ():
    text = "Melania Trump and Donald Trump arrived. Trump waved."
    assert extract_persons(text, "en") == ["Donald Trump", "Melania Trump"]


@pytest.mark.parametrize("text, lang, expected", [
    ("Президент России Владимир Путин заявил, что Путину нужен мир. Пресс-секретарь Кремля Дмитрий Песков "
     "сообщил об этом.", "ru", ["Dmitry Peskov", "Vladimir Putin"]),
    ("Володимир Зеленський зустрівся з Зеленським? Ні, з Путіним не зустрічався.", "uk",
     ["Vladimir Putin", "Volodymyr Zelensky"]),
    # unknown Russian persons: inflected forms meet, nominative guessed
    ("Александр Иванов встретился с Мариной Сидоровой. Иванов заявил, что Сидорова права.", "ru",
     ["Александр Иванов", "Марина Сидорова"]),
    ("Bundeskanzler Friedrich Merz traf Emmanuel Macron in Paris. Merz sagte wenig.", "de",
     ["Emmanuel Macron", "Friedrich Merz"]),
    ("Le président Emmanuel Macron a reçu Jean-Noël Barrot à l'Élysée.", "fr", ["Emmanuel Macron", "Jean-Noël Barrot"]),
    ("El presidente Pedro Sánchez habló con Gabriel Rufián en Madrid.", "es", ["Gabriel Rufián", "Pedro Sánchez"]),
    # Polish case endings meet the known nominative; German capitalised nouns are not names
    ("Premier Theresy May nie było. Spotkała się z Donaldem Trumpem.", "pl", ["Donald Trump", "Theresa May"]),
    ("Die Unternehmen der Welt zahlten Milliarden Euro. Laut Designer Mario Kameník war das gut.", "de",
     ["Mario Kameník"]),
])
def test_other_languages(text, lang, expected):
    assert extract_persons(text, lang) == expected


def test_output_is_sorted_and_unique():
    text = "Keir Starmer met Donald Trump. Donald Trump met Keir Starmer. Starmer left."
    out = extract_persons(text, "en")
    assert out == sorted(set(out)) == ["Donald Trump", "Keir Starmer"]


# Transliterations: German, French and Spanish spellings meet the canonical name by the folded key
# (translit.py), not by one alias per spelling.
@pytest.mark.parametrize("text, lang, expected", [
    ("Kremlsprecher Dmitri Peskow sagte, Wladimir Putin sei bereit. Peskow fügte hinzu, Außenminister "
     "Sergej Lawrow werde nach Genf reisen. Wolodymyr Selenskyj lehnte ab.", "de",
     ["Dmitry Peskov", "Sergei Lavrov", "Vladimir Putin", "Volodymyr Zelensky"]),
    ("Lawrow sagte, Dmitrij Peskow habe recht.", "de", ["Dmitry Peskov", "Sergei Lavrov"]),
    ("Le porte-parole du Kremlin, Dmitri Peskov, a déclaré que Vladimir Poutine était prêt. Le ministre "
     "Sergueï Lavrov se rendra à Genève. Volodymyr Zelensky a refusé.", "fr",
     ["Dmitry Peskov", "Sergei Lavrov", "Vladimir Putin", "Volodymyr Zelensky"]),
    ("El portavoz del Kremlin, Dmitri Peskov, dijo que Vladímir Putin está dispuesto. El canciller Serguéi "
     "Lavrov viajará. Volodímir Zelenski rechazó la oferta.", "es",
     ["Dmitry Peskov", "Sergei Lavrov", "Vladimir Putin", "Volodymyr Zelensky"]),
])
def test_transliterated_spellings(text, lang, expected):
    assert extract_persons(text, lang) == expected


def test_folding_does_not_invent_persons():
    # "Busch" folds to "bush": a lone German noun must not become George W. Bush.
    assert extract_persons("Der Busch brannte lange. Die Feuerwehr kam spät.", "de") == []
    # an unknown person keeps the spelling of the text
    assert extract_persons("Laut Designer Mario Wassiljew war das gut.", "de") == ["Mario Wassiljew"]
    # a known surname under another given name is someone else ("Dmitri" is not Sergei Lavrov)
    assert extract_persons("Local farmer Dmitri Lawrow, 54, said the harvest failed.", "en") == ["Dmitri Lawrow"]


def test_fold_key():
    from index.extract.persons.translit import fold
    assert fold("dmitri peskow") == fold("dmitry peskov") == fold("dmitrij peskov") == fold("dmitriy peskov")
    assert fold("sergueï lavrov") == fold("serguéi lavrov") == fold("sergej lawrow") == fold("sergey lavrov")
    assert fold("wolodymyr") == fold("volodímir") and fold("tschernow") == fold("chernov")
    assert fold("путин") == "путин"                      # Cyrillic keys are stemmed, not folded
    assert fold("lavrov") != fold("laurov") and fold("ivan") != fold("ivana")


# Texts written for these tests: what the rules alone missed (issue 12).
@pytest.mark.parametrize("text, expected", [
    # foreign surnames standing alone, no title and no known given name
    ("The goal came after Nakamura crossed from the left.", ["Nakamura"]),
    ("Police said Abdelkader had met Szymborski, 41, twice in Lyon.", ["Abdelkader", "Szymborski"]),
    # sports results and tables
    ("Results of the women's 100 metres: 1. Merlene Ottey (Jamaica) 10.94 2. Gail Devers (U.S.) 11.00 "
     "3. Irina Privalova (Russia) 11.05", ["Gail Devers", "Irina Privalova", "Merlene Ottey"]),
    ("Men's singles, second round: Goran Ivanisevic (Croatia) beat Magnus Larsson (Sweden) 6-4 7-6 6-3",
     ["Goran Ivanisevic", "Magnus Larsson"]),
    ("Leading scorers:\n12 - Oliver Bierhoff (Udinese)\n10 - Giuseppe Signori (Lazio)\n"
     "9 - Gabriel Batistuta (Fiorentina)", ["Gabriel Batistuta", "Giuseppe Signori", "Oliver Bierhoff"]),
    # all-caps headlines: read as title case, names still meet the body's full names
    ("YELTSIN SACKS LEBED AFTER KREMLIN ROW\nMOSCOW 1996-10-17\nRussian President Boris Yeltsin sacked his "
     "security chief Alexander Lebed on Thursday.", ["Alexander Lebed", "Boris Yeltsin"]),
    ("SOCCER - BAYERN BEAT HAMBURG AS KLINSMANN SCORES\nJurgen Klinsmann scored twice for Bayern Munich.",
     ["Jurgen Klinsmann"]),
])
def test_tagger_english(text, expected):
    assert extract_persons(text, "en") == expected


@pytest.mark.parametrize("text", [
    "Shares in Lyon fell. The Tokyo exchange closed higher. Analysts in Warsaw were cautious.",
    "MARKETS RALLY AS FED HOLDS RATES\nStocks rose on Wednesday.",
])
def test_tagger_english_non_persons(text):
    assert extract_persons(text, "en") == []


@pytest.mark.parametrize("text, lang, expected", [
    # inflected Russian, Ukrainian, Polish and Czech names: known ones become canonical
    ("Вчера Шойгу прибыл в Минск, где его встретил Лукашенко.", "ru", ["Alexander Lukashenko", "Sergei Shoigu"]),
    ("Суд приговорил Алексея Навального к девяти годам. Адвокат Навального Ольга Михайлова заявила, что "
     "обжалует решение.", "ru", ["Alexei Navalny", "Ольга Михайлова"]),
    ("Зеленський провів розмову з Макроном. Макрон пообіцяв підтримку.", "uk",
     ["Emmanuel Macron", "Volodymyr Zelensky"]),
    ("Прем'єр-міністр Денис Шмигаль зустрівся з Олафом Шольцом. Шмигаль подякував канцлеру за підтримку.", "uk",
     ["Denys Shmyhal", "Olaf Scholz"]),
    ("Premier Mateusz Morawiecki spotkał się z Olafem Scholzem. Morawieckiego pytano o Unię Europejską i "
     "Komisję Europejską.", "pl", ["Mateusz Morawiecki", "Olaf Scholz"]),
    # Polish capitalises organisations and peoples: not persons
    ("Według Jarosława Kaczyńskiego rząd ma rację. Kaczyński mówił o Polakach i Brytyjczykach.", "pl",
     ["Jarosław Kaczyński"]),
    ("Bundeskanzler Olaf Scholz und Finanzminister Christian Lindner stritten. Die Regierung schwieg.", "de",
     ["Christian Lindner", "Olaf Scholz"]),
])
def test_tagger_other_languages(text, lang, expected):
    assert extract_persons(text, lang) == expected


def test_polish_surnames_alone_in_case_forms():
    # A lone surname in the genitive is found; its nominative is not guessed for unknown persons.
    out = extract_persons("Według Wałęsy rząd się myli, a Szymborska milczała.", "pl")
    assert len(out) == 2 and "Szymborska" in out and any(p.startswith("Wałęs") for p in out)


# Known persons in French and German transliteration where the tagger reads the run as something
# else ("ministre de la Défense Roustem Oumerov": "Défense" pulls the run towards an organisation):
# the lexicon's folded spellings still find them (issue 12 point 7). Texts written for the test.
@pytest.mark.parametrize("text, lang, expected", [
    ("La délégation, conduite par le ministre de la Défense Roustem Oumerov, réclamait une trêve.", "fr",
     ["Rustem Umerov"]),
    ("Le ministère de la Défense Roustem Oumerov : la formule du communiqué a surpris.", "fr", ["Rustem Umerov"]),
    ("Le chef d'état-major Valeri Guerassimov et Sergueï Choïgou sont arrivés.", "fr",
     ["Sergei Shoigu", "Valery Gerasimov"]),
    ("Das Verteidigungsministerium unter Rustem Umerow teilte mit, die Gespräche gingen weiter.", "de",
     ["Rustem Umerov"]),
])
def test_transliterated_known_persons_the_tagger_leaves_out(text, lang, expected):
    assert extract_persons(text, lang) == expected


def test_french_and_german_hushing_sounds_fold_alike():
    from index.extract.persons.translit import fold
    assert fold("choïgou") == fold("schoigu") == fold("shoigu")
    assert fold("tchernov") == fold("tschernow") == fold("chernov")
    assert fold("roustem oumerov") == fold("rustem umerov")


def test_french_seed_finds_its_persons_exactly():
    from index.ingest.read_extract import read_and_extract
    from index.extract.pipeline import ExtractContext
    path = seeds_dir() / "le-veilleur-istanbul-premier-contact.html"
    arts, problems, _ = read_and_extract(str(path), "html", path.read_bytes(), ExtractContext())
    assert not problems and len(arts) == 1
    assert arts[0].persons == ["Emmanuel Macron", "Hakan Fidan", "Marco Rubio", "Rustem Umerov",
                               "Vladimir Medinsky", "Vladimir Putin", "Volodymyr Zelensky"]
