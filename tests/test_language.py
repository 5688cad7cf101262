"""Language detection: a best guess with its confidence for any text with letters, the hint
when there are none or the guess is unsure, deterministic on every thread."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from index.extract.language.detect import detect_language, guess_language, warm_up
from index.resources import seeds_dir


@pytest.fixture(scope="module", autouse=True)
def profiles():
    warm_up()     # load langdetect's profiles once for the module


TEXTS = [
    ("The government said on Tuesday that it would raise the minimum wage next year.", "en"),
    ("Президент России провел телефонный разговор с президентом США, сообщили в Кремле.", "ru"),
    ("Уряд ухвалив рішення про підвищення мінімальної заробітної плати з наступного року.", "uk"),
    ("Die Bundesregierung hat am Mittwoch ein neues Gesetz zur Cybersicherheit beschlossen.", "de"),
    ("Le gouvernement a présenté mercredi un projet de loi sur les lanceurs d'alerte.", "fr"),
    ("El gobierno presentó el miércoles un proyecto de ley para proteger a los denunciantes.", "es"),
    ("Il governo ha presentato mercoledì un disegno di legge sulla protezione dei lavoratori.", "it"),
    ("Rząd przedstawił w środę projekt ustawy o ochronie sygnalistów w przedsiębiorstwach.", "pl"),
]


@pytest.mark.parametrize("text,lang", TEXTS)
def test_detects(text, lang):
    assert detect_language(text) == lang


def test_seed_is_english():
    assert detect_language((seeds_dir() / "moscow-times-trump-putin-call.txt").read_text(encoding="utf-8")) == "en"


@pytest.mark.parametrize("text", ["", "12345 67890 !!!", "https://example.com/a/b/c/d", "— 17:45 —"])
def test_text_without_letters_takes_the_hint(text):
    assert detect_language(text) is None
    assert detect_language(text, hint="de-DE") == "de"
    assert guess_language(text).confidence == 0.0


SHORT = [
    ("Hi there, how are you?", "en"),
    ("Путин провёл переговоры", "ru"),
    ("Зеленський підписав закон", "uk"),
    ("Парламентът прие бюджета", "bg"),
    ("Rząd przyjął ustawę", "pl"),
    ("Die Regierung tritt zurück", "de"),
    ("Le président a démissionné", "fr"),
    ("PUTIN UND TRUMP TELEFONIEREN ÜBER DIE UKRAINE", "de"),   # a headline in capitals
    ("УКРАЇНА ОТРИМАЄ НОВІ ЛІТАКИ", "uk"),
]


@pytest.mark.parametrize("text,lang", SHORT)
def test_a_short_text_gets_its_best_guess_with_a_confidence(text, lang):
    guess = guess_language(text)
    assert guess.code == lang, guess
    assert 0.0 < guess.confidence <= 1.0
    assert guess.method == "n-grams"


def test_confidence_grows_with_the_text():
    short = guess_language("Vláda schválila")
    long = guess_language("Vláda dnes schválila návrh zákona, který mění pravidla pro "
                          "přidělování dotací obcím a krajům. Ministr řekl, že změny začnou platit v lednu.")
    assert long.code == "cs"
    assert long.confidence > short.confidence
    assert long.confidence > 0.9


def test_a_declared_language_wins_over_an_unsure_guess_only():
    unsure = guess_language("Hallo Anna")
    assert unsure.confidence < 0.6
    assert detect_language("Hallo Anna", hint="de") == "de"
    # a clear short text keeps its language whatever the page declares
    assert detect_language("Президент России провел телефонный разговор", hint="en") == "ru"


def test_letters_a_language_cannot_spell_count_against_it():
    from index.extract.language.alphabets import foreign_letters
    assert foreign_letters("Řekl, že přijde")["sk"] == 2          # ř is Czech, never Slovak
    assert foreign_letters("Řekl, že přijde")["cs"] == 0
    assert foreign_letters("твърдеше")["mk"] == 1                 # ъ is Bulgarian
    assert foreign_letters("підписав")["ru"] == 1                 # і is Ukrainian
    assert foreign_letters("plain English") == {}


def test_langdetect_internals_we_rely_on_are_there():
    # ngrams.py uses langdetect 1.0.9's Detector internals: a change of version must show here
    from index.extract.language.detect import _factory
    from index.extract.language.ngrams import log_likelihoods, ngrams
    factory = _factory()
    grams = ngrams(factory, "The minister said")
    assert "The" in grams and " mi" in grams and "d" in grams
    assert "NAT" not in ngrams(factory, "NATO minister")        # words in capitals are skipped ...
    assert "nat" in ngrams(factory, "NATO MINISTERS MEET")     # ... unless most are (a headline)
    scores, n = log_likelihoods(factory, "The minister said")
    assert n == len(grams) and scores.shape == (len(factory.langlist),)
    assert factory.langlist[int(scores.argmax())] == "en"


def test_hint_does_not_override_a_clear_text():
    assert detect_language(TEXTS[1][0], hint="en") == "ru"


def test_deterministic_across_threads():
    mixed = "Meeting notes. Встреча прошла хорошо. Die Sitzung war gut. " * 3
    first = detect_language(mixed)
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: detect_language(mixed), range(40)))
    assert set(results) == {first}


TABLE = ("SANTA CRUZ, Calif., Feb 26 - Shr 34 cts vs 1.19 dlrs\nNet 807,000 vs 2,858,000\n"
         "Assets 510.2 mln vs 479.7 mln\nDeposits 472.3 mln vs 440.3 mln\nLoans 299.2 mln vs 327.2 mln\n")


def test_a_table_of_figures_takes_its_outlets_usual_language():
    from index.extract.language.detect import detect_language
    from index.extract.text.outlets import usual_language
    assert usual_language("Reuters") == "en"
    assert detect_language(TABLE, usual="en") == "en"
    # the outlet's language only where the script fits and the function words said nothing
    assert detect_language("Курс доллара 92,5 руб. Евро 99,1 руб. Нефть Brent 81,2 долл.",
                           usual="ru") == "ru"
    assert detect_language("The talks in Geneva ended without an agreement, officials said on Monday.",
                           usual="ru") == "en"


def test_reuters_tables_are_english_end_to_end(tmp_path):
    import json
    from index.ingest.read_extract import read_and_extract
    from index.extract.pipeline import ExtractContext
    data = json.dumps({"title": "SANTA CRUZ FINANCIAL 4TH QTR NET", "text": TABLE,
                       "source": "Reuters", "date": "1987-02-26"}).encode()
    arts, problems, readable = read_and_extract("t.json", "json", data, ExtractContext())
    assert readable and arts[0].outlet == "Reuters" and arts[0].language == "en"


def test_compact_profiles_hold_langdetect_values_exactly():
    # profiles.py keeps only the non-zero probabilities: every row must equal langdetect's list
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    from index.extract.language.detect import _factory
    ours = _factory()
    theirs = DetectorFactory()
    theirs.load_profile(PROFILES_DIRECTORY)
    assert ours.langlist == theirs.langlist
    assert set(ours.word_lang_prob_map) == set(theirs.word_lang_prob_map)
    grams = list(theirs.word_lang_prob_map)
    rows = ours.dense(grams)
    assert rows.tobytes() == np.array([theirs.word_lang_prob_map[g] for g in grams],
                                      dtype=np.float64).tobytes()
