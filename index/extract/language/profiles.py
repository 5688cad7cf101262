"""langdetect's n-gram profiles held compactly: the same probabilities in a few numpy arrays.

langdetect's factory keeps a Python list of 55 floats for each of its ~88,000 n-grams, although
96 % of the entries are zero (184,000 are not): ~80 MB in every process that detects a language,
that is in each import worker (measured, bench/import_bench.py's peak). ``CompactFactory`` loads
the same profile files through langdetect's own ``load_profile`` and keeps, per n-gram, only its
non-zero probabilities (a CSR matrix: ``start``, ``lang``, ``prob``), computed by the same
expression as langdetect's ``add_profile``, so every value is the same float.

Its ``word_lang_prob_map`` maps each n-gram to its row: langdetect's Detector only tests
membership in it when it cuts a text into n-grams (``_extract_ngrams``), which is all ngrams.py
asks of a Detector. ``dense`` gives the rows of some n-grams as the array of probabilities
langdetect's lists would give, value for value. langdetect's own global factory is left alone.
"""
from __future__ import annotations

from array import array

import numpy as np
from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import ErrorCode, LangDetectException


class CompactFactory(DetectorFactory):
    def __init__(self):
        super().__init__()
        # while loading, one entry per non-zero probability, in flat arrays (no Python object
        # each: the load's transient memory stays in the process as freed arenas otherwise)
        self._row, self._lang, self._prob = array("l"), array("h"), array("d")

    def add_profile(self, profile, index, langsize):
        # langdetect's add_profile, writing the non-zero probabilities only
        lang = profile.name
        if lang in self.langlist:
            raise LangDetectException(ErrorCode.DuplicateLangError,
                                      'Duplicate the same language profile.')
        self.langlist.append(lang)
        rows = self.word_lang_prob_map
        for word in profile.freq:
            row = rows.get(word)
            if row is None:
                row = rows[word] = len(rows)
            length = len(word)
            if 1 <= length <= 3:
                prob = 1.0 * profile.freq.get(word) / profile.n_words[length - 1]
                self._row.append(row)
                self._lang.append(index)
                self._prob.append(prob)

    def pack(self) -> None:
        """The loaded entries sorted by row (after ``load_profile``); within a row they stay in
        language order."""
        row = np.frombuffer(self._row, dtype=np.int64 if self._row.itemsize == 8 else np.int32)
        order = np.argsort(row, kind="stable")
        self.lang = np.frombuffer(self._lang, dtype=np.int16)[order]
        self.prob = np.frombuffer(self._prob, dtype=np.float64)[order]
        self.start = np.zeros(len(self.word_lang_prob_map) + 1, dtype=np.int64)
        np.cumsum(np.bincount(row, minlength=len(self.word_lang_prob_map)), out=self.start[1:])
        self._row, self._lang, self._prob = array("l"), array("h"), array("d")

    def dense(self, grams: list[str]) -> np.ndarray:
        """The probability rows of ``grams`` (known n-grams), one row each, zeros included."""
        idx = self.word_lang_prob_map
        rows = np.fromiter((idx[g] for g in grams), dtype=np.int64, count=len(grams))
        out = np.zeros((len(grams), len(self.langlist)), dtype=np.float64)
        lo, hi = self.start[rows], self.start[rows + 1]
        counts = hi - lo
        total = int(counts.sum())
        if total:
            which = np.repeat(np.arange(len(grams)), counts)
            # positions lo..hi-1 of each row, laid end to end
            pos = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts) \
                + np.repeat(lo, counts)
            out[which, self.lang[pos]] = self.prob[pos]
        return out


def load() -> CompactFactory:
    factory = CompactFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.pack()
    return factory
