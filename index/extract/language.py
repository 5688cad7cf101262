"""Language detection: langdetect, seeded, on the start of the text.

langdetect is random by design; a fixed seed makes every run give the same answer. Its profile
loading (~0.3 s, first call) is not thread-safe, so it happens once under a lock; after that each
call builds its own Detector, which is safe on any thread.
"""
from __future__ import annotations

import re
import threading

from .stopword_lid import quick_language

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


def detect_language(text: str, hint: str | None = None) -> str | None:
    """ISO 639-1 code ("en", "ru", "uk", ...) of ``text``; ``hint`` (from metadata) when the text
    is too short to tell or detection fails. Deterministic for a given text."""
    from langdetect.lang_detect_exception import LangDetectException
    hint = (hint or "").strip().lower()[:2] or None
    sample = _NOISE.sub(" ", text[:SAMPLE_CHARS * 2])[:SAMPLE_CHARS]
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        return hint
    quick = quick_language(sample)
    if quick is not None:
        return quick
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
