"""The person tagger: an averaged perceptron over the features of features.py, read greedily left to right.

The weights ship in ``resources/data/persons_tagger.npz`` (trained by tools/train_persons.py on
CoNLL-2003 eng.train and the open BSNLP topics: research-only data, see resources/data/README.md).
The file holds the feature names (one UTF-8 blob, split at load) and a float16 weight matrix,
one row per feature and one column per class (features.CLASSES). It loads once per process.

Speed: only candidates (capitalised tokens) are scored. Nearly every feature is a function of one
word at one offset, so each (offset, word) gets its weight rows summed once and cached as a row of
``_mat``; a document is then one numpy gather over its candidates plus a short greedy pass for the
previous-tag feature.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from ...resources import data_path
from . import features as F

MODEL_FILE = "persons_tagger.npz"
BOUNDARY = ("<s>", "</s>")
_CACHE_ROWS = 400_000


@dataclass
class Span:
    start: int          # token index of the first word
    end: int            # one past the last
    words: list[str]    # the words as written
    score: float        # margin of the person tag over the best other class, lowest in the span
    char_start: int
    char_end: int


class Tagger:
    def __init__(self, names: list[str], weights: np.ndarray):
        self.classes = F.CLASSES
        self.index = {n: i for i, n in enumerate(names)}
        self.w = weights.astype(np.float32)
        k = self.w.shape[1]
        self.flag_w = np.stack([self._vec(f) for f in F.FLAGS])
        self.prev_w = [self._vec("prev=" + c).tolist() for c in self.classes]
        self.prev_none = self._vec("prev=-").tolist()
        self._lock = threading.Lock()
        self._rows: list[dict[str, int]] = [{} for _ in F.OFFSETS]
        self._mat = np.zeros((1024, k), np.float32)
        self._n = 0

    @classmethod
    def load(cls, path: Path | None = None) -> "Tagger":
        path = path or data_path(MODEL_FILE)
        with np.load(path, allow_pickle=False) as z:
            names = bytes(z["names"]).decode("utf-8").split("\n")
            weights = z["weights"]
            classes = tuple(bytes(z["classes"]).decode("utf-8").split("\n"))
        if classes != F.CLASSES or len(names) != weights.shape[0]:
            raise ValueError(f"{path}: not a person model for these features")
        return cls(names, weights)

    def _vec(self, feature: str) -> np.ndarray:
        i = self.index.get(feature)
        return self.w[i] if i is not None else np.zeros(self.w.shape[1], np.float32)

    def _row(self, slot: int, word: str) -> int:
        rows = self._rows[slot]
        r = rows.get(word)
        if r is None:
            ids = [i for f in F.word_features(word, F.OFFSETS[slot]) if (i := self.index.get(f)) is not None]
            vec = self.w[ids].sum(0) if ids else 0.0
            with self._lock:
                if self._n >= _CACHE_ROWS:
                    for d in self._rows:
                        d.clear()
                    self._n = 0
                if self._n == len(self._mat):
                    self._mat = np.concatenate([self._mat, np.zeros_like(self._mat)])
                r = self._n
                self._mat[r] = vec
                self._n += 1
                rows[word] = r
        return r

    def scores(self, words: list[str], lines: list[int], cands: list[int], flags) -> np.ndarray:
        """Class scores of every candidate before the previous-tag feature: (len(cands), classes)."""
        n = len(words)
        idx = []
        for i in cands:
            ln = lines[i]
            row = []
            for slot, o in enumerate(F.OFFSETS):
                j = i + o
                if 0 <= j < n and lines[j] == ln:
                    row.append(self._row(slot, words[j]))
                else:
                    row.append(self._row(slot, BOUNDARY[o > 0]))
            idx.append(row)
        s = self._mat[np.array(idx, dtype=np.intp)].sum(1)
        return s + np.array(flags, dtype=np.float32) @ self.flag_w

    def tag(self, text: str) -> list[Span]:
        toks, offs, lines = F.tokenize(text)
        words, cands, flags = F.prepare(toks, lines)
        if not cands:
            return []
        base = self.scores(words, lines, cands, flags).tolist()
        spans: list[Span] = []
        prev_i, prev_c = -2, 0
        cur: list[int] = []
        margins: list[float] = []
        for k, i in enumerate(cands):
            add = self.prev_w[prev_c] if prev_i == i - 1 else self.prev_none
            sc = [a + b for a, b in zip(base[k], add)]
            c = max(range(len(sc)), key=sc.__getitem__)
            per = c in (F.PER_B, F.PER_I)
            if cur and (not per or c == F.PER_B or prev_i != i - 1):
                spans.append(self._span(cur, margins, words, toks, offs))
                cur, margins = [], []
            if per:
                cur.append(i)
                best_other = max(v for j, v in enumerate(sc) if j not in (F.PER_B, F.PER_I))
                margins.append(sc[c] - best_other)
            prev_i, prev_c = i, c
        if cur:
            spans.append(self._span(cur, margins, words, toks, offs))
        return [s for s in spans if s.words]

    @staticmethod
    def _span(idx: list[int], margins: list[float], words, toks, offs) -> Span:
        while idx and words[idx[-1]] in F.PARTICLES:
            idx, margins = idx[:-1], margins[:-1]
        while idx and words[idx[0]] in F.PARTICLES:
            idx, margins = idx[1:], margins[1:]
        if not idx:
            return Span(0, 0, [], 0.0, 0, 0)
        return Span(idx[0], idx[-1] + 1, [words[i] for i in idx], min(margins),
                    offs[idx[0]][0], offs[idx[-1]][1])


@lru_cache(maxsize=1)
def tagger() -> Tagger:
    """The shipped model, loaded once per process."""
    return Tagger.load()
