"""Language detection: seeded langdetect, short texts fall back to the hint, thread-safe."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from index.extract.language import detect_language, warm_up
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
