"""The world name lists (index/extract/persons/world_names.py): shipped, read offline, and what they
bring the tagger: foreign given names and surnames in short news texts of several languages, in
sports results, tables and all-caps headlines, and no persons made of companies or places.
Every text here was written for the test."""
from __future__ import annotations

import pytest

from index.extract.persons.mentions import extract_persons
from index.extract.persons.world_names import FILE, name_classes, world_names
from index.extract.persons.lexicon import token_key
from index.resources import data_path


def test_lists_ship_with_their_origin():
    text = data_path(FILE).read_text(encoding="utf-8")
    assert "Faker" in text.split("\n", 1)[0] and "MIT" in text[:300]
    wn = world_names()
    assert len(wn.given) > 10_000 and len(wn.surnames) > 10_000
    assert world_names() is world_names()            # read once per process


@pytest.mark.parametrize("word,expected", [
    ("József", "wgiven"),        # Hungarian
    ("Iain", "wgiven"),          # Scottish
    ("Ondřej", "wgiven"),        # Czech
    ("Akhtar", "wsur"),          # Pakistani
    ("Nováková", "wsur"),        # Czech feminine surname
])
def test_names_of_other_countries_are_listed(word, expected):
    assert expected in name_classes(token_key(word))


def test_case_forms_meet_the_lists_by_stem():
    assert "wsur~" in name_classes(token_key("Novákovou"))      # the instrumental of Nováková
    assert "wgiven~" in name_classes(token_key("Ondřejem"))


@pytest.mark.parametrize("word", ["Brexit", "Recruitment", "Wizz", "Parlament"])
def test_ordinary_words_are_in_no_list(word):
    assert name_classes(token_key(word)) == []


@pytest.mark.parametrize("text,lang,expected", [
    # foreign names in Slavic news, neither in the lexicon
    ("Soudce Imtiaz Chaudhry případ odložil.", "cs", ["Imtiaz Chaudhry"]),
    ("Sędzia Bogusław Wrzesiński ukarał zawodnika.", "pl", ["Bogusław Wrzesiński"]),
    # sports results and a referee line
    ("Hlavní rozhodčí Ondřej Berka odpískal penaltu.", "cs", ["Ondřej Berka"]),
    ("Scorers: Erling Haaland 12, 55; Bukayo Saka 78.", "en", ["Bukayo Saka", "Erling Haaland"]),
    ("Wyniki: 1. Dawid Kubacki 265,4 pkt, 2. Kamil Stoch 261,0, 3. Piotr Żyła 250,7", "pl",
     ["Dawid Kubacki", "Kamil Stoch", "Piotr Żyła"]),
    # a table
    ("Name | Party | Votes\nAgnieszka Nowak | PO | 1204\nTomasz Wiśniewski | PiS | 998", "pl",
     ["Agnieszka Nowak", "Tomasz Wiśniewski"]),
    # an all-caps headline
    ("TSIPRAS AND MITSOTAKIS CLASH OVER PENSIONS", "en", ["Alexis Tsipras", "Kyriakos Mitsotakis"]),
    # Cyrillic
    ("Министър-председателят Николай Денков се срещна с Кирил Петков.", "bg", ["Кирил Петков", "Николай Денков"]),
])
def test_persons_in_short_texts(text, lang, expected):
    assert extract_persons(text, lang) == expected


def test_referee_line_of_a_match_report():
    # A given name after a line-opening label ("Rozhodčí:"): read as outside a name until the
    # model of word-identity dropout 0.5 (tools/train_persons.py).
    assert extract_persons("Rozhodčí: Ondřej Berka. Diváci: 4 200.", "cs") == ["Ondřej Berka"]


@pytest.mark.parametrize("text,lang", [
    ("Dyrektor Wizz Air zapowiedział nowe połączenia z Londynu do Warszawy.", "pl"),
    ("The London Stock Exchange and Jaguar Land Rover shares fell, Bank of England said.", "en"),
])
def test_companies_and_places_are_not_persons(text, lang):
    assert extract_persons(text, lang) == []
