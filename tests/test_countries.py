"""Country tagging: names, variants, demonyms, cities, seats of power, inflection, ambiguity, the seed."""
from __future__ import annotations

import pytest

from index.extract.countries.mentions import extract_countries, focus, weigh_countries
from index.extract.countries.weights import threshold
from index.extract.persons.mentions import extract_persons
from index.resources import seeds_dir


def test_seed_countries():
    text = (seeds_dir() / "moscow-times-trump-putin-call.txt").read_text(encoding="utf-8")
    found = extract_countries(text, "en", persons=extract_persons(text, "en"))
    assert {"RU", "UA", "US", "GB", "FR", "DE", "IT", "TR"} <= set(found)
    assert found == sorted(found) and all(len(c) == 2 and c.isupper() for c in found)


@pytest.mark.parametrize("text, lang, expected", [
    ("Officials in the U.S. and the UK met.", "en", ["GB", "US"]),
    ("America and Britain signed the deal.", "en", ["GB", "US"]),
    ("Russian and Ukrainian negotiators arrived.", "en", ["RU", "UA"]),
    ("The talks in Istanbul moved to Rome and then to Kyiv.", "en", ["IT", "TR", "UA"]),
    ("Downing Street and the Élysée welcomed the call from the White House.", "en", ["FR", "GB", "US"]),
    ("The Kremlin declined to comment.", "en", ["RU"]),
    ("Bosnia and Herzegovina and the United Arab Emirates signed.", "en", ["AE", "BA"]),
    # Russian and Ukrainian inflection
    ("Переговоры России и Украины прошли в Москве.", "ru", ["RU", "UA"]),
    ("Делегація Росії прибула до Києва, США мовчать.", "uk", ["RU", "UA", "US"]),
    ("Он говорил о российских и американских санкциях.", "ru", ["RU", "US"]),
    # German, French, Spanish
    ("Die Regierung in Frankreich und die russische Armee.", "de", ["FR", "RU"]),
    ("Le président français a parlé avec l'Allemagne.", "fr", ["DE", "FR"]),
    ("El Gobierno de España habló con Estados Unidos.", "es", ["ES", "US"]),
])
def test_names_variants_and_languages(text, lang, expected):
    assert extract_countries(text, lang) == expected


def test_georgia_the_state_and_the_country():
    us = "Georgia Governor Brian Kemp, a Republican, spoke in Atlanta about the state's budget."
    ge = "Georgia's prime minister spoke in Tbilisi about relations with Armenia."
    assert extract_countries(us, "en") == ["US"]
    assert extract_countries(ge, "en") == ["AM", "GE"]


def test_place_words_inside_person_names_are_not_places():
    text = "Michael Jordan and Chad Smith watched the game in Chicago."
    persons = extract_persons(text, "en")
    assert "Michael Jordan" in persons and "Chad Smith" in persons
    assert extract_countries(text, "en", persons=persons) == ["US"]
    # without the person list, the same words would be read as countries
    assert {"JO", "TD"} <= set(extract_countries(text, "en"))


def test_turkey_the_bird():
    assert extract_countries("We roasted a Turkey with stuffing for Thanksgiving.", "en") == []
    assert extract_countries("Turkey and Greece held talks in Ankara.", "en") == ["GR", "TR"]
    assert extract_countries("Türkiye hosted the summit.", "en") == ["TR"]


def test_us_pronoun_in_capitals_headline():
    assert extract_countries("PLEASE HELP US SAVE THE LOCAL LIBRARY", "en") == []
    assert extract_countries("US officials said the talks failed.", "en") == ["US"]


@pytest.mark.parametrize("text, lang, expected", [
    # a region that holds a country's name or demonym names no country by it
    ("Banks cut their lending to Latin America and to South America's miners.", "en", []),
    ("Latin American debt worried the North American and Central American exporters.", "en", []),
    ("Utilities across New England raised their rates.", "en", ["US"]),
    ("Der Konzern verkauft in Lateinamerika mehr als in Nordamerika.", "de", []),
    ("Экспорт в Латинскую Америку и Южную Америку вырос.", "ru", []),
    ("El comercio con América Latina creció.", "es", []),
    ("The African National Congress and China's National People's Congress met.", "en", ["CN"]),
    ("Congress passed the farm bill.", "en", ["US"]),
    # the country word alone, or beside the region, is still the country
    ("Exports to Latin America fell while America bought more.", "en", ["US"]),
    ("Brazil leads Latin America; the U.S. watched.", "en", ["BR", "US"]),
])
def test_regions_named_after_a_country_are_not_that_country(text, lang, expected):
    assert extract_countries(text, lang) == expected


def test_niger_is_not_nigeria():
    assert extract_countries("Niger and Nigeria closed the border; Nigerian troops moved.", "en") == ["NE", "NG"]


def test_us_state_abbreviation_dateline():
    assert extract_countries("OAK BROOK, Ill., March 3 - The company said it will split its stock.", "en") == ["US"]


@pytest.mark.parametrize("text, lang, expected", [
    ("Premier spotkał się w Polsce z ministrem z Wielkiej Brytanii i z Rosji.", "pl", ["GB", "PL", "RU"]),
    ("Ministr jednal v Německu a na Ukrajině o Británii.", "cs", ["DE", "GB", "UA"]),
    ("Премиерът говори за България и Русия.", "bg", ["BG", "RU"]),
])
def test_more_slavic_languages(text, lang, expected):
    assert extract_countries(text, lang) == expected


@pytest.mark.parametrize("text, lang, expected", [
    # names these languages share with English or German, inflected (Kanada, Austria, Pakistan, Irak)
    ("Umowa z Kanadą podpisana w Austrii, rozmowy z Pakistanu i Iraku trwają.", "pl", ["AT", "CA", "IQ", "PK"]),
    # plural names and consonant changes before an ending
    ("Eksport do Chin spadł, a we Włoszech i na Węgrzech wzrósł; w Ameryce bez zmian.", "pl",
     ["CN", "HU", "IT", "US"]),
    ("Rząd Zjednoczonego Królestwa rozmawiał z Białorusią.", "pl", ["BY", "GB"]),
    # Czech adjective endings
    ("Vláda Spojeného království jednala s Británií a s Nigérií.", "cs", ["GB", "NG"]),
    # of two names giving one form, the longer one's (Nigeria's, not Niger's)
    ("Wybory w Nigerii przełożono.", "pl", ["NG"]),
    # abbreviations the languages write
    ("Predsednik ZDA je obiskal BiH.", "sl", ["BA", "US"]),
    ("Vláda ČR jednala s KLDR.", "cs", ["CZ", "KP"]),
    # Bulgarian names with the definite article
    ("Съединените щати и Чешката република подписаха споразумение.", "bg", ["CZ", "US"]),
])
def test_slavic_case_forms_of_shared_names(text, lang, expected):
    assert extract_countries(text, lang) == expected


def test_slavic_case_forms_are_read_only_in_those_languages():
    # "Chin", "Toga", "Cube" are case forms of China, Togo and Cuba in Polish or Czech text only
    text = "Chin up, said the coach. Toga Partners sold the Cube Building to a fund."
    assert extract_countries(text, "en") == []
    assert extract_countries("Eksport do Chin i na Kubę.", "pl") == ["CN", "CU"]


def test_currency_and_passing_city_mentions_are_named_but_weigh_little():
    text = ("Tokyo stocks rose as Japanese exporters gained. Toyota shares rose 2 pct. " * 8
            + "The deal was worth 1.2 billion U.S. dlrs. One trader at a Paris-based bank said little.")
    weights = weigh_countries(text, "en")
    assert extract_countries(text, "en") == ["FR", "JP", "US"]      # every country named is kept
    assert focus(weights) == ["JP"]                                   # the facet counts Japan only
    assert weights["US"] < threshold() and weights["FR"] < threshold()


def test_passing_mentions_stay_below_the_threshold_and_short_texts_keep_both():
    opening = "Japanese exporters gained in Tokyo as Japan reported a record trade surplus. " * 6
    passing = weigh_countries(opening + "The bonds will be listed in Luxembourg.", "en")
    assert sorted(passing) == ["JP", "LU"] and focus(passing) == ["JP"]
    listed = weigh_countries(opening + "Officials from Britain, France, Germany and Italy also attended.", "en")
    assert sorted(listed) == ["DE", "FR", "GB", "IT", "JP"] and "JP" in focus(listed)
    assert max(listed[c] for c in ("DE", "FR", "GB", "IT")) < listed["JP"] - 0.5
    # two countries named together in one short sentence are both its subject
    assert focus(weigh_countries("Japan and Luxembourg signed a tax treaty.", "en")) == ["JP", "LU"]


@pytest.mark.parametrize("text, expected", [
    # accents dropped and umlauts spelled out, as wire copy writes foreign cities
    ("Shares rose in Zurich and Duesseldorf, and fell in Sao Paulo.", ["BR", "CH", "DE"]),
    ("Talks resumed in Zürich and Düsseldorf.", ["CH", "DE"]),
    # the river left out: Frankfurt am Main
    ("Bankers in Frankfurt were cautious.", ["DE"]),
    # a national capital smaller than the big-city cut
    ("The federal council met in Bern on Monday.", ["CH"]),
])
def test_city_spellings_of_news(text, expected):
    assert extract_countries(text, "en") == expected


def test_short_respellings_are_not_places():
    # "Niš" respelled would be "Nis", and NIS the shekel; "Huế" would be "Hue"
    assert extract_countries("The fee was NIS 400, and the Hue of the sky changed.", "en") == []


@pytest.mark.parametrize("text, body_start, expected", [
    ("RETAIL SALES FALL\n\nWELLINGTON, March 6 - Retail sales fell 2.1 pct in the quarter.", 19, ["NZ"]),
    ("Sales\n\nRichmond, Va., March 6 - The company said sales rose.", 7, ["US"]),
    ("NICE, France, May 2 - The festival opened.", 0, ["FR"]),
])
def test_a_dateline_city_whose_name_is_also_a_word(text, body_start, expected):
    assert extract_countries(text, "en", body_start=body_start) == expected


def test_such_names_outside_a_dateline_are_not_places():
    text = "Boots\n\nWellington boots sold well. Nice weather helped, and Reading rose too."
    assert extract_countries(text, "en", body_start=7) == []
