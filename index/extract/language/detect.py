"""Language detection: langdetect, seeded, on the start of the text.

langdetect is random by design; a fixed seed makes every run give the same answer. Its profile
loading (~0.3 s, first call) is not thread-safe, so it happens once under a lock; after that each
call builds its own Detector, which is safe on any thread.
"""
from __future__ import annotations

import re
import threading

from .function_words import quick_language

SAMPLE_CHARS = 1500       # the first 1,000-1,500 characters decide as well as the whole text, faster
MIN_LETTERS = 20          # below this a hint from metadata is more reliable than detection
_LETTER = re.compile(r"[^\W\d_]", re.U)
_NOISE = re.compile(r"https?://\S+|www\.\S+|\S+@\S+")
_LOCK = threading.Lock()
_READY = False
# langdetect's regional codes -> ISO 639-1
_CODES = {"zh-cn": "zh", "zh-tw": "zh"}


def _factory():
    global _READY
    from langdetect import DetectorFactory
    from langdetect import detector_factory as df
    if not _READY:
        with _LOCK:
            if not _READY:
                DetectorFactory.seed = 0
                df.init_factory()
                _READY = True
    return df._factory


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


def detect_language(text: str, hint: str | None = None, usual: str | None = None) -> str | None:
    """ISO 639-1 code ("en", "ru", "uk", ...) of ``text``; ``hint`` (from metadata) when the text
    is too short to tell or detection fails. Deterministic for a given text.

    ``usual``: the outlet's usual language (outlet directory). When the function words give no
    answer (tables of figures, lists, very short items) and the text is in that language's
    script, it is taken: langdetect guesses badly on such text (Reuters' earnings tables came out
    Swedish 9% of the time) and slowly (~6 ms each, a quarter of Reuters)."""
    from langdetect.lang_detect_exception import LangDetectException
    hint = (hint or "").strip().lower()[:2] or None
    sample = _NOISE.sub(" ", text[:SAMPLE_CHARS * 2])[:SAMPLE_CHARS]
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        return hint or usual
    quick = quick_language(sample)
    if quick is not None:
        return quick
    usual = (usual or "").strip().lower()[:2] or None
    if usual and not hint and _script(sample) == ("cyrillic" if usual in CYRILLIC_LANGUAGES else "latin"):
        return usual
    factory = _factory()
    try:
        detector = factory.create()
        detector.append(sample)
        probs = detector.get_probabilities()
    except LangDetectException:
        return hint
    if not probs:
        return hint
    best = probs[0]
    code = _CODES.get(best.lang, best.lang)
    # An unsure guess (mixed or very short text) yields to the page's own declaration.
    if hint and best.prob < 0.6 and any(_CODES.get(p.lang, p.lang) == hint for p in probs):
        return hint
    return code
