"""Every language's likelihood for a text: naive Bayes over langdetect's own n-gram profiles.

langdetect scores a text by sampling a few n-grams at random, several times, and averaging: on a
120-character snippet the draw decides close calls (Slovene/Croatian, Bulgarian/Macedonian), and
on a short one it often finds nothing and raises. Here every n-gram of the text counts once, in a
fixed order: the same profiles (55 languages, trained on Wikipedia, shipped in the langdetect
wheel), the same smoothing, no randomness, and a score for every language rather than a winner.

The profiles are read from langdetect's files into a compact factory (profiles.py, loaded once,
see detect.py); the text is cut into n-grams by langdetect's own Detector (its URL/e-mail
removal, normalisation, the rule that drops Latin from a text mostly in another script, and its
skipping of all-capital words). Those are internals of langdetect 1.0.9, pinned in pyproject.toml; tests/test_language.py fails if they
change. When most letters are capitals (a headline) the lower-cased text is used instead.
"""
from __future__ import annotations

import numpy as np

# langdetect's smoothing: alpha / BASE_FREQ added to each n-gram's probability in each language.
_SMOOTHING = 0.5 / 10000
# The start of a long text decides as well as the whole of it, and bounds the cost.
MAX_NGRAMS = 1500


def ngrams(factory, text: str) -> list[str]:
    """langdetect's n-grams (1-3 characters) of ``text`` that some profile knows."""
    letters = [ch for ch in text[:2000] if ch.isalpha()]
    if letters and sum(ch.isupper() for ch in letters) > 0.5 * len(letters):
        # all-capital words are skipped (acronyms); a headline in capitals is still a text
        text = text.lower()
    detector = factory.create()
    detector.append(text)
    detector.cleaning_text()
    return detector._extract_ngrams()[:MAX_NGRAMS]


def log_likelihoods(factory, text: str) -> tuple[np.ndarray, int]:
    """Log-likelihood of ``text`` in each of ``factory.langlist`` (a profiles.CompactFactory)
    and the number of n-grams used
    (0 when none is known: then every language scores 0)."""
    found = ngrams(factory, text)
    n_langs = len(factory.langlist)
    if not found:
        return np.zeros(n_langs), 0
    probs = factory.dense(found)          # profiles.CompactFactory: langdetect's rows, value for value
    return np.log(probs + _SMOOTHING).sum(axis=0), len(found)
