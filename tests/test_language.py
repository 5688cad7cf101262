"""Language detection: seeded langdetect, short texts fall back to the hint, thread-safe."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from index.extract.language.detect import detect_language, warm_up
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


@pytest.mark.parametrize("text", ["", "Hi there", "12345 67890 !!!", "https://example.com/a/b/c/d"])
def test_short_text_uses_hint(text):
    assert detect_language(text) is None
    assert detect_language(text, hint="de-DE") == "de"


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
