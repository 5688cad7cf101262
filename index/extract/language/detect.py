"""Language detection: a best guess with its confidence for any text that has letters.

Order: the commonest function words decide long, clear texts at once (function_words.py); every
other text is scored in every language by naive Bayes over langdetect's n-gram profiles
(ngrams.py), with a cost for letters a language cannot spell (alphabets.py) and the function
words choosing among the three best. The scores become a
probability (the confidence) through one temperature fitted on the open part of the shared
corpus (bench/language_bench.py --calibrate). Deterministic: no random sampling, the same answer
on every thread and run.

langdetect's profile loading (~0.3 s, first call) is not thread-safe, so it happens once under a
lock; after that each call builds its own Detector, which is safe on any thread.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass

import numpy as np

from .alphabets import FOREIGN_LETTER_COST, foreign_letters
from .function_words import quick_language, word_counts
from .ngrams import log_likelihoods

SAMPLE_CHARS = 1500       # the first 1,000-1,500 characters decide as well as the whole text, faster
MIN_LETTERS = 20          # below this a declared language (metadata) is trusted over a weak guess
# Scores -> probabilities: log-likelihoods are summed over n-grams that are far from independent,
# so they are scaled down before the softmax (fitted on the open part, bench/language_bench.py).
TEMPERATURE = 0.15
QUICK_CONFIDENCE = 0.999  # function-word answers (long texts): none wrong on the open part
# Function words choose between the n-grams' three best candidates (Slovene "ker/bom" against
# Croatian "što/će" share nearly all n-grams); they never bring in a language the n-grams rule
# out, so the 15 languages with word lists are not favoured over the other 40.
WORD_WEIGHT = 8.0
HINT_BELOW = 0.6          # a declared language wins over a guess less sure than this ...
HINT_AT_LEAST = 0.02      # ... when the text does not rule the declared language out
_LETTER = re.compile(r"[^\W\d_]", re.U)
_NOISE = re.compile(r"https?://\S+|www\.\S+|\S+@\S+")
_LOCK = threading.Lock()
_READY = False
_PROFILES = None          # profiles.CompactFactory, loaded on first use
# langdetect's regional codes -> ISO 639-1
_CODES = {"zh-cn": "zh", "zh-tw": "zh"}


@dataclass(frozen=True)
class LanguageGuess:
    """``code``: ISO 639-1 or None (no letters and nothing declared); ``confidence``: the
    probability that ``code`` is right (0 when it only comes from metadata); ``method``:
    "function words", "n-grams", "hint" (declared by the file), "usual" (the outlet's) or
    "none"."""
    code: str | None
    confidence: float
    method: str
    alternatives: tuple[tuple[str, float], ...] = ()


def _factory():
    global _READY, _PROFILES
    if not _READY:
        with _LOCK:
            if not _READY:
                from langdetect import DetectorFactory

                from .profiles import load
                DetectorFactory.seed = 0
                _PROFILES = load()
                _READY = True
    return _PROFILES


def warm_up() -> None:
    """Load the language profiles now (e.g. before timing, or on a worker thread at start)."""
    _factory()


_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
CYRILLIC_LANGUAGES = {"ru", "uk", "be", "bg", "sr", "mk", "kk", "ky", "mn", "tg"}


def _script(sample: str) -> str | None:
    latin, cyrillic = len(_LATIN.findall(sample)), len(_CYRILLIC.findall(sample))
    letters = len(_LETTER.findall(sample))
    if latin >= 0.9 * letters:
        return "latin"
    if cyrillic >= 0.9 * letters:
        return "cyrillic"
    return None


_NUMBER = re.compile(r"(?<![\w.,])[-+(]?\d[\d.,:%/]*")
_WORD = re.compile(r"[^\W\d_]{2,}", re.U)


def _mostly_figures(sample: str) -> bool:
    """A table or list of figures (earnings, results): numbers are a third of the tokens. Its
    few words ("Shr", "mln", "vs") are abbreviations no profile knows well."""
    numbers, words = len(_NUMBER.findall(sample)), len(_WORD.findall(sample))
    return numbers >= 0.5 * max(1, words)


def ngram_probabilities(text: str, temperature: float = TEMPERATURE) -> list[tuple[str, float]]:
    """Every language's probability for ``text``, best first (empty when no n-gram is known)."""
    factory = _factory()
    scores, n = log_likelihoods(factory, text)
    if not n:
        return []
    langs = factory.langlist
    for lang, count in foreign_letters(text).items():
        if count and lang in langs:
            scores[langs.index(lang)] -= FOREIGN_LETTER_COST * count
    words = word_counts(text)
    if words:
        for i in np.argsort(-scores)[:3]:
            scores[i] += WORD_WEIGHT * words.get(langs[i], 0.0)
    z = (scores - scores.max()) * temperature
    p = np.exp(z)
    p /= p.sum()
    order = np.argsort(-p)
    return [(_CODES.get(langs[i], langs[i]), float(p[i])) for i in order]


def guess_language(text: str, hint: str | None = None, usual: str | None = None) -> LanguageGuess:
    """The language of ``text`` with its confidence. ``hint``: declared by the file (html lang,
    feed language), taken when the text has no letters or the guess is unsure and the text does
    not rule it out. ``usual``: the outlet's usual language (outlet directory), taken for text
    in its script that no language's n-grams claim with confidence (tables of figures, lists):
    Reuters' earnings tables otherwise come out in any language that writes "mln"."""
    hint = (hint or "").strip().lower()[:2] or None
    usual = (usual or "").strip().lower()[:2] or None
    sample = _NOISE.sub(" ", text[:SAMPLE_CHARS * 2])[:SAMPLE_CHARS]
    letters = len(_LETTER.findall(sample))
    if not letters:
        return _declared(hint, usual)
    quick = quick_language(sample)
    if quick is not None:
        return LanguageGuess(quick, QUICK_CONFIDENCE, "function words")
    probs = ngram_probabilities(sample)
    if not probs:
        return _declared(hint, usual)
    code, conf = probs[0]
    others = tuple(probs[1:4])
    p = dict(probs)
    # a short text only rules a declared language out when its script cannot be that language
    floor = HINT_AT_LEAST if letters >= MIN_LETTERS else 1e-4
    if hint and hint != code and (conf < HINT_BELOW or letters < MIN_LETTERS) and p.get(hint, 0.0) >= floor:
        return LanguageGuess(hint, p[hint], "hint", tuple(probs[:3]))
    if usual and not hint and usual != code and (conf < HINT_BELOW or _mostly_figures(sample)) \
            and _script(sample) == ("cyrillic" if usual in CYRILLIC_LANGUAGES else "latin"):
        return LanguageGuess(usual, p.get(usual, 0.0), "usual", tuple(probs[:3]))
    return LanguageGuess(code, conf, "n-grams", others)


def _declared(hint: str | None, usual: str | None) -> LanguageGuess:
    """No letters to go by: what the file declares, else the outlet's language, else nothing."""
    return LanguageGuess(hint or usual, 0.0, "hint" if hint else "usual" if usual else "none")


def detect_language(text: str, hint: str | None = None, usual: str | None = None) -> str | None:
    """ISO 639-1 code ("en", "ru", "uk", ...) of ``text`` (see guess_language); None only when
    the text has no letters and nothing declares a language."""
    return guess_language(text, hint, usual).code

